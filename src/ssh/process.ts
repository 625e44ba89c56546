/**
 * Every process jumpctl starts is started here; ESLint forbids node:child_process (and execa)
 * anywhere else in src/. One function per kind of run:
 * - runInteractive: the real ssh with the terminal handed over (connect). jumpctl ignores the
 *   terminal's own signals meanwhile, forwards the others, and returns ssh's exit code.
 * - runCaptured: a run whose output is read (doctor's probes, `ssh -V`, `ssh -G`, `ssh-add -l`,
 *   copy-id's script and `ssh -O exit`). It never holds the terminal: its own session and process
 *   group, stdin from `input` or /dev/null. The whole group (the jump processes ssh started
 *   included) is killed at the time limit, on abort, when the process exits, and when jumpctl
 *   exits, so nothing is ever left behind.
 * - startWithTerminal: a background ssh that may prompt on the terminal (copy-id's master
 *   connection): stdin inherited, stderr read, running until it exits or is killed.
 * - matchExecRunner: `Match exec`, synchronous, through the user's shell as ssh runs it.
 * - findOnPath / everyOnPath: the one PATH scanner, as execvp(3) looks.
 *
 * Why node:child_process and not execa: three of these cannot use execa anyway (Match exec must
 * be synchronous, because resolving evaluates Match lines in order, and execa loads only
 * asynchronously; connect and doctor keep execa's module graph out of their start-up time, which
 * `npm run bench` measures), and execa's timeout ends only the child, not the jump processes it
 * started. One mechanism then gives every run the same rules for signals, time limits and
 * clean-up. Always an argument array, never a shell, except Match exec, where the command is
 * the user's own and ssh gives it to the shell too. node:child_process itself is loaded on the
 * first run (process.getBuiltinModule), not when this module is.
 */
import type * as ChildProcess from 'node:child_process';
import { statSync } from 'node:fs';
import { constants } from 'node:os';
import { delimiter, join } from 'node:path';

function childProcess(): typeof ChildProcess {
  return process.getBuiltinModule('node:child_process') as typeof ChildProcess;
}

/** Every executable file named `name` in the directories of PATH, in order. */
function* onPath(name: string): Generator<string> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      const st = statSync(p);
      if (st.isFile() && (st.mode & 0o111) !== 0) yield p;
    } catch {
      // not here
    }
  }
}

/** The executable execvp(3) would run for `name`. */
export function findOnPath(name: string): string | undefined {
  for (const p of onPath(name)) return p;
  return undefined;
}

/** Every executable named `name` on PATH, the one that runs first. */
export function everyOnPath(name: string): string[] {
  return [...onPath(name)];
}

/** Runs `file` with the terminal handed over; `onSpawn` runs once it has started (never when it could not be). */
export function runInteractive(file: string, args: readonly string[], onSpawn?: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn(file, args, { stdio: 'inherit', shell: false });
    if (onSpawn) child.once('spawn', onSpawn);
    const ignore = () => undefined;
    const forward = (sig: NodeJS.Signals) => () => {
      child.kill(sig);
    };
    const handlers: [NodeJS.Signals, () => void][] = [
      ['SIGINT', ignore],
      ['SIGQUIT', ignore],
      ['SIGTERM', forward('SIGTERM')],
      ['SIGHUP', forward('SIGHUP')],
    ];
    for (const [s, h] of handlers) process.on(s, h);
    const done = () => {
      for (const [s, h] of handlers) process.off(s, h);
    };
    // If jumpctl itself exits first (an uncaught error), ssh must not be left behind.
    const onExit = () => child.kill('SIGTERM');
    process.once('exit', onExit);
    child.once('error', (e) => {
      done();
      process.off('exit', onExit);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      done();
      process.off('exit', onExit);
      if (typeof code === 'number') resolve(code);
      else resolve(signal ? 128 + (constants.signals[signal] ?? 0) : 255);
    });
  });
}

export interface CaptureOptions {
  /** Kill the whole process group after this long. */
  readonly timeoutMs: number;
  /** Written to stdin, which is then closed; without it stdin is /dev/null. */
  readonly input?: string;
  /** Added to jumpctl's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Each complete stderr line, as it arrives. */
  readonly onStderrLine?: (line: string) => void;
  /** Read stdout (latin1) only up to its first line, at most 255 bytes, then end the run. */
  readonly firstLine?: boolean;
  /** SIGINT and SIGTERM end this run instead of jumpctl; the result says which came. */
  readonly interruptible?: boolean;
  /** Aborting ends the run (SIGTERM to its group). */
  readonly signal?: AbortSignal;
}

export interface Captured {
  /** null when it was killed by a signal or could not be started. */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** With `firstLine`: stdout's first line ('' when none came). */
  readonly firstLine?: string;
  /** Set when the time limit killed it (not when it ended after its first line). */
  readonly killedAfterMs?: number;
  /** With `interruptible`: the signal that interrupted jumpctl while it ran. */
  readonly interrupted?: NodeJS.Signals;
  readonly durationMs: number;
  /** Why it could not be started (nothing ran). */
  readonly spawnError?: Error;
}

const FIRST_LINE_BYTES = 255;

function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Collects a stream's text and hands each complete line to `onLine` as it arrives. */
function lineReader(onLine: ((line: string) => void) | undefined) {
  let all = '';
  let partial = '';
  return {
    push: (d: string) => {
      all += d;
      if (!onLine) return;
      partial += d;
      let nl: number;
      while ((nl = partial.indexOf('\n')) >= 0) {
        onLine(partial.slice(0, nl).replace(/\r$/, ''));
        partial = partial.slice(nl + 1);
      }
    },
    flush: () => {
      if (partial) onLine?.(partial);
      partial = '';
    },
    text: () => all,
  };
}

/** The first line once it is complete (or FIRST_LINE_BYTES long), without its line ending. */
function firstLineOf(out: string): string | undefined {
  const nl = out.indexOf('\n');
  if (nl < 0 && out.length < FIRST_LINE_BYTES) return undefined;
  return (nl >= 0 ? out.slice(0, nl) : out.slice(0, FIRST_LINE_BYTES)).replace(/\r$/, '');
}

/** Runs `file` in its own session and process group and reads its output; never rejects. */
export async function runCaptured(
  file: string,
  args: readonly string[],
  o: CaptureOptions,
): Promise<Captured> {
  const started = Date.now();
  const child = childProcess().spawn(file, args, {
    stdio: [o.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    detached: true,
    shell: false,
    env: o.env ? { ...process.env, ...o.env } : process.env,
  });
  const pid = child.pid;
  const onExit = () => killGroup(pid);
  process.once('exit', onExit);
  let interrupted: NodeJS.Signals | undefined;
  const interrupt = (sig: NodeJS.Signals) => {
    interrupted = sig;
    killGroup(pid);
  };
  const signals: NodeJS.Signals[] = o.interruptible ? ['SIGINT', 'SIGTERM'] : [];
  for (const s of signals) process.once(s, interrupt);
  const abort = () => killGroup(pid, 'SIGTERM');
  o.signal?.addEventListener('abort', abort, { once: true });

  if (o.input !== undefined && child.stdin) {
    child.stdin.on('error', () => undefined); // it may exit without reading: EPIPE is no error here
    child.stdin.end(o.input);
  }
  const err = lineReader(o.onStderrLine);
  child.stderr?.setEncoding('utf8').on('data', err.push);
  let out = '';
  let first: string | undefined;
  child.stdout?.setEncoding(o.firstLine ? 'latin1' : 'utf8').on('data', (d: string) => {
    if (o.firstLine && first !== undefined) return;
    out += d;
    if (!o.firstLine) return;
    first = firstLineOf(out);
    if (first !== undefined) killGroup(pid); // the first line is all that was asked for
  });
  let killedAfterMs: number | undefined;
  const wall = setTimeout(() => {
    killedAfterMs = Date.now() - started;
    killGroup(pid);
  }, o.timeoutMs);
  // What explains a failure is written before the process itself exits; what the others in its
  // group print after that is their SIGHUP. Ending the group at once lets the pipes close
  // without waiting for them; the output already written is still read.
  let exitCode: number | null = null;
  const spawnError = await new Promise<Error | undefined>((resolve) => {
    child.once('error', (e) => resolve(e));
    child.once('exit', (code) => {
      exitCode = code;
      killGroup(pid);
    });
    child.once('close', () => resolve(undefined));
  });
  clearTimeout(wall);
  process.off('exit', onExit);
  for (const s of signals) process.off(s, interrupt);
  o.signal?.removeEventListener('abort', abort);
  err.flush();
  return {
    exitCode,
    stdout: out,
    stderr: err.text(),
    ...(o.firstLine ? { firstLine: first ?? out.replace(/\r?\n[\s\S]*$/, '') } : {}),
    ...(killedAfterMs !== undefined && first === undefined ? { killedAfterMs } : {}),
    ...(interrupted ? { interrupted } : {}),
    durationMs: Date.now() - started,
    ...(spawnError ? { spawnError } : {}),
  };
}

export interface Background {
  /** Its exit code once it has exited (null when killed by a signal or never started). */
  readonly exited: Promise<number | null>;
  /** What it has written to stderr so far (the first `stderrLimit` characters or so). */
  stderr(): string;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Starts `file` in jumpctl's own session, so that it can ask on the terminal (passwords, host
 * keys); stdin inherited, stdout discarded, stderr read. It is sent SIGTERM if jumpctl exits
 * while it runs.
 */
export function startWithTerminal(
  file: string,
  args: readonly string[],
  o: { readonly stderrLimit: number },
): Background {
  const child = childProcess().spawn(file, args, { stdio: ['inherit', 'ignore', 'pipe'], shell: false });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    if (stderr.length < o.stderrLimit) stderr += d;
  });
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code));
  });
  void exited.then(() => process.off('exit', onExit));
  return {
    exited,
    stderr: () => stderr,
    kill: (signal = 'SIGTERM') => {
      child.kill(signal);
    },
  };
}

/**
 * `Match exec`: ssh runs the command with the user's shell (`$SHELL -c`), stdin and stdout on
 * /dev/null, and takes exit status 0 as a match. The command comes from the user's own config,
 * which is exactly where ssh takes it from; jumpctl adds nothing to it. Synchronous, because ssh
 * evaluates Match lines in order while resolving, and at hand for every config a chain reaches
 * (a jump's own `-F` file is found only while resolving).
 */
export function matchExecRunner(): (command: string) => boolean {
  return (command) => {
    const r = childProcess().spawnSync(process.env.SHELL || '/bin/sh', ['-c', command], {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: false,
    });
    return r.status === 0;
  };
}
