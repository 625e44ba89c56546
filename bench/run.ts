/**
 * `npm run bench`: start-up and resolution speed against `node -e 0` measured in the same run,
 * on a generated 10,000-host configuration. Prints medians; never asserts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateConfig } from './generate.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'bin', 'jumpctl.js');
const home = mkdtempSync(join(tmpdir(), 'jumpctl-bench-'));
// NODE_EXTRA_CA_CERTS (set on some build machines) makes every node process read a certificate
// bundle at start-up; it would inflate `node -e 0` and flatter every ratio, so it is left out.
const { NODE_EXTRA_CA_CERTS: _certs, NODE_OPTIONS: _opts, ...cleanEnv } = process.env;
const env = { ...cleanEnv, HOME: home, XDG_CACHE_HOME: join(home, '.cache'), NO_COLOR: '1' };

function timeOnce(cmd: string, args: string[]): { ms: number; rssKb: number; ok: boolean } {
  const useTime = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = useTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
  return { ms, rssKb: rss, ok: r.status === 0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Each command run in turn, `runs` times over, so drift on a shared machine hits all alike. */
function interleaved(cmds: { label: string; args: string[] }[], runs: number) {
  for (const c of cmds) timeOnce(process.execPath, c.args); // warm the page cache and jumpctl's caches
  const samples = cmds.map(() => [] as { ms: number; rssKb: number }[]);
  for (let i = 0; i < runs; i++) {
    cmds.forEach((c, k) => {
      const r = timeOnce(process.execPath, c.args);
      if (!r.ok) throw new Error(`${c.label} failed`);
      samples[k]?.push(r);
    });
  }
  return cmds.map((c, k) => ({
    label: c.label,
    ms: median((samples[k] ?? []).map((s) => s.ms)),
    rssKb: Math.max(...(samples[k] ?? []).map((s) => s.rssKb)),
  }));
}

const { sample } = generateConfig(home);
const show = sample[5] ?? 'h04985';
// The first run after a change: no saved outline of the configuration yet.
const cold = timeOnce(process.execPath, [cli, 'show', show]);
const rows = [
  ...interleaved(
    [
      { label: 'node -e 0', args: ['-e', '0'] },
      { label: 'jumpctl --version', args: [cli, '--version'] },
      { label: 'jumpctl --help', args: [cli, '--help'] },
      { label: `jumpctl show ${show}`, args: [cli, 'show', show] },
      // What a TAB after `jumpctl connect h0498` asks (the completion scripts' call).
      { label: 'complete a host prefix', args: [cli, '__complete', '--', 'connect', show.slice(0, -1)] },
    ],
    31,
  ),
  ...interleaved([{ label: 'jumpctl list --json (10,000 hosts)', args: [cli, 'list', '--json'] }], 7),
  { label: `jumpctl show ${show} (first run, no caches)`, ms: cold.ms, rssKb: cold.rssKb },
];
const sshRuns = 100;
const sshStart = process.hrtime.bigint();
for (let i = 0; i < sshRuns; i++) spawnSync('ssh', ['-G', `h${String(i * 97).padStart(5, '0')}`], { env });
const sshPer = Number(process.hrtime.bigint() - sshStart) / 1e6 / sshRuns;

const base = rows[0]?.ms ?? 1;
console.log(
  `config: ${home}/.ssh (10,000 hosts in 10 included files, 20 bastions, wildcard and Match blocks)\n`,
);
console.log('command                                  median ms   × node -e 0   peak RSS MB');
for (const r of rows) {
  console.log(
    `${r.label.padEnd(40)} ${r.ms.toFixed(1).padStart(9)}   ${(r.ms / base).toFixed(2).padStart(11)}   ${(r.rssKb / 1024).toFixed(1).padStart(11)}`,
  );
}
const list = rows.find((r) => r.label.includes('list --json'))?.ms ?? NaN;
console.log(
  `\nssh -G, one host: ${sshPer.toFixed(1)} ms → 10,000 hosts ≈ ${((sshPer * 10_000) / 1000).toFixed(1)} s`,
);
console.log(`list --json vs one ssh -G per host: ${((sshPer * 10_000) / list).toFixed(0)}× faster`);
rmSync(home, { recursive: true, force: true });
