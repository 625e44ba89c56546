// Running programs "as the client" (or as any lab user, or root) inside a lab namespace:
// `ip netns exec <ns> setpriv --reuid … -- cmd args` with execve-style argv (no shell), a
// minimal environment, its own process group, and a wall-clock limit.
import type { ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { tool } from './proc.js';
import type { Place } from './netns.js';

export interface ExecOptions {
  /** Namespace to run in. Default 'client'. */
  where?: Place;
  /** Run as root instead of that place's lab user. */
  asRoot?: boolean;
  /** Extra environment (undefined removes a variable). The base is PATH, HOME, USER, LOGNAME, LANG. */
  env?: Record<string, string | undefined>;
  /** Working directory. Default: the user's lab home. */
  cwd?: string;
  /** Written to stdin, then stdin is closed. Without it stdin is /dev/null. */
  input?: string;
  /** Wall-clock limit; the whole process group is killed. Default 30 s. */
  timeoutMs?: number;
}

export interface ExecResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

export interface Command {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

export interface RunAs {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export function buildCommand(
  ns: string,
  user: RunAs,
  cmd: string,
  args: readonly string[],
  opts: ExecOptions,
): Command {
  const root = opts.asRoot === true;
  const prefix = ['netns', 'exec', ns];
  if (!root) {
    prefix.push(
      tool('setpriv'),
      '--reuid',
      String(user.uid),
      '--regid',
      String(user.gid),
      '--init-groups',
      '--',
    );
  }
  const env: Record<string, string> = {
    PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin`,
    HOME: root ? '/root' : user.home,
    USER: root ? 'root' : user.name,
    LOGNAME: root ? 'root' : user.name,
    LANG: 'C.UTF-8',
  };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return { file: tool('ip'), args: [...prefix, cmd, ...args], env, cwd: opts.cwd ?? user.home };
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // group already gone
  }
}

/** Collects output of a child spawned detached (own process group) until it exits. */
export function collect(child: ChildProcess, opts: ExecOptions): Promise<ExecResult> {
  const started = performance.now();
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin?.on('error', () => undefined); // EPIPE when the program does not read its input
  if (opts.input !== undefined) child.stdin?.end(opts.input);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child);
  }, opts.timeoutMs ?? 30_000);
  return new Promise((resolve, reject) => {
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // Leftover members of the group (e.g. inner `ssh -W`) would keep the pipes open.
      const grace = setTimeout(() => {
        killGroup(child);
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, 1000);
      const finish = (): void => {
        clearTimeout(grace);
        resolve({ code, signal, stdout, stderr, timedOut, durationMs: performance.now() - started });
      };
      if (child.stdout?.readableEnded !== false && child.stderr?.readableEnded !== false) finish();
      else child.once('close', finish);
    });
  });
}

export { killGroup };
