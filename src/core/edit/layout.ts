/**
 * A file seen as blocks, for editing: where each Host/Match block starts and ends, which comment
 * lines belong to it, and the file's own writing style (so new lines look like the user's).
 */
import type { ParsedLine, RawLine } from '../config/index.js';

export interface Block {
  readonly kind: 'host' | 'match';
  /** 0-based index of the Host/Match line. */
  readonly header: number;
  /** Index after the block's last own line (trailing blank lines and the next block's comments excluded). */
  readonly end: number;
  /** First of the comment lines directly above the header that describe it (== header if none). */
  readonly lead: number;
  readonly patterns: readonly string[];
}

export interface Layout {
  readonly blocks: readonly Block[];
}

export const isBlankLine = (l: RawLine | undefined): boolean => l !== undefined && l.text.trim() === '';
const isComment = (l: RawLine | undefined): boolean => l !== undefined && l.text.trim().startsWith('#');

export function layoutOf(lines: readonly RawLine[], parsed: readonly ParsedLine[]): Layout {
  const headers: { i: number; pl: ParsedLine }[] = [];
  parsed.forEach((pl, i) => {
    if (pl.kind === 'host' || pl.kind === 'match') headers.push({ i, pl });
  });
  const blocks: Block[] = [];
  let prevEnd = 0;
  for (let h = 0; h < headers.length; h++) {
    const { i, pl } = headers[h] as { i: number; pl: ParsedLine };
    const next = headers[h + 1]?.i ?? lines.length;
    let lead = i;
    while (lead - 1 >= prevEnd && isComment(lines[lead - 1])) lead--;
    // The block's own lines run to its last directive; comments right after it (before any blank
    // line) stay with it when indented, while a blank line starts the gap before the next block.
    let last = i;
    for (let k = i + 1; k < next; k++) if (!isBlankLine(lines[k]) && !isComment(lines[k])) last = k;
    let end = last + 1;
    while (end < next && isComment(lines[end]) && /^\s/.test(lines[end]?.text ?? '')) end++;
    const patterns = pl.kind === 'host' ? pl.patterns : [];
    blocks.push({ kind: pl.kind === 'host' ? 'host' : 'match', header: i, end, lead, patterns });
    prevEnd = end;
  }
  return { blocks };
}

export interface FileStyle {
  /** Line ending for new lines: the file's most common one. */
  readonly eol: '\n' | '\r\n';
  /** Indentation of directives inside blocks. */
  readonly indent: string;
  /** Between keyword and value. */
  readonly sep: string;
}

export function detectStyle(lines: readonly RawLine[], parsed: readonly ParsedLine[]): FileStyle {
  let crlf = 0;
  let lf = 0;
  for (const l of lines) {
    if (l.eol === '\r\n') crlf++;
    else if (l.eol === '\n') lf++;
  }
  const indents = new Map<string, number>();
  const seps = new Map<string, number>();
  let inBlock = false;
  parsed.forEach((pl, i) => {
    if (pl.kind === 'host' || pl.kind === 'match') inBlock = true;
    if (pl.kind !== 'directive') return;
    const text = lines[i]?.text ?? '';
    const m = /^([ \t]*)([A-Za-z]+)([ \t]*=[ \t]*|[ \t]+)/.exec(text);
    if (!m) return;
    if (inBlock) indents.set(m[1] ?? '', (indents.get(m[1] ?? '') ?? 0) + 1);
    const sep = m[3] ?? ' ';
    const norm = sep.includes('=') ? sep : sep.includes('\t') ? '\t' : ' ';
    seps.set(norm, (seps.get(norm) ?? 0) + 1);
  });
  return {
    eol: crlf > lf ? '\r\n' : '\n',
    indent: mostCommon(indents) ?? '  ',
    sep: mostCommon(seps) ?? ' ',
  };
}

function mostCommon(m: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = 0;
  for (const [k, c] of m)
    if (c > n) {
      best = k;
      n = c;
    }
  return best;
}
