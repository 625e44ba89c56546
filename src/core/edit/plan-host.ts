/**
 * Planning edits of one host's settings: a new Host block (add-host), a keyword set or unset in
 * the host's own block. Pure: lines in, lines out, plus which new lines must take effect.
 */
import { JumpctlError } from '../errors.js';
import { didYouMean, suggest } from '../suggest.js';
import {
  isLiteralPattern,
  lookupKeyword,
  type KeywordContext,
  matchHostLine,
  type RawLine,
  type SourceRef,
} from '../config/index.js';
import { formatDirective } from './directive.js';
import { hostBlocks, type Doc, type Planned } from './docs.js';
import { isBlankLine } from './layout.js';
import { insertBlock, insertLines, removeLines, replaceLine } from './splice.js';
import { valueSpans } from './tokens.js';

export type Setting = readonly [keyword: string, values: readonly string[]];

/**
 * Where a new block for `alias` takes effect first: before the first block of the file that
 * could also apply to it (a wildcard Host such as `Host *`, or any Match), since ssh keeps the
 * first value it sees; otherwise after the file's last line of content.
 */
export function insertionPoint(doc: Doc, alias: string): number {
  for (const b of doc.blocks) {
    if (b.kind === 'match' || matchHostLine(alias, b.patterns)) return b.lead;
  }
  let end = doc.lines.length;
  while (end > 0 && isBlankLine(doc.lines[end - 1])) end--;
  // Appending after a last line that has no line ending would change that line; going in before
  // the last block (which cannot apply to this alias) adds lines only.
  const last = doc.blocks[doc.blocks.length - 1];
  if (end === doc.lines.length && doc.lines[end - 1]?.eol === '' && last) return last.lead;
  return end;
}

export function planNewBlock(
  doc: Doc,
  alias: string,
  settings: readonly Setting[],
  ctx: KeywordContext,
): Planned {
  const { indent, sep } = doc.style;
  const texts = [`Host ${alias}`];
  const keys: string[] = [];
  for (const [kw, values] of settings) {
    const d = formatDirective(kw, values, indent, sep, ctx);
    texts.push(d.text);
    keys.push(d.spec.name);
  }
  const at = insertionPoint(doc, alias);
  const { lines, first } = insertBlock(doc.lines, at, texts, doc.style);
  const from = new Map<string, SourceRef>();
  keys.forEach((k, i) => from.set(k, { file: doc.path, line: first + 2 + i }));
  return { files: new Map([[doc.path, lines]]), wanted: [{ host: alias, from }], notes: [] };
}

/** No block names `alias`: said with the configured names it may have meant (set, unset, rm, rename). */
export function noHost(alias: string, docs: readonly Doc[], add = true): JumpctlError {
  const names = docs.flatMap((d) =>
    d.blocks.flatMap((b) => (b.kind === 'host' ? b.patterns.filter(isLiteralPattern) : [])),
  );
  const suggestions = suggest(alias, names);
  const close = didYouMean(suggestions);
  return new JumpctlError('E_NO_HOST', `no Host block names ${alias}`, {
    hint: `${close ? `${close} ` : ''}See \`jumpctl list\` for the configured hosts${add ? `, or add it: jumpctl add-host ${alias} --hostname <name>` : '.'}`,
    data: { suggestions },
  });
}

/**
 * `set`: the value goes into the host's own block (the first `Host <alias>` block), replacing
 * that keyword's lines there. A host configured only on a shared Host line gets its own block,
 * placed before the shared one so that its value wins.
 */
export function planSet(
  docs: readonly Doc[],
  alias: string,
  keyword: string,
  values: readonly string[],
  ctx: KeywordContext,
  /** Add a line next to the keyword's other lines instead of replacing them (IdentityFile). */
  append = false,
): Planned {
  const blocks = hostBlocks(docs, alias);
  if (blocks.length === 0) throw noHost(alias, docs);
  // Formatting once up front checks the keyword and values before anything is planned.
  const { spec } = formatDirective(keyword, values, '', ' ', ctx);
  const own = blocks.find((b) => b.own);
  if (!own) {
    const shared = blocks[0] as (typeof blocks)[number];
    const at = shared.block.lead;
    const d = formatDirective(keyword, values, shared.doc.style.indent, shared.doc.style.sep, ctx);
    const { lines, first } = insertBlock(shared.doc.lines, at, [`Host ${alias}`, d.text], shared.doc.style);
    return {
      files: new Map([[shared.doc.path, lines]]),
      wanted: [{ host: alias, from: new Map([[d.spec.name, { file: shared.doc.path, line: first + 2 }]]) }],
      notes: [`${alias} shared its Host line with other hosts; it now has a block of its own`],
    };
  }
  const { doc, block } = own;
  const matching = sameKeywordLines(doc, block.header, block.end, keyword, ctx);
  const firstLine = matching[0];
  let lines: RawLine[];
  let at: number;
  if (append) {
    const indent = blockIndent(doc, block.header, block.end) ?? doc.style.indent;
    const d = formatDirective(keyword, values, indent, doc.style.sep, ctx);
    at = (matching[matching.length - 1] ?? lastContent(doc, block.header, block.end)) + 1;
    lines = insertLines(doc.lines, at, [d.text], doc.style);
  } else if (firstLine !== undefined) {
    const text = doc.lines[firstLine]?.text ?? '';
    const d = formatDirective(keyword, values, '', ' ', ctx);
    lines = replaceLine(doc.lines, firstLine, rewriteValue(text, d.text, spec.input === 'verbatim'));
    for (const i of matching.slice(1).reverse()) lines = removeLines(lines, i, i + 1);
    at = firstLine;
  } else {
    const indent = blockIndent(doc, block.header, block.end) ?? doc.style.indent;
    const d = formatDirective(keyword, values, indent, doc.style.sep, ctx);
    at = lastContent(doc, block.header, block.end) + 1;
    lines = insertLines(doc.lines, at, [d.text], doc.style);
  }
  return {
    files: new Map([[doc.path, lines]]),
    wanted: [{ host: alias, from: new Map([[spec.name, { file: doc.path, line: at + 1 }]]) }],
    notes: [],
  };
}

export function planUnset(
  docs: readonly Doc[],
  alias: string,
  keyword: string,
  ctx: KeywordContext,
): Planned {
  const blocks = hostBlocks(docs, alias);
  if (blocks.length === 0) throw noHost(alias, docs);
  const own = blocks.find((b) => b.own);
  const matching = own ? sameKeywordLines(own.doc, own.block.header, own.block.end, keyword, ctx) : [];
  if (!own || matching.length === 0)
    throw new JumpctlError('E_NOT_SET', `${alias}'s own block does not set ${keyword}`, {
      hint: `\`jumpctl show ${alias}\` shows where its ${keyword} comes from; edit that line instead.`,
    });
  let lines: readonly RawLine[] = own.doc.lines;
  for (const i of [...matching].reverse()) lines = removeLines(lines, i, i + 1);
  return { files: new Map([[own.doc.path, lines]]), wanted: [], notes: [] };
}

function sameKeywordLines(doc: Doc, header: number, end: number, keyword: string, ctx: KeywordContext) {
  const name = lookupKeyword(keyword, ctx)?.name;
  if (name === undefined) formatDirective(keyword, ['x'], '', ' ', ctx); // throws the unknown-keyword error
  const out: number[] = [];
  for (let i = header + 1; i < end; i++) {
    const pl = doc.parsed[i];
    if (pl?.kind === 'directive' && pl.spec.name === name) out.push(i);
  }
  return out;
}

function lastContent(doc: Doc, header: number, end: number): number {
  let last = header;
  for (let i = header + 1; i < end; i++) if (doc.parsed[i]?.kind === 'directive') last = i;
  return last;
}

function blockIndent(doc: Doc, header: number, end: number): string | undefined {
  for (let i = header + 1; i < end; i++)
    if (doc.parsed[i]?.kind === 'directive') return /^[ \t]*/.exec(doc.lines[i]?.text ?? '')?.[0];
  return undefined;
}

/**
 * A line with a new value: the user's indentation, keyword spelling and separator kept, and a
 * trailing comment kept too (except on command keywords, where `#` belongs to the command).
 */
function rewriteValue(old: string, fresh: string, verbatim: boolean): string {
  const { keywordEnd, spans } = valueSpans(old);
  const head = old.slice(0, keywordEnd);
  const sepEnd = spans[0]?.start ?? old.length;
  const newValue = fresh.slice(valueSpans(fresh).spans[0]?.start ?? fresh.length);
  if (verbatim) return old.slice(0, sepEnd) + newValue;
  const last = spans[spans.length - 1];
  const tail = last ? old.slice(last.end) : '';
  const comment = /^[ \t]+#/.test(tail) ? tail : '';
  return `${head}${old.slice(keywordEnd, sepEnd)}${newValue}${comment}`;
}
