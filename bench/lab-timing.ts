/**
 * Timing commands in the lab for the benches: each command run in turn, RUNS times over
 * (interleaved, so drift on a shared machine hits every command alike), medians returned.
 */
import { join } from 'node:path';
import { labAvailability, startLab, type Lab } from '../test/lab/lab.js';

export const RUNS = Number(process.env.JUMPCTL_BENCH_RUNS ?? 11);

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Runs as the lab's client; a non-zero exit stops the bench with the command's output. */
async function once(
  lab: Lab,
  cmd: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<number> {
  const r = await lab.exec(cmd, args, {
    timeoutMs: 60_000,
    env: { XDG_STATE_HOME: join(lab.client.home, '.state'), NO_COLOR: '1', ...env },
  });
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}): ${r.stdout}${r.stderr}`);
  return r.durationMs;
}

type Command = readonly [string, readonly string[], Record<string, string>?];

/** Every wall time of each command (file, arguments, extra environment), round by round. */
export async function interleavedSamples(
  lab: Lab,
  commands: readonly Command[],
  runs = RUNS,
): Promise<number[][]> {
  const samples = commands.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, [cmd, args, env]] of commands.entries()) samples[k]?.push(await once(lab, cmd, args, env));
  }
  return samples;
}

/** Median wall time of each command, in the order given. */
export async function interleavedMedians(
  lab: Lab,
  commands: readonly Command[],
  runs = RUNS,
): Promise<number[]> {
  return (await interleavedSamples(lab, commands, runs)).map(median);
}

/** The median of the round-by-round differences a[i] - b[i]: drift between rounds cancels out. */
export function pairedMedian(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x - (b[i] ?? NaN)));
}

/** Runs a bench with a started lab (stopped after), or says why it cannot (not root, no sshd). */
export async function withLab(bench: string, body: (lab: Lab) => Promise<void>): Promise<void> {
  const avail = labAvailability();
  if (!avail.ok) {
    console.log(`${bench} bench skipped: ${avail.reason}`);
    return;
  }
  const lab = await startLab();
  try {
    await body(lab);
  } finally {
    await lab.stop();
  }
}
