/**
 * One change planned for several hosts as a single edit (set/unset --tag): each host's change is
 * planned on the files as the previous ones left them, so that the result is one set of files,
 * one diff and one undo.
 */
import { parseFile, type KeywordContext, type SourceRef } from '../config/index.js';
import { docOf, hostBlocks, textOf, type Doc, type Planned } from './docs.js';

export function planEach(
  docs: readonly Doc[],
  aliases: readonly string[],
  plan: (docs: readonly Doc[], alias: string) => Planned,
  ctx: KeywordContext,
): { planned: Planned; docs: readonly Doc[] } {
  const current = [...docs];
  const notes: string[] = [];
  for (const alias of aliases) {
    const p = plan(current, alias);
    notes.push(...p.notes);
    for (const [path, lines] of p.files) {
      const doc = docOf(parseFile(path, textOf(lines), ctx));
      const i = current.findIndex((d) => d.path === path);
      if (i >= 0) current[i] = doc;
      else current.push(doc);
    }
  }
  // Unchanged files are dropped by the edit flow, which compares texts.
  const files = new Map(current.map((d) => [d.path, d.lines]));
  return { planned: { files, wanted: [], notes }, docs: current };
}

/**
 * Where `keyword` (its canonical name, lower case) now comes from in the host's own block:
 * found in the final files, since a later host's edit may have moved an earlier one's lines.
 */
export function ownLine(docs: readonly Doc[], alias: string, name: string): SourceRef | undefined {
  const own = hostBlocks(docs, alias).find((b) => b.own);
  if (!own) return undefined;
  for (let i = own.block.header + 1; i < own.block.end; i++) {
    const pl = own.doc.parsed[i];
    if (pl?.kind === 'directive' && pl.spec.name === name) return { file: own.doc.path, line: i + 1 };
  }
  return undefined;
}
