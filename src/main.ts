/**
 * The entry: runs the program and maps every outcome to an exit code. The only place that sets
 * the process's exit code.
 */
import { CommanderError } from 'commander';
import { buildProgram, type Output } from './cli/program.js';
import { JumpctlError } from './core/errors.js';

// Written in by the bundler (build.mjs) from package.json, so start-up reads no JSON.
declare const JUMPCTL_VERSION: string;
const version = JUMPCTL_VERSION;
const argv = process.argv.slice(2);
const wantsJson = argv.includes('--json');

async function emit(out: Output): Promise<void> {
  if (out.silent === true) {
    // nothing to print: the command talked to the terminal itself
  } else if (wantsJson) process.stdout.write(`${JSON.stringify(out.data, null, 2)}\n`);
  else process.stdout.write(`${await out.render()}\n`);
  if (out.exitCode !== undefined) process.exitCode = out.exitCode;
}

async function report(e: JumpctlError): Promise<void> {
  const ui = await import('./ui/report-error.js');
  if (wantsJson) process.stdout.write(`${ui.errorJson(e)}\n`);
  else {
    const { makeTheme } = await import('./ui/theme.js');
    process.stderr.write(`${ui.errorText(e, await makeTheme({ color: !argv.includes('--no-color') }))}\n`);
  }
  process.exitCode = e.exitCode;
}

async function main(): Promise<void> {
  try {
    await buildProgram(version, emit, argv).parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
    } else if (e instanceof JumpctlError) {
      await report(e);
    } else {
      process.stderr.write(`jumpctl: internal error: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 70;
    }
  }
}

void main();
