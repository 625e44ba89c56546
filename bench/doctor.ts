/**
 * `npm run bench` (root, like the lab): the wall time of doctor's live part on a healthy chain
 * against one `ssh -o BatchMode=yes target true` through the lab's two jumps. The live part is
 * `doctor target` minus `doctor target --offline` (the same static checks, no probe). Runs are
 * interleaved so that drift hits every command alike. Prints medians; asserts nothing.
 */
import { join } from 'node:path';
import { interleavedMedians, RUNS, withLab } from './lab-timing.js';

const CLI = join(import.meta.dirname, '..', 'bin', 'jumpctl.js');
await withLab('doctor', async (lab) => {
  const cfg = lab.client.config;
  const node = process.execPath;
  const commands: [string, string, string[]][] = [
    ['node -e 0', node, ['-e', '0']],
    ['ssh -o BatchMode=yes target true', 'ssh', ['-F', cfg, '-o', 'BatchMode=yes', 'target', 'true']],
    ['jumpctl doctor target', node, [CLI, '-F', cfg, 'doctor', 'target']],
    ['jumpctl doctor target --offline', node, [CLI, '-F', cfg, 'doctor', 'target', '--offline']],
  ];
  const runs = commands.map(([, cmd, args]) => [cmd, args] as const);
  await interleavedMedians(lab, runs, 1); // one round to warm the caches
  const [nodeMs, sshMs, fullMs, offlineMs] = (await interleavedMedians(lab, runs)) as [
    number,
    number,
    number,
    number,
  ];
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
});
