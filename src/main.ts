/**
 * The entry: runs the program and maps every outcome to an exit code (the table is EXIT, in
 * core/errors.ts). The only place that sets the process's exit code, and the one boundary where
 * results and errors are written: JSON on stdout under --json, otherwise text with its control
 * characters made visible.
 */
import { CommanderError, type Command } from 'commander';
import { buildProgram, type Output } from './cli/program.js';
import { EXIT, isCancellation, isDeclined, JumpctlError } from './core/errors.js';

// Written in by the bundler (build.mjs) from package.json, so start-up reads no JSON.
declare const JUMPCTL_VERSION: string;
const version = JUMPCTL_VERSION;
const argv = process.argv.slice(2);

/**
 * --json and --no-color as commander parsed them for the command that runs (set before its
 * action), never a word of argv: `connect db -- ls --json` hands --json to ssh.
 */
const style = { json: false, color: true };
const styleOf = (cmd: Command) => {
  const o = cmd.optsWithGlobals<{ json?: boolean; color?: boolean }>();
  return { json: o.json === true, color: o.color !== false && !('NO_COLOR' in process.env) };
};

async function human(text: string, fd: 1 | 2): Promise<void> {
  const { vis } = await import('./core/vis.js');
  (fd === 1 ? process.stdout : process.stderr).write(`${vis(text, style.color)}\n`);
}

async function emit(out: Output): Promise<void> {
  if (out.silent === true) {
    // nothing to print: the command talked to the terminal itself
  } else if (style.json) process.stdout.write(`${JSON.stringify(out.data, null, 2)}\n`);
  else await human(await out.render(), 1);
  if (out.exitCode !== undefined) process.exitCode = out.exitCode;
}

async function report(e: JumpctlError): Promise<void> {
  const ui = await import('./ui/report-error.js');
  if (style.json) process.stdout.write(`${ui.errorJson(e)}\n`);
  else {
    const { makeTheme } = await import('./ui/theme.js');
    await human(ui.errorText(e, await makeTheme(style)), 2);
  }
  process.exitCode = e.exitCode;
}

let cancelledSaid = false;
/** One quiet line (or the JSON error), exit 130. Said once, whichever way the cancel came. */
function cancelled(): void {
  if (!cancelledSaid) {
    cancelledSaid = true;
    if (style.json)
      process.stdout.write(
        `${JSON.stringify({ error: { code: 'E_CANCELLED', message: 'cancelled' } }, null, 2)}\n`,
      );
    else process.stderr.write('cancelled\n');
  }
  process.exitCode = EXIT.CANCELLED;
}

/** How many inquirer prompts are up: their signal-exit is loaded (and listens for SIGINT) then. */
function promptsUp(): number {
  const emitter = (globalThis as Record<symbol, { count?: number } | undefined>)[
    Symbol.for('signal-exit emitter')
  ];
  return emitter?.count ?? 0;
}

/**
 * A SIGINT sent to jumpctl while a prompt is up (Ctrl-C typed into a prompt is a key, and
 * inquirer rejects with ExitPromptError) cancels the run. The exit runs the 'exit' listeners: the
 * edit lock is released (lock.ts) and Node puts the terminal back out of raw mode. While ssh or a
 * probe runs, their own handlers (src/ssh/) are in charge and this one stays out.
 */
function onSigint(): void {
  const prompts = promptsUp();
  if (process.listenerCount('SIGINT') > 1 + prompts) return;
  // The prompt hid the cursor and is interrupted before it can show it again.
  if (process.stderr.isTTY) process.stderr.write('\u001b[?25h\n');
  cancelled();
  process.exit(EXIT.CANCELLED);
}

/**
 * jumpctl listens for SIGINT only while a prompt is up, following inquirer's own listener. At
 * any other time SIGINT keeps its default, which ends jumpctl at once, even in the middle of
 * synchronous work (a listener would wait for it, and for a Match exec command that ignores it).
 */
function cancelPromptsOnSigint(): void {
  let listening = false;
  process.on('newListener', (event) => {
    if (event !== 'SIGINT' || listening || promptsUp() === 0) return;
    listening = true;
    process.on('SIGINT', onSigint);
  });
  process.on('removeListener', (event) => {
    if (event !== 'SIGINT' || !listening) return;
    // signal-exit counts itself down after it removes its listener.
    setImmediate(() => {
      if (!listening || promptsUp() > 0) return;
      listening = false;
      process.off('SIGINT', onSigint);
    });
  });
}

async function main(): Promise<void> {
  cancelPromptsOnSigint();
  const program = buildProgram(version, emit, argv);
  // The command commander is parsing, for its usage errors.
  let current: Command = program;
  program.hook('preSubcommand', (_p, sub) => {
    current = sub;
  });
  program.hook('preAction', (_p, cmd) => {
    Object.assign(style, styleOf(cmd));
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError && e.exitCode === 0) {
      process.exitCode = EXIT.OK; // --help or --version, answered
    } else if (e instanceof CommanderError) {
      // Parsing stopped at the error, so a --json after it was never parsed; one before `--` is
      // still what the user asked for (after `--` it is ssh's).
      const dash = argv.indexOf('--');
      const s = styleOf(current);
      s.json ||= (dash < 0 ? argv : argv.slice(0, dash)).includes('--json');
      Object.assign(style, s);
      const { usageError } = await import('./cli/usage.js');
      const usage = usageError(e, current, argv);
      // Bare `jumpctl` has shown the whole help on stderr: that says it all.
      if (style.json || e.code !== 'commander.help') await report(usage);
      process.exitCode = EXIT.USAGE;
    } else if (isCancellation(e)) {
      cancelled();
    } else if (isDeclined(e)) {
      // Answering no is a decision, not a failure (README: "Errors and exit codes").
      if (style.json)
        process.stdout.write(`${JSON.stringify({ written: false, declined: true }, null, 2)}\n`);
      else process.stderr.write('nothing was written\n');
      process.exitCode = EXIT.OK;
    } else if (e instanceof JumpctlError) {
      await report(e);
    } else {
      // A bug: the stack is for the report; under --json stdout still gets one error object.
      process.stderr.write(`jumpctl: internal error: ${(e as Error).stack ?? String(e)}\n`);
      if (style.json)
        await report(
          new JumpctlError('E_INTERNAL', `internal error: ${(e as Error).message ?? String(e)}`, {
            exitCode: EXIT.INTERNAL,
          }),
        );
      process.exitCode = EXIT.INTERNAL;
    }
  }
}

void main();
