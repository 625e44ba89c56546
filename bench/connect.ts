/**
 * Part of `npm run bench` (root, like the lab): the wall time `jumpctl connect target -- true`
 * adds on top of `ssh target true` through the lab's two jumps, cold and with a warm
 * ControlMaster, against `node -e 0` measured in the same run. connect checks the whole chain
 * on every run. Prints medians; asserts nothing.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { interleavedSamples, median, pairedMedian, RUNS, withLab } from './lab-timing.js';

const CLI = join(import.meta.dirname, '..', 'bin', 'jumpctl.js');
const FLOOR =
  "require('node:child_process').spawn('ssh', ['-F', process.argv[1], 'target', 'true'], { stdio: 'inherit' }).on('exit', (c) => process.exit(c ?? 255))";

await withLab('connect', async (lab) => {
  const warmConfig = join(lab.client.home, 'warm.config');
  const base = readFileSync(lab.client.config, 'utf8');
  writeFileSync(
    warmConfig,
    `Host *\n  ControlMaster auto\n  ControlPath ${lab.client.home}/cm-%C\n  ControlPersist 120\n\n${base}`,
  );
  chmodSync(warmConfig, 0o644);
  const node = process.execPath;
  const rows: [string, number, number][] = [];
  const ratios: string[] = [];
  for (const [label, cfg] of [
    ['cold', lab.client.config],
    ['warm ControlMaster', warmConfig],
  ] as const) {
    if (label !== 'cold') await lab.exec('ssh', ['-F', cfg, 'target', 'true'], { timeoutMs: 30_000 });
    // The everyday connect: jumpctl's caches (client facts, saved outlines) made by an earlier run.
    const connectArgs = [CLI, '-F', cfg, 'connect', 'target', '--', 'true'];
    await lab.exec(node, connectArgs, { timeoutMs: 30_000 });
    // node -e 0 in the same rounds: the ratios are against the start-up of this very moment.
    // The floor for any launcher written for Node: start node, spawn ssh, wait, exit. What a
    // launcher adds is the median of its round-by-round difference from ssh. A cold ssh varies
    // by tens of milliseconds from run to run, so its rounds are four times as many.
    const [nodeAlone = [], ssh = [], jc = [], floor = []] = await interleavedSamples(
      lab,
      [
        [node, ['-e', '0']],
        ['ssh', ['-F', cfg, 'target', 'true']],
        [node, connectArgs],
        [node, ['-e', FLOOR, cfg]],
      ],
      label === 'cold' ? 4 * RUNS : RUNS,
    );
    const nodeMs = median(nodeAlone);
    rows.push([`node -e 0 (${label} rounds)`, nodeMs, nodeMs]);
    rows.push([`ssh target true (${label})`, median(ssh), nodeMs]);
    rows.push([`jumpctl connect target -- true (${label})`, median(jc), nodeMs]);
    rows.push([`  jumpctl overhead (${label})`, pairedMedian(jc, ssh), nodeMs]);
    rows.push([`  floor: node spawning ssh, overhead (${label})`, pairedMedian(floor, ssh), nodeMs]);
    ratios.push(
      `jumpctl connect / ssh (${label}): ${median(jc.map((t, i) => t / (ssh[i] ?? t))).toFixed(3)}× (median of paired ratios)`,
    );
  }
  console.log(
    `lab chain: client → jump1 → jump2:2222 → target; ${4 * RUNS} (cold) and ${RUNS} (warm) interleaved rounds; medians, overheads as medians of the round-by-round differences\n`,
  );
  for (const [label, ms, nodeMs] of rows) {
    console.log(
      `${label.padEnd(64)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / nodeMs).toFixed(2).padStart(5)} × node -e 0`,
    );
  }
  for (const r of ratios) console.log(r);
});
