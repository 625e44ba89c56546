/**
 * One config file, line by line, into typed lines. Problems are collected per line (ssh counts
 * every bad line of every file it reads, inactive blocks included, and then refuses to run).
 */
import { argvSplit, lexLine, lexSimple, verbatimRest } from './tokenize.js';
import { lookupKeyword, type KeywordContext, type KeywordSpec } from './keywords.js';
import { parseMatch, type MatchCriterion } from './match.js';
import { splitLines, type RawLine } from './source.js';

export type ParsedLine =
  | { readonly kind: 'blank'; readonly line: number }
  | { readonly kind: 'host'; readonly line: number; readonly patterns: readonly string[] }
  | { readonly kind: 'match'; readonly line: number; readonly criteria: readonly MatchCriterion[] }
  | { readonly kind: 'include'; readonly line: number; readonly paths: readonly string[] }
  | {
      readonly kind: 'directive';
      readonly line: number;
      /** The keyword as written (case kept). */
      readonly keyword: string;
      readonly spec: KeywordSpec;
      /** Tokens (or the verbatim rest for command keywords). */
      readonly args: readonly string[];
      /** What `ssh -G` prints for this line. */
      readonly values: readonly string[];
    }
  | { readonly kind: 'unknown'; readonly line: number; readonly keyword: string }
  | { readonly kind: 'error'; readonly line: number; readonly message: string };

/** A run of lines known to hold only valid directives, blanks and comments, parsed on demand. */
export interface LineRange {
  readonly kind: 'range';
  /** First line (1-based) and the line after the last. */
  readonly from: number;
  readonly to: number;
}

export type OutlineEntry = ParsedLine | LineRange;

export interface ParsedFile {
  readonly path: string;
  readonly lines: readonly RawLine[];
  /** Every line parsed (computed on first use when the file was outlined from a verdict). */
  readonly parsed: readonly ParsedLine[];
  /** What building the program needs: structural lines parsed, plain directives maybe as ranges. */
  readonly outline: readonly OutlineEntry[];
  /** The text of line n (1-based), without its ending. */
  lineText(n: number): string;
}

/**
 * The outline of a file whose full parse was clean, kept between runs so that an unchanged large
 * configuration is not parsed line by line again. Structural lines keep their parsed content;
 * runs of plain directives are ranges; StreamLocalBindMask lines (the one keyword that applies
 * from inactive blocks too) are listed to be parsed eagerly.
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
  | { readonly k: 'r'; readonly f: number; readonly t: number };

const STRUCTURAL = new Set(['host', 'match', 'include']);

export function parseFile(
  path: string,
  text: string,
  ctx: KeywordContext,
  verdict?: FileVerdict,
): ParsedFile {
  if (!verdict) {
    const lines = splitLines(text);
    const parsed = lines.map((raw, i) => parseLine(raw.text, i + 1, ctx));
    return { path, lines, parsed, outline: parsed, lineText: (n) => lines[n - 1]?.text ?? '' };
  }
  return outlineFile(path, text, ctx, verdict);
}

/** A file whose earlier full parse was clean: rebuilt from its saved outline, no line parsed. */
function outlineFile(path: string, text: string, ctx: KeywordContext, verdict: FileVerdict): ParsedFile {
  let starts: number[] | undefined;
  const lineText = (n: number): string => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
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
    }
  });
  let lines: RawLine[] | undefined;
  let parsed: ParsedLine[] | undefined;
  return {
    path,
    outline,
    lineText,
    get lines() {
      return (lines ??= splitLines(text));
    },
    get parsed() {
      return (parsed ??= this.lines.map((raw, i) => parseLine(raw.text, i + 1, ctx)));
    },
  };
}

/** The saved outline of a fully parsed file, or undefined when it has a bad line (never saved). */
export function verdictOf(file: ParsedFile): FileVerdict | undefined {
  const outline: SavedEntry[] = [];
  let from = 0;
  const flush = (to: number) => {
    if (from > 0 && to > from) outline.push({ k: 'r', f: from, t: to });
    from = 0;
  };
  for (const pl of file.parsed) {
    if (pl.kind === 'error') return undefined;
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
  flush(file.parsed.length + 1);
  return { outline };
}
/** The same arguments parse to the same values; real configs repeat them a lot (User, ProxyJump). */
const parseCache = new WeakMap<
  KeywordContext,
  Map<KeywordSpec, Map<string, ReturnType<KeywordSpec['parse']>>>
>();

function cachedParse(spec: KeywordSpec, rest: string, input: readonly string[], ctx: KeywordContext) {
  let bySpec = parseCache.get(ctx);
  if (!bySpec) parseCache.set(ctx, (bySpec = new Map()));
  let byRest = bySpec.get(spec);
  if (!byRest) bySpec.set(spec, (byRest = new Map()));
  let r = byRest.get(rest);
  if (r === undefined) {
    r = spec.parse(input, ctx);
    byRest.set(rest, r);
  }
  return r;
}

export function parseLine(text: string, line: number, ctx: KeywordContext): ParsedLine {
  const simple = lexSimple(text);
  let keyword: string;
  let rest: string;
  let args: string[] | null;
  if (simple) ({ keyword, rest, args } = simple);
  else {
    const lexed = lexLine(text);
    if (lexed.kind === 'empty') return { kind: 'blank', line };
    if (lexed.kind === 'error') return { kind: 'error', line, message: lexed.message };
    keyword = lexed.keyword;
    rest = lexed.rest;
    args = argvSplit(rest);
  }
  const lexed = { keyword, rest };
  const kw = keyword.toLowerCase();
  if (args === null) return { kind: 'error', line, message: 'invalid quotes' };
  if (STRUCTURAL.has(kw)) return parseStructural(kw, lexed.rest, args, line);
  const spec = lookupKeyword(kw, ctx);
  if (!spec) return { kind: 'unknown', line, keyword: kw };
  // A line whose only argument is a comment (`SendEnv #x`) reaches the keyword with no tokens;
  // whether that is an error is the keyword's to say, as in readconf.c.
  const input = spec.input === 'verbatim' ? [verbatimRest(lexed.rest)] : args;
  const res = cachedParse(spec, lexed.rest, input, ctx);
  if ('error' in res) return { kind: 'error', line, message: res.error };
  return { kind: 'directive', line, keyword: lexed.keyword, spec, args: input, values: res.values };
}

function parseStructural(kw: string, rest: string, args: string[], line: number): ParsedLine {
  if (kw === 'match') {
    const m = parseMatch(rest);
    if ('error' in m) return { kind: 'error', line, message: `${m.error} (Bad Match condition)` };
    if (m.extra) return { kind: 'error', line, message: 'keyword match extra arguments at end of line' };
    return { kind: 'match', line, criteria: m.criteria };
  }
  if (args.some((a) => a === '')) return { kind: 'error', line, message: `keyword ${kw} empty argument` };
  return kw === 'host' ? { kind: 'host', line, patterns: args } : { kind: 'include', line, paths: args };
}
