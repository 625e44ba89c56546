/** Runs the built CLI the way a user does, isolated from the real home directory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'jumpctl.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: () => unknown;
}

export function tempHome(files: Record<string, string> = {}): string {
  const home = mkdtempSync(join(tmpdir(), 'jumpctl-home-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(home, rel);
    mkdirSync(dirname(p), { recursive: true, mode: 0o700 });
    writeFileSync(p, text, { mode: 0o600 });
  }
  return home;
}

/** The environment runCli gives jumpctl: everything of its own under `home`. */
export function cliEnv(home: string, extraEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.state'),
    NO_COLOR: '1',
    ...extraEnv,
  };
}

export function runCli(args: string[], home: string, extraEnv: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: cliEnv(home, extraEnv) });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: () => JSON.parse(r.stdout) as unknown,
  };
}
