/**
 * Runs one ssh probe for `doctor`: an argument array (never a shell), stdin closed, in its own
 * session and process group (so no terminal to prompt on, and the nested jump processes can be
 * killed together), under an external wall-clock limit, with stderr streamed line by line for
 * the progress markers.
 *
 * node:child_process rather than execa, as in run.ts: doctor's live part must stay within 1.3×
 * one plain `ssh target true`, and loading execa alone costs about a fifth of that budget
 * (`npm run bench`). Still an argument array, never a shell.
 */
import { spawn } from 'node:child_process';

export interface ProbeOptions {
  /** Kill the whole process group after this long. */
  readonly wallMs: number;
  /** Read the first line of stdout (a `-W` probe's banner) and stop as soon as it arrives. */
  readonly banner?: boolean;
  readonly onStderrLine?: (line: string) => void;
}

export interface ProbeResult {
  readonly exitCode: number | null;
  readonly stderr: string;
  /** The first stdout line of a banner probe ('' when none came). */
  readonly banner?: string;
  /** Set when the wall clock killed it. */
  readonly killedAfterMs?: number;
  /** The user interrupted jumpctl while the probe ran. */
  readonly interrupted?: NodeJS.Signals;
  readonly durationMs: number;
}

const BANNER_BYTES = 255;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
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
      partial += d;
      let nl: number;
      while ((nl = partial.indexOf('\n')) >= 0) {
        onLine?.(partial.slice(0, nl).replace(/\r$/, ''));
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

/** The first line once it is complete (or BANNER_BYTES long), without its line ending. */
function firstLine(out: string): string | undefined {
  const nl = out.indexOf('\n');
  if (nl < 0 && out.length < BANNER_BYTES) return undefined;
  return (nl >= 0 ? out.slice(0, nl) : out.slice(0, BANNER_BYTES)).replace(/\r$/, '');
}

export async function runProbe(file: string, args: readonly string[], o: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now();
  const child = spawn(file, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    shell: false,
    env: { ...process.env, SSH_ASKPASS_REQUIRE: 'never' },
  });
  const pid = child.pid;
  const onExit = () => killGroup(pid);
  process.once('exit', onExit);
  // Ctrl-C ends the probe, not jumpctl: the caller cleans up and reports the interruption.
  let interrupted: NodeJS.Signals | undefined;
  const interrupt = (sig: NodeJS.Signals) => {
    interrupted = sig;
    killGroup(pid);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const s of signals) process.once(s, interrupt);

  const err = lineReader(o.onStderrLine);
  child.stderr?.setEncoding('utf8').on('data', err.push);
  let out = '';
  let banner: string | undefined;
  child.stdout?.setEncoding('latin1').on('data', (d: string) => {
    if (!o.banner || banner !== undefined) return;
    out += d;
    banner = firstLine(out);
    if (banner !== undefined) killGroup(pid); // the banner is all a link probe needs
  });
  let killedAfterMs: number | undefined;
  const wall = setTimeout(() => {
    killedAfterMs = Date.now() - started;
    killGroup(pid);
  }, o.wallMs);
  // Everything that explains a failure is written before ssh itself exits (it is the outermost
  // process); what the jump processes print after that is their SIGHUP. Ending the group at once
  // lets the pipes close without waiting for them; the output already written is still read.
  let exitCode: number | null = null;
  const closed = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      exitCode = code;
      killGroup(pid);
    });
    child.once('close', () => resolve());
  });
  await closed;
  clearTimeout(wall);
  process.off('exit', onExit);
  for (const s of signals) process.off(s, interrupt);
  err.flush();
  return {
    exitCode,
    stderr: err.text(),
    ...(o.banner ? { banner: banner ?? out.replace(/\r?\n[\s\S]*$/, '') } : {}),
    ...(killedAfterMs !== undefined && banner === undefined ? { killedAfterMs } : {}),
    ...(interrupted ? { interrupted } : {}),
    durationMs: Date.now() - started,
  };
}
