/**
 * `npm run bench` (root, like the lab): the wall time of doctor's live part on a healthy chain
 * against one `ssh -o BatchMode=yes target true` through the lab's two jumps. The live part is
 * `doctor target` minus `doctor target --offline` (the same static checks, no probe). Runs are
 * interleaved so that drift hits every command alike. Prints medians; asserts nothing.
 */
import { join } from 'node:path';
import { labAvailability, startLab, type Lab } from '../test/lab/lab.js';

const CLI = join(import.meta.dirname, '..', 'bin', 'jumpctl.js');
const RUNS = Number(process.env.JUMPCTL_BENCH_RUNS ?? 11);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function once(lab: Lab, cmd: string, args: string[]): Promise<number> {
  const r = await lab.exec(cmd, args, {
    timeoutMs: 60_000,
    env: { XDG_STATE_HOME: join(lab.client.home, '.state'), NO_COLOR: '1' },
  });
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}): ${r.stdout}${r.stderr}`);
  return r.durationMs;
}

const avail = labAvailability();
if (!avail.ok) {
  console.log(`doctor bench skipped: ${avail.reason}`);
  process.exit(0);
}
const lab = await startLab();
try {
  const cfg = lab.client.config;
  const node = process.execPath;
  const commands: [string, string, string[]][] = [
    ['node -e 0', node, ['-e', '0']],
    ['ssh -o BatchMode=yes target true', 'ssh', ['-F', cfg, '-o', 'BatchMode=yes', 'target', 'true']],
    ['jumpctl doctor target', node, [CLI, '-F', cfg, 'doctor', 'target']],
    ['jumpctl doctor target --offline', node, [CLI, '-F', cfg, 'doctor', 'target', '--offline']],
  ];
  for (const [, cmd, args] of commands) await once(lab, cmd, args); // warm caches
  const samples = commands.map((): number[] => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [k, [, cmd, args]] of commands.entries()) samples[k]?.push(await once(lab, cmd, args));
  }
  const [nodeMs, sshMs, fullMs, offlineMs] = samples.map(median) as [number, number, number, number];
  const live = fullMs - offlineMs;
  console.log(`lab chain: client → jump1 → jump2:2222 → target; ${RUNS} interleaved runs each, medians\n`);
  const rows: [string, number, string][] = [
    ['node -e 0', nodeMs, ''],
    ['ssh -o BatchMode=yes target true', sshMs, '1.00 × ssh'],
    ['jumpctl doctor target (all of it)', fullMs, `${(fullMs / sshMs).toFixed(2)} × ssh`],
    ['jumpctl doctor target --offline (static part)', offlineMs, ''],
    ['doctor live part (difference)', live, `${(live / sshMs).toFixed(2)} × ssh`],
  ];
  for (const [label, ms, note] of rows)
    console.log(`${label.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms   ${note}`);
} finally {
  await lab.stop();
}
