/** The doctor report as a checklist: ✓ passed, ✗ a problem, ⚠ a warning, per check and per hop. */
import { splitStderr } from '../core/doctor/classify.js';
import { NOISE } from '../core/doctor/signatures.js';
import { isProblem, isWarning, type Check, type DoctorReport, type HopReport } from '../core/doctor/types.js';
import type { Theme } from './theme.js';

function icon(c: Check, t: Theme): string {
  if (c.severity === 'ok') return t.ok('✓');
  if (isProblem(c.severity)) return t.bad('✗');
  if (isWarning(c.severity)) return t.warn('⚠');
  return t.dim('i');
}

function checkLines(c: Check, t: Theme): string[] {
  const label = ['low', 'medium', 'high', 'critical'].includes(c.severity) ? t.dim(`[${c.severity}] `) : '';
  const where = c.where && c.severity !== 'ok' && !c.message.includes(c.where) ? t.dim(`  (${c.where})`) : '';
  const out = [`  ${icon(c, t)} ${label}${c.message}${where}`];
  if (c.fix && c.severity !== 'ok') out.push(`      ${t.dim('fix:')} ${c.fix}`);
  return out;
}

function hopLine(h: HopReport, width: number, t: Theme, probed: boolean, code: string | undefined): string {
  const name = h.alias.padEnd(width);
  const addr = t.dim(`${h.hostname}:${h.port}`);
  if (h.status === 'ok') return `  ${t.ok('✓')} ${name}  ${addr}`;
  if (h.status === 'failed') return `  ${t.bad('✗')} ${t.host(name)}  ${addr}  ${t.bad(code ?? 'failed')}`;
  return `  ${t.dim('·')} ${t.dim(name)}  ${addr}  ${t.dim(probed ? 'not reached' : 'not probed')}`;
}

export function renderDoctor(r: DoctorReport, t: Theme): string {
  const out = [t.key('Checks')];
  for (const c of r.checks) out.push(...checkLines(c, t));
  if (r.hops.length > 0) {
    out.push('', t.key(`Chain to ${r.hops[r.hops.length - 1]?.alias}`));
    const width = Math.max(...r.hops.map((h) => h.alias.length));
    // Hops left unreached with no failure were not probed (--offline).
    const probed = r.failure !== null || r.hops.some((h) => h.status !== 'not-reached');
    for (const h of r.hops) out.push(hopLine(h, width, t, probed, r.failure?.code));
  }
  const f = r.failure;
  if (f) {
    out.push('', t.bad(`✗ ${f.code} at ${f.hop}${f.via ? ` via ${f.via}` : ''}: ${f.message}`));
    out.push(`  ${t.dim('fix:')} ${f.fix}`);
    const said = splitStderr(f.raw).filter((l) => !NOISE.some((re) => re.test(l)));
    if (said.length > 0) {
      out.push(`  ${t.dim('ssh said:')}`);
      for (const l of said.slice(0, 12)) out.push(`    ${t.dim(l)}`);
      if (said.length > 12)
        out.push(`    ${t.dim(`… ${said.length - 12} more lines (--json has them all)`)}`);
    }
  }
  // A failure that restates a failed check (the reason the chain was not probed) counts once.
  const restated = f !== null && r.checks.some((c) => isProblem(c.severity) && f.message.endsWith(c.message));
  const problems = r.checks.filter((c) => isProblem(c.severity)).length + (f && !restated ? 1 : 0);
  const warnings = r.checks.filter((c) => isWarning(c.severity)).length;
  const tail = warnings > 0 ? t.dim(` (${warnings} warning${warnings === 1 ? '' : 's'})`) : '';
  out.push(
    '',
    r.ok
      ? `${t.ok('✓ healthy')}${tail}`
      : `${t.bad(`✗ ${problems} problem${problems === 1 ? '' : 's'} found`)}${tail}`,
  );
  return out.join('\n');
}
