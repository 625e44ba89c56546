/**
 * Runs one ssh probe for `doctor`: an argument array (never a shell), stdin closed, in its own
 * session and process group (so no terminal to prompt on, and the nested jump processes can be
 * killed together), under an external wall-clock limit, with stderr streamed line by line for
 * the progress markers.
 */
import { execa } from 'execa';

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

/** After ssh itself exits, inner hops get SIGHUP; give them a moment to flush, then end the group. */
const GRACE_MS = 200;
const BANNER_BYTES = 255;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function runProbe(file: string, args: readonly string[], o: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now();
  const child = execa(file, args, {
    reject: false,
    stdin: 'ignore',
    buffer: false,
    detached: true,
    cleanup: false,
    env: { SSH_ASKPASS_REQUIRE: 'never' },
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

  let stderr = '';
  let partial = '';
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    partial += d;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      o.onStderrLine?.(partial.slice(0, nl).replace(/\r$/, ''));
      partial = partial.slice(nl + 1);
    }
  });
  let out = '';
  let banner: string | undefined;
  child.stdout?.setEncoding('latin1').on('data', (d: string) => {
    if (!o.banner || banner !== undefined) return;
    out += d;
    const nl = out.indexOf('\n');
    if (nl >= 0 || out.length >= BANNER_BYTES) {
      banner = (nl >= 0 ? out.slice(0, nl) : out.slice(0, BANNER_BYTES)).replace(/\r$/, '');
      killGroup(pid); // the banner is all a link probe needs
    }
  });
  let killedAfterMs: number | undefined;
  const wall = setTimeout(() => {
    killedAfterMs = Date.now() - started;
    killGroup(pid);
  }, o.wallMs);
  let grace: NodeJS.Timeout | undefined;
  child.once('exit', () => {
    grace = setTimeout(() => killGroup(pid), GRACE_MS);
  });
  const result = await child;
  clearTimeout(wall);
  if (grace) clearTimeout(grace);
  process.off('exit', onExit);
  for (const s of signals) process.off(s, interrupt);
  if (partial) o.onStderrLine?.(partial);
  return {
    exitCode: typeof result.exitCode === 'number' ? result.exitCode : null,
    stderr,
    ...(o.banner ? { banner: banner ?? out.split('\n')[0]?.replace(/\r$/, '') ?? '' } : {}),
    ...(killedAfterMs !== undefined && banner === undefined ? { killedAfterMs } : {}),
    ...(interrupted ? { interrupted } : {}),
    durationMs: Date.now() - started,
  };
}
