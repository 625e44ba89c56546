/**
 * Self-check of the ssh side of the conformance layer, runnable without jumpctl:
 *   node --import tsx test/conformance/selfcheck.ts [show|regress|chain] [case…]
 * Prints, per case and host, what the real `ssh -G` says (exit status, core keys that differ from
 * an empty config) and, for chain cases, the hop list rebuilt from what ssh really spawned.
 */
import { CORE_KEYS } from './helpers/compare.js';
import { caseEnv, listCases, materialize, type Group } from './helpers/fixtures.js';
import { sshG, sshVersion, type Options } from './helpers/sshg.js';
import { installWrapper, traceChain, type Truth } from './helpers/wrapper.js';

const [groupArg, ...only] = process.argv.slice(2);
const groups: Group[] = groupArg ? [groupArg as Group] : ['show', 'regress', 'chain'];

function fmt(v: Options[string] | undefined): string {
  return Array.isArray(v) ? `[${v.join(' | ')}]` : String(v);
}

function describeTruth(t: Truth): string {
  if (t.kind === 'error') return `ERROR ${t.reason}`;
  if (t.kind === 'cycle') return `CYCLE (${t.reason}) loop=${t.loop.join('>')} seen=${t.seen.join('>')}`;
  const hop = (h: { alias: string; user: string; hostname: string; port: string }): string =>
    `${h.alias}=${h.user}@${h.hostname}:${h.port}`;
  const hops = t.hops.map(hop).join(' -> ') || '(direct)';
  return `${hops} => ${hop(t.target)}${t.proxy === null ? '' : ` proxy=${JSON.stringify(t.proxy)}`}`;
}

console.log(sshVersion());
const baseline = (await sshG('/dev/null', 'baseline-host', { PATH: process.env.PATH })).options;
for (const group of groups) {
  for (const name of listCases(group)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const c = materialize(group, name);
    try {
      console.log(`== ${group}/${name}`);
      const bin = group === 'chain' ? installWrapper(c.dir) : '';
      for (const [i, host] of c.hosts.entries()) {
        if (group === 'chain') {
          const w = await traceChain(c, bin, host, String(i));
          console.log(`  ${host}: ${describeTruth(w.truth)}`);
          continue;
        }
        const g = await sshG(c.config, host, caseEnv(c));
        if (g.status !== 0) {
          console.log(`  ${host}: exit ${g.status} ${g.stderr.trim().replaceAll('\n', ' / ')}`);
          continue;
        }
        const shown = CORE_KEYS.filter((k) => k === 'hostname' || fmt(g.options[k]) !== fmt(baseline[k]));
        console.log(`  ${host}: ${shown.map((k) => `${k}=${fmt(g.options[k])}`).join('  ')}`);
      }
    } finally {
      c.cleanup();
    }
  }
}
