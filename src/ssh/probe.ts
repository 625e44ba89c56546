/**
 * One ssh probe for `doctor`: stdin closed and no terminal to prompt on (SSH_ASKPASS never used),
 * the nested jump processes killed together with it, under an external wall-clock limit, with
 * stderr handed over line by line for the progress markers. Ctrl-C ends the probe, not jumpctl:
 * the caller cleans up and reports the interruption. process.ts runs it.
 */
import { runCaptured } from './process.js';

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

/** Rejects only when ssh could not be started. */
export async function runProbe(file: string, args: readonly string[], o: ProbeOptions): Promise<ProbeResult> {
  const r = await runCaptured(file, args, {
    timeoutMs: o.wallMs,
    env: { SSH_ASKPASS_REQUIRE: 'never' },
    interruptible: true,
    ...(o.banner ? { firstLine: true } : {}),
    ...(o.onStderrLine ? { onStderrLine: o.onStderrLine } : {}),
  });
  if (r.spawnError) throw r.spawnError;
  return {
    exitCode: r.exitCode,
    stderr: r.stderr,
    ...(r.firstLine !== undefined ? { banner: r.firstLine } : {}),
    ...(r.killedAfterMs !== undefined ? { killedAfterMs: r.killedAfterMs } : {}),
    ...(r.interrupted ? { interrupted: r.interrupted } : {}),
    durationMs: r.durationMs,
  };
}
