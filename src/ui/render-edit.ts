/** Human views of the writing commands: a coloured unified diff, what happened, how to undo. */
import type { EditResult, FileChange } from '../commands/edit/flow.js';
import type { BackupsResult, UndoResult } from '../commands/edit/undo.js';
import type { Theme } from './theme.js';

export function renderDiff(files: readonly FileChange[], t: Theme): string {
  const out: string[] = [];
  for (const f of files) {
    for (const line of f.diff.split('\n')) {
      const shown = line.replace(/\r$/, t.dim('␍'));
      if (line.startsWith('+++') || line.startsWith('---')) out.push(t.key(shown));
      else if (line.startsWith('+')) out.push(t.ok(shown));
      else if (line.startsWith('-')) out.push(t.bad(shown));
      else if (line.startsWith('@@')) out.push(t.host(shown));
      else out.push(shown);
    }
  }
  return out.join('\n').replace(/\n+$/, '');
}

export function renderEdit(r: EditResult, t: Theme): string {
  const parts: string[] = [];
  if (r.files.length > 0) parts.push(renderDiff(r.files, t));
  for (const n of r.notes) parts.push(t.warn(`note: ${n}`));
  if (r.dryRun) parts.push(t.dim(`dry run: ${r.summary}; nothing was written`));
  else if (r.written)
    parts.push(
      `${t.ok('✓')} ${r.summary} ${t.dim(`(${r.files.map((f) => f.path).join(', ')}; undo: jumpctl undo)`)}`,
    );
  else parts.push(t.dim(r.summary));
  return parts.join('\n');
}

export function renderUndo(r: UndoResult, t: Theme): string {
  const head = r.dryRun
    ? t.dim(`dry run: would undo \`jumpctl ${r.command}\`; nothing was written`)
    : `${t.ok('✓')} undid \`jumpctl ${r.command}\``;
  return [renderDiff(r.files, t), head].filter(Boolean).join('\n');
}

export function renderBackups(r: BackupsResult, t: Theme): string {
  if (r.changes.length === 0) return t.dim('no changes recorded yet');
  return r.changes
    .map(
      (c) =>
        `${t.key(c.id)}  ${c.time}  jumpctl ${c.command}${c.undone ? t.dim(' (undone)') : ''}\n    ${t.dim(c.files.join(', '))}`,
    )
    .join('\n');
}
