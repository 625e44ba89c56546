/**
 * One config file, line by line, into typed lines. Problems are collected per line (ssh counts
 * every bad line of every file it reads, inactive blocks included, and then refuses to run).
 */
import { argvSplit, lexLine, lexSimple, verbatimRest } from './tokenize.js';
import { lookupKeyword, type KeywordContext, type KeywordSpec } from '../keywords/keywords.js';
import { parseMatch, type MatchCriterion } from '../resolve/match.js';
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

/** Whole `Host` blocks naming only literal hosts, with plain directives only (see LiteralRun). */
export interface LiteralBlocks {
  readonly kind: 'literal';
  readonly from: number;
  readonly to: number;
  /** Every name the run's Host lines give, each between newlines, when the outline saved them. */
  readonly names?: string;
}

export type OutlineEntry = ParsedLine | LineRange | LiteralBlocks;

export interface ParsedFile {
  readonly path: string;
  readonly lines: readonly RawLine[];
  /** Every line parsed (computed on first use when the file was outlined from a verdict). */
  readonly parsed: readonly ParsedLine[];
  /** What building the program needs: structural lines parsed, plain directives maybe as ranges. */
  readonly outline: readonly OutlineEntry[];
  /** The text of line n (1-based), without its ending. */
  lineText(n: number): string;
  /** The lines in [from, to) whose text contains `needle`, in order. */
  linesWith(needle: string, from: number, to: number): number[];
}

const STRUCTURAL = new Set(['host', 'match', 'include']);

export function parseFile(path: string, text: string, ctx: KeywordContext): ParsedFile {
  const lines = splitLines(text);
  const parsed = lines.map((raw, i) => parseLine(raw.text, i + 1, ctx));
  const linesWith = (needle: string, from: number, to: number) => {
    const out: number[] = [];
    for (let n = from; n < to && n <= lines.length; n++) if (lines[n - 1]?.text.includes(needle)) out.push(n);
    return out;
  };
  return { path, lines, parsed, outline: parsed, lineText: (n) => lines[n - 1]?.text ?? '', linesWith };
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

type Lexed =
  | { readonly kind: 'line'; readonly keyword: string; readonly rest: string; readonly args: string[] | null }
  | { readonly kind: 'empty' }
  | { readonly kind: 'error'; readonly message: string };

function lex(text: string): Lexed {
  const simple = lexSimple(text);
  if (simple) return { kind: 'line', ...simple };
  const lexed = lexLine(text);
  if (lexed.kind !== 'directive') return lexed;
  return { kind: 'line', keyword: lexed.keyword, rest: lexed.rest, args: argvSplit(lexed.rest) };
}

export function parseLine(text: string, line: number, ctx: KeywordContext): ParsedLine {
  const lexed = lex(text);
  if (lexed.kind === 'empty') return { kind: 'blank', line };
  if (lexed.kind === 'error') return { kind: 'error', line, message: lexed.message };
  const { keyword, rest, args } = lexed;
  const kw = keyword.toLowerCase();
  if (args === null) return { kind: 'error', line, message: 'invalid quotes' };
  if (STRUCTURAL.has(kw)) return parseStructural(kw, rest, args, line);
  const spec = lookupKeyword(kw, ctx);
  if (!spec) return { kind: 'unknown', line, keyword: kw };
  // A line whose only argument is a comment (`SendEnv #x`) reaches the keyword with no tokens;
  // whether that is an error is the keyword's to say, as in readconf.c.
  const input = spec.input === 'verbatim' ? [verbatimRest(rest)] : args;
  const res = cachedParse(spec, rest, input, ctx);
  if ('error' in res) return { kind: 'error', line, message: res.error };
  return { kind: 'directive', line, keyword, spec, args: input, values: res.values };
}

/** A line that may be a Host line: `host` as a whole word first (after blanks or a stray `=`, as
 * ssh allows), or a quoted keyword. A filter only: what passes is lexed. */
const MAYBE_HOST = /^[\s=]*(?:"|host\b)/i;

/**
 * The patterns of a Host line, or undefined for any other line: enough to find block boundaries
 * in a file already known to be valid, without parsing the directives between them.
 */
export function hostLinePatterns(text: string): readonly string[] | undefined {
  // Most lines are plainly something else (`HostName` included); only the rest are lexed.
  if (!MAYBE_HOST.test(text)) return undefined;
  const lexed = lex(text);
  if (lexed.kind !== 'line' || lexed.args === null || lexed.keyword.toLowerCase() !== 'host')
    return undefined;
  return lexed.args;
}

/** Lines that may be Host or Include lines (a filter only: what it finds is lexed). */
const HOST_OR_INCLUDE_LINES = /^[ \t\f\v=]*(?:"|host\b|include\b).*$/gim;

/**
 * The Host patterns and Include paths of a file's text, in order, and nothing else: what shell
 * completion needs to list the aliases of a large configuration without parsing it. With `hint`,
 * a Host line that cannot name a host starting with it (it does not hold the hint as written,
 * and has no quote or backslash that could spell it otherwise) is skipped unlexed.
 */
export function hostsAndIncludes(text: string, hint = ''): { hosts: string[]; includes: string[] } {
  const hosts: string[] = [];
  const includes: string[] = [];
  for (const [raw] of text.matchAll(HOST_OR_INCLUDE_LINES)) {
    if (hint !== '' && !raw.includes(hint) && !/["'\\]/.test(raw) && !/^[\s=]*include\b/i.test(raw)) continue;
    const lexed = lex(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    if (lexed.kind !== 'line' || lexed.args === null) continue;
    const kw = lexed.keyword.toLowerCase();
    if (kw === 'host') hosts.push(...lexed.args);
    else if (kw === 'include') includes.push(...lexed.args);
  }
  return { hosts, includes };
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
