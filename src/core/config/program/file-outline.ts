/** Saving a clean file's outline between runs, and rebuilding the file from it (see FileVerdict). */
import type { KeywordContext } from '../keywords/keywords.js';
import type { MatchCriterion } from '../resolve/match.js';
import { ConfigError, FileUnreadableError } from '../../errors.js';
import {
  parseFile,
  parseLine,
  type OutlineEntry,
  type ParsedFile,
  type ParsedLine,
} from '../syntax/parse-file.js';
import { isLiteralPattern } from '../resolve/pattern.js';
import { splitLines, type RawLine } from '../syntax/source.js';

/**
 * The outline of a file whose full parse was clean, kept between runs so that an unchanged large
 * configuration is not parsed line by line again. Structural lines keep their parsed content;
 * runs of plain directives are ranges; runs of whole Host blocks that name only literal hosts
 * are one entry (found by name when a host needs them); StreamLocalBindMask lines (the one
 * keyword that applies from inactive blocks too) are listed to be parsed eagerly.
 */
export interface FileVerdict {
  readonly outline: readonly SavedEntry[];
}

export type SavedEntry =
  | { readonly k: 'h'; readonly l: number; readonly p: readonly string[] }
  | { readonly k: 'm'; readonly l: number; readonly c: readonly MatchCriterion[] }
  | { readonly k: 'i'; readonly l: number; readonly p: readonly string[] }
  | { readonly k: 'u'; readonly l: number; readonly w: string }
  | { readonly k: 's'; readonly l: number }
  | { readonly k: 'r'; readonly f: number; readonly t: number }
  | {
      readonly k: 'k';
      readonly f: number;
      readonly t: number;
      /** Every name the run's Host lines give, each between newlines: "\na\nb\n". */
      readonly n?: string;
    };

/**
 * A file as the program needs it. One known to be valid (a saved outline) is read only if a host
 * needs its lines (`got.text` may read lazily); any other is read and parsed now, so that a file
 * ssh cannot read is reported as ssh reports it.
 */
export function openFile(
  path: string,
  got: { readonly text: string },
  ctx: KeywordContext,
  known: FileVerdict | undefined,
): ParsedFile | { error: string } {
  if (known) return outlineFile(path, () => got.text, ctx, known);
  let text: string;
  try {
    text = got.text;
  } catch (e) {
    // A file that vanished after its stat is missing; any other failure keeps its own reason.
    if (e instanceof FileUnreadableError) return { error: e.reason };
    return { error: e instanceof ConfigError ? 'missing' : (e as Error).message };
  }
  return parseFile(path, text, ctx);
}

/** A file whose earlier full parse was clean: rebuilt from its saved outline, no line parsed. */
export function outlineFile(
  path: string,
  readText: () => string,
  ctx: KeywordContext,
  verdict: FileVerdict,
): ParsedFile {
  // Read on first use: a file whose literal runs do not name the host is never read at all.
  let content: string | undefined;
  const textOf = (): string => (content ??= readText());
  let lineStarts: number[] | undefined;
  const startsOf = (): number[] => {
    if (!lineStarts) {
      const text = textOf();
      lineStarts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    }
    return lineStarts;
  };
  const lineText = (n: number): string => {
    const text = textOf();
    const starts = startsOf();
    const from = starts[n - 1];
    if (from === undefined || from >= text.length) return '';
    const next = starts[n];
    let end = next === undefined ? text.length : next - 1;
    if (next !== undefined && end > from && text[end - 1] === '\r') end--;
    return text.slice(from, end);
  };
  const outline = verdict.outline.map((e): OutlineEntry => {
    switch (e.k) {
      case 'h':
        return { kind: 'host', line: e.l, patterns: e.p };
      case 'm':
        return { kind: 'match', line: e.l, criteria: e.c };
      case 'i':
        return { kind: 'include', line: e.l, paths: e.p };
      case 'u':
        return { kind: 'unknown', line: e.l, keyword: e.w };
      case 's':
        return parseLine(lineText(e.l), e.l, ctx);
      case 'r':
        return { kind: 'range', from: e.f, to: e.t };
      case 'k':
        return { kind: 'literal', from: e.f, to: e.t, ...(e.n !== undefined ? { names: e.n } : {}) };
    }
  });
  // A file without the name anywhere costs one indexOf; line starts are computed only on a hit.
  const linesWith = (needle: string, from: number, to: number): number[] => {
    const out: number[] = [];
    const text = textOf();
    if (needle === '' || !text.includes(needle)) return out;
    const starts = startsOf();
    const end = starts[to - 1] ?? text.length;
    let lo = 0;
    for (let i = text.indexOf(needle, starts[from - 1] ?? text.length); i >= 0 && i < end;) {
      // The line holding offset i: the last start at or before it (starts only grow).
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= i) lo = mid;
        else hi = mid - 1;
      }
      out.push(lo + 1);
      const next = starts[lo + 1];
      if (next === undefined) break;
      i = text.indexOf(needle, next);
    }
    return out;
  };
  let lines: RawLine[] | undefined;
  let parsed: ParsedLine[] | undefined;
  return {
    path,
    outline,
    lineText,
    linesWith,
    get lines() {
      return (lines ??= splitLines(textOf()));
    },
    get parsed() {
      return (parsed ??= this.lines.map((raw, i) => parseLine(raw.text, i + 1, ctx)));
    },
  };
}

/** The saved outline of a fully parsed file, or undefined when it has a bad line (never saved). */
export function verdictOf(file: ParsedFile): FileVerdict | undefined {
  const parsed = file.parsed;
  if (parsed.some((pl) => pl.kind === 'error')) return undefined;
  const blockEnds = literalBlockEnds(parsed);
  const outline: SavedEntry[] = [];
  let from = 0;
  const flush = (to: number) => {
    if (from > 0 && to > from) outline.push({ k: 'r', f: from, t: to });
    from = 0;
  };
  for (let i = 0; i < parsed.length; i++) {
    const pl = parsed[i] as ParsedLine;
    let end = blockEnds.get(pl.line);
    if (end !== undefined) {
      flush(pl.line);
      for (let next = blockEnds.get(end); next !== undefined; next = blockEnds.get(end)) end = next;
      const names = new Set<string>();
      for (let n = pl.line; n < end; n++) {
        const q = parsed[n - 1];
        if (q?.kind === 'host') for (const p of q.patterns) if (!p.startsWith('!')) names.add(p);
      }
      outline.push({ k: 'k', f: pl.line, t: end, n: `\n${[...names].join('\n')}\n` });
      i = end - 2;
      continue;
    }
    const plain = pl.kind === 'blank' || (pl.kind === 'directive' && pl.spec.name !== 'streamlocalbindmask');
    if (plain) {
      if (from === 0) from = pl.line;
      continue;
    }
    flush(pl.line);
    if (pl.kind === 'host') outline.push({ k: 'h', l: pl.line, p: pl.patterns });
    else if (pl.kind === 'match') outline.push({ k: 'm', l: pl.line, c: pl.criteria });
    else if (pl.kind === 'include') outline.push({ k: 'i', l: pl.line, p: pl.paths });
    else if (pl.kind === 'unknown') outline.push({ k: 'u', l: pl.line, w: pl.keyword });
    else if (pl.kind === 'directive') outline.push({ k: 's', l: pl.line });
  }
  flush(parsed.length + 1);
  return { outline };
}

/**
 * The Host blocks that can apply only to the literal names on their Host line and hold nothing
 * but plain directives: by Host line, the line after the block.
 */
function literalBlockEnds(parsed: readonly ParsedLine[]): Map<number, number> {
  const ends = new Map<number, number>();
  let start: number | undefined;
  let ok = false;
  const close = (end: number) => {
    if (start !== undefined && ok) ends.set(start, end);
    start = undefined;
  };
  for (const pl of parsed) {
    if (pl.kind === 'host' || pl.kind === 'match') {
      close(pl.line);
      if (pl.kind === 'host') {
        start = pl.line;
        ok = pl.patterns.filter((p) => !p.startsWith('!')).every(isLiteralPattern);
      }
    } else if (pl.kind !== 'blank' && (pl.kind !== 'directive' || pl.spec.name === 'streamlocalbindmask')) {
      ok = false;
    }
  }
  close(parsed.length + 1);
  return ends;
}
