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

export interface ParsedFile {
  readonly path: string;
  readonly lines: readonly RawLine[];
  readonly parsed: readonly ParsedLine[];
}

const STRUCTURAL = new Set(['host', 'match', 'include']);

export function parseFile(path: string, text: string, ctx: KeywordContext): ParsedFile {
  const lines = splitLines(text);
  const parsed = lines.map((raw, i) => parseLine(raw.text, i + 1, ctx));
  return { path, lines, parsed };
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
