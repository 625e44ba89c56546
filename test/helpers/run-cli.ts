/** Runs the built CLI the way a user does, isolated from the real home directory. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { after } from 'node:test';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'jumpctl.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: () => unknown;
}

/**
 * A temporary home with these files (mode 0600, directories 0700). It is removed when the test
 * (or, outside a test, the file's tests) that made it ends: the suite leaves nothing behind.
 */
export function tempHome(files: Record<string, string> = {}): string {
  const home = mkdtempSync(join(tmpdir(), 'jumpctl-home-'));
  after(() => rmSync(home, { recursive: true, force: true }));
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
    // The developer's own settings ($XDG_CONFIG_HOME/jumpctl/config.json) must not change results.
    XDG_CONFIG_HOME: join(home, '.config'),
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

/**
 * Why runInOwnPasswdHome cannot run here (false when it can): it needs root, for a mount
 * namespace of its own.
 */
export const ownPasswdHomeSkip: string | false =
  process.getuid?.() !== 0
    ? 'needs root: the passwd home is replaced in a private mount namespace'
    : spawnSync('unshare', ['--mount', 'true']).status !== 0
      ? 'unshare --mount is not permitted here'
      : false;

/**
 * runCli with the passwd entry's home directory (where ssh, and so jumpctl, expand `~`, whatever
 * $HOME says) replaced by `passwdHome` in a private mount namespace: what jumpctl writes under
 * `~` lands there, never in the real home.
 */
export function runInOwnPasswdHome(
  args: string[],
  home: string,
  passwdHome: string,
  extraEnv: Record<string, string> = {},
): CliRun {
  const script = 'mount --bind "$1" "$2" && shift 2 && exec "$@"';
  const r = spawnSync(
    'unshare',
    ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', passwdHome, userInfo().homedir].concat([
      process.execPath,
      CLI,
      ...args,
    ]),
    { encoding: 'utf8', env: cliEnv(home, extraEnv) },
  );
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: () => JSON.parse(r.stdout) as unknown,
  };
}
