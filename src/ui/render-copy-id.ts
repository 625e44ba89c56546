/** The copy-id report as text: the key, one row per hop, the diagnosis of a failure, --configure. */
import type { CopyIdResult } from '../commands/copy-id/copy-id.js';
import type { HopReport } from '../core/copy-id/plan.js';
import { renderDiff } from './render-edit.js';
import type { Theme } from './theme.js';

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

function statusText(h: HopReport, t: Theme): string {
  switch (h.status) {
    case 'installed':
      return t.ok('installed');
    case 'present':
      return t.ok('already present');
    case 'failed':
      return t.bad(`✗ failed (${h.failure?.code ?? 'E_SSH'})`);
    case 'not-reached':
      return t.warn('not reached');
    case 'skipped':
      return t.dim('skipped (not in --hops)');
    case 'planned':
      return `check; install unless present${h.through.length > 0 ? t.dim(` (through ${h.through.join(' → ')})`) : ''}`;
  }
}

export function renderCopyId(r: CopyIdResult, t: Theme): string {
  const out: string[] = [];
  const comment = r.key.comment !== '' ? ` (${r.key.comment})` : '';
  out.push(`key ${r.key.type} ${r.key.fingerprint}${comment} from ${r.key.file}`);
  if (r.dryRun) out.push(t.dim('dry run: no host is contacted and nothing is changed'));
  out.push('');
  const rows = r.hops.map((h) => [h.alias, `${h.user}@${h.hostname}:${h.port}`]);
  const w0 = Math.max(3, ...rows.map((x) => [...(x[0] ?? '')].length));
  const w1 = Math.max(7, ...rows.map((x) => [...(x[1] ?? '')].length));
  out.push(t.dim(`${pad('HOP', w0)}  ${pad('ADDRESS', w1)}  ${r.dryRun ? 'PLAN' : 'RESULT'}`));
  r.hops.forEach((h, i) => {
    const [alias = '', addr = ''] = rows[i] ?? [];
    out.push(`${t.host(pad(alias, w0))}  ${pad(addr, w1)}  ${statusText(h, t)}`);
    const indent = ' '.repeat(w0 + 2);
    for (const n of h.notes) out.push(`${indent}${t.dim(n)}`);
    if (h.failure) {
      out.push(`${indent}${t.bad(h.failure.message)}`);
      out.push(`${indent}${t.dim(`→ ${h.failure.fix}`)}`);
    }
  });
  if (r.configure) {
    out.push('');
    const edits = r.configure.edits;
    if (edits.length === 0) out.push('--configure: every host already uses this key; nothing to change');
    else {
      const verb = r.configure.applied ? 'added' : r.dryRun ? 'would add' : 'to add';
      out.push(`--configure: ${verb}`);
      for (const e of edits) out.push(`  Host ${e.alias}: ${e.keyword} ${e.value}`);
    }
    if (r.configure.files?.length) out.push(renderDiff(r.configure.files, t));
    for (const n of r.configure.notes) out.push(t.warn(`  note: ${n}`));
    if (r.configure.error) out.push(t.bad(`✗ ${r.configure.error.message}`));
    if (r.configure.error?.hint) out.push(t.dim(`  ${r.configure.error.hint}`));
  }
  if (!r.dryRun) {
    out.push('');
    const failed = r.hops.filter((h) => h.status === 'failed').length;
    const requested = r.hops.filter((h) => h.requested).length;
    if (r.interrupted !== undefined)
      out.push(t.bad(`✗ interrupted (${r.interrupted}); later hops not reached`));
    else if (r.ok)
      out.push(
        t.ok(`✓ the key is on ${requested === 1 ? 'the requested hop' : `all ${requested} requested hops`}`),
      );
    else if (failed > 0) out.push(t.bad('✗ the key is not on every requested hop'));
    else out.push(t.bad('✗ --configure did not complete'));
  }
  return out.join('\n');
}
