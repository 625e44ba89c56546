/**
 * Inserting and removing whole blocks of lines so that every other line keeps its bytes, blocks
 * stay separated by one blank line, and removing what was inserted gives back the original file
 * exactly (the separator rules of `insertBlock` and `removeBlockLines` are each other's inverse).
 */
import type { RawLine } from '../config/index.js';
import { isBlankLine, type FileStyle } from './layout.js';

/** Inserts `texts` as new lines before index `at`, with one blank separator line. */
export function insertBlock(
  lines: readonly RawLine[],
  at: number,
  texts: readonly string[],
  style: FileStyle,
): { lines: RawLine[]; first: number } {
  const prev = lines[at - 1];
  const next = lines[at];
  const body: RawLine[] = texts.map((text) => ({ text, eol: style.eol }));
  const sep: RawLine = { text: '', eol: style.eol };
  let added: RawLine[];
  if (prev && !isBlankLine(prev)) added = [sep, ...body];
  else if (next || prev) added = [...body, sep];
  else added = body;
  const before = lines.slice(0, at);
  // A last line without a line ending gets one, and the new last line goes without, as before.
  if (!next && prev && prev.eol === '') {
    before[before.length - 1] = { text: prev.text, eol: style.eol };
    const last = added[added.length - 1] as RawLine;
    added[added.length - 1] = { text: last.text, eol: '' };
  }
  const first = at + (added[0] === sep ? 1 : 0);
  return { lines: [...before, ...added, ...lines.slice(at)], first };
}

/** Removes lines [from, to) and the one blank separator `insertBlock` would have added with them. */
export function removeBlockLines(lines: readonly RawLine[], from: number, to: number): RawLine[] {
  const removedLastEol = to >= lines.length ? (lines[lines.length - 1]?.eol ?? '') : undefined;
  let a = from;
  let b = to;
  const left = lines[a - 1];
  const right = lines[b];
  const lb = left !== undefined && isBlankLine(left);
  const rb = right !== undefined && isBlankLine(right);
  if (lb && rb) {
    // Both sides blank: drop the one that looks like a generated separator.
    if ((right as RawLine).text === '') b++;
    else if ((left as RawLine).text === '') a--;
    else b++;
  } else if (lb) a--;
  else if (rb) b++;
  const out = [...lines.slice(0, a), ...lines.slice(b)];
  if (b >= lines.length && removedLastEol !== undefined && out.length > 0) {
    const last = out[out.length - 1] as RawLine;
    out[out.length - 1] = { text: last.text, eol: removedLastEol };
  }
  return out;
}

/** Removes lines [from, to) only (lines inside a block: no separator to take along). */
export function removeLines(lines: readonly RawLine[], from: number, to: number): RawLine[] {
  const out = [...lines.slice(0, from), ...lines.slice(to)];
  if (to >= lines.length && from > 0 && out.length > 0) {
    const last = out[out.length - 1] as RawLine;
    out[out.length - 1] = { text: last.text, eol: lines[lines.length - 1]?.eol ?? '' };
  }
  return out;
}

/** Inserts lines inside a block (after its last directive), keeping a missing final newline missing. */
export function insertLines(
  lines: readonly RawLine[],
  at: number,
  texts: readonly string[],
  style: FileStyle,
): RawLine[] {
  const added: RawLine[] = texts.map((text) => ({ text, eol: style.eol }));
  const before = lines.slice(0, at);
  const prev = lines[at - 1];
  if (at >= lines.length && prev && prev.eol === '') {
    before[before.length - 1] = { text: prev.text, eol: style.eol };
    const last = added[added.length - 1] as RawLine;
    added[added.length - 1] = { text: last.text, eol: '' };
  }
  return [...before, ...added, ...lines.slice(at)];
}

export function replaceLine(lines: readonly RawLine[], at: number, text: string): RawLine[] {
  const out = [...lines];
  const old = out[at] as RawLine;
  out[at] = { text, eol: old.eol };
  return out;
}
