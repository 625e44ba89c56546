/** `doctor --tag`: one line per host (its verdict), the full reports being in --json. */
import { isProblem } from '../core/doctor/types.js';
import type { TaggedDoctorReport } from '../commands/doctor/tagged.js';
import type { Theme } from './theme.js';

export function renderDoctorTagged(r: TaggedDoctorReport, t: Theme): string {
  const hosts = Object.entries(r.hosts);
  const width = Math.max(...hosts.map(([host]) => [...host].length));
  const lines = hosts.map(([host, h]) => {
    const name = host.padEnd(width);
    const problems = h.checks.filter((c) => isProblem(c.severity));
    if (h.failure) {
      const at = h.failure.hop === host ? '' : ` at ${h.failure.hop}`;
      return `${t.bad('✗')} ${t.host(name)}  ${t.bad(h.failure.code)}${at}: ${h.failure.message}`;
    }
    if (problems.length > 0) {
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
      return `${t.bad('✗')} ${t.host(name)}  ${problems[0]?.message ?? ''}${more}`;
    }
    const reached = h.hops.length > 0 && h.hops.every((p) => p.status === 'ok');
    return `${t.ok('✓')} ${t.host(name)}  ${t.dim(reached ? 'reached' : 'configuration ok')}`;
  });
  const bad = hosts.filter(([, h]) => !h.ok).length;
  lines.push(
    '',
    bad === 0
      ? t.dim(`${hosts.length} hosts tagged ${r.selectedBy.join(' ')}: all fine`)
      : t.dim(`${bad} of ${hosts.length} hosts have problems: jumpctl doctor <host> for the details`),
  );
  return lines.join('\n');
}
