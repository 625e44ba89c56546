/**
 * Planning edits that follow a host's name through the configuration: removing it (its block,
 * or only its name from a shared Host line) and renaming it, together with every ProxyJump and
 * `ProxyCommand ssh -W` that jumps through it, in whichever file they are.
 */
import { parseHop, parseSshWCommand, type RawLine } from '../config/index.js';
import { hostBlocks, type Doc, type Planned } from './docs.js';
import { noHost } from './plan-host.js';
import { removeBlockLines, replaceLine } from './splice.js';
import { removeWord, replaceWord, valueSpans } from './tokens.js';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Line edits of one file, applied bottom-up so indexes stay valid. */
type LineEdit =
  { kind: 'replace'; at: number; text: string } | { kind: 'drop-block'; from: number; to: number };

function apply(doc: Doc, edits: LineEdit[]): RawLine[] {
  let lines: readonly RawLine[] = doc.lines;
  const order = (e: LineEdit) => (e.kind === 'replace' ? e.at : e.from);
  for (const e of [...edits].sort((a, b) => order(b) - order(a))) {
    lines = e.kind === 'replace' ? replaceLine(lines, e.at, e.text) : removeBlockLines(lines, e.from, e.to);
  }
  return [...lines];
}

function collect(docs: readonly Doc[], plan: (doc: Doc) => LineEdit[]): Map<string, RawLine[]> {
  const files = new Map<string, RawLine[]>();
  for (const doc of docs) {
    const edits = plan(doc);
    if (edits.length > 0) files.set(doc.path, apply(doc, edits));
  }
  return files;
}

/** `rm`: the host's own blocks go; on a shared Host line only its name does. */
export function planRemove(docs: readonly Doc[], alias: string): Planned {
  const blocks = hostBlocks(docs, alias);
  if (blocks.length === 0) throw noHost(alias, docs, false);
  const notes: string[] = [];
  const files = collect(docs, (doc) =>
    blocks
      .filter((b) => b.doc === doc)
      .map(({ block, own }): LineEdit => {
        if (own) return { kind: 'drop-block', from: block.header, to: block.end };
        const text = doc.lines[block.header]?.text ?? '';
        const { spans } = valueSpans(text);
        const span = spans.find((s) => same(s.value, alias));
        if (!span) return { kind: 'replace', at: block.header, text };
        notes.push(`${doc.path}:${block.header + 1}: removed ${alias} from a Host line it shares`);
        return { kind: 'replace', at: block.header, text: removeWord(text, span, spans) };
      }),
  );
  for (const doc of docs)
    doc.parsed.forEach((pl, i) => {
      if (pl.kind === 'match' && new RegExp(`\\b${escapeRe(alias)}\\b`, 'i').test(doc.lines[i]?.text ?? ''))
        notes.push(`${doc.path}:${i + 1}: a Match line names ${alias}; it was left as it is`);
    });
  return { files, wanted: [], notes };
}

/** A ProxyJump value with every hop named `from` renamed, user and port kept. */
export function renameInJump(value: string, from: string, to: string): string {
  return value
    .split(',')
    .map((piece) => {
      const hop = parseHop(piece);
      if (!hop || !same(hop.host, from)) return piece;
      const at = piece.lastIndexOf('@');
      const hostStart = at >= 0 ? at + 1 : 0;
      return piece.slice(0, hostStart) + to + piece.slice(hostStart + hop.host.length);
    })
    .join(',');
}

/** A `ProxyCommand ssh … -W %h:%p <from>` with its destination renamed; others unchanged. */
export function renameInProxyCommand(command: string, from: string, to: string): string {
  const parsed = parseSshWCommand(command);
  if (!parsed || !same(parsed.host, from)) return command;
  const re = new RegExp(`(^|[\\s@"'])${escapeRe(parsed.host)}(?=$|[\\s"'])`, 'g');
  let last = -1;
  let lastLen = 0;
  for (let m = re.exec(command); m; m = re.exec(command)) {
    last = m.index + (m[1]?.length ?? 0);
    lastLen = parsed.host.length;
  }
  return last < 0 ? command : command.slice(0, last) + to + command.slice(last + lastLen);
}

/**
 * `rename`: the name on every Host line that has it, and every ProxyJump/ProxyCommand that
 * jumps through it. `keepHostName` is the HostName line to add to the host's own block when the
 * name it connected to came from the alias itself (otherwise renaming would change the server).
 */
export function planRename(
  docs: readonly Doc[],
  from: string,
  to: string,
  keepHostName: string | undefined,
): Planned {
  const blocks = hostBlocks(docs, from);
  if (blocks.length === 0) throw noHost(from, docs, false);
  const first = blocks[0] as (typeof blocks)[number];
  const files = collect(docs, (doc) => {
    const edits: LineEdit[] = [];
    for (const b of blocks.filter((x) => x.doc === doc)) {
      const text = doc.lines[b.block.header]?.text ?? '';
      const { spans } = valueSpans(text);
      const span = spans.find((s) => same(s.value, from));
      if (!span) continue;
      let header = replaceWord(text, span, to);
      if (b === first && keepHostName !== undefined) {
        // The HostName goes on a line of its own right after the Host line, indented like the block.
        const indent = /^[ \t]*/.exec(doc.lines[b.block.header + 1]?.text ?? '')?.[0] || doc.style.indent;
        header += `${doc.lines[b.block.header]?.eol || doc.style.eol}${indent}HostName${doc.style.sep}${keepHostName}`;
      }
      edits.push({ kind: 'replace', at: b.block.header, text: header });
    }
    doc.parsed.forEach((pl, i) => {
      if (pl.kind !== 'directive') return;
      const text = doc.lines[i]?.text ?? '';
      if (pl.spec.name === 'proxyjump') {
        const { spans } = valueSpans(text);
        const span = spans[0];
        if (!span) return;
        const renamed = renameInJump(span.value, from, to);
        if (renamed !== span.value)
          edits.push({ kind: 'replace', at: i, text: replaceWord(text, span, renamed) });
      } else if (pl.spec.name === 'proxycommand') {
        const start = valueSpans(text).spans[0]?.start ?? text.length;
        const renamed = renameInProxyCommand(text.slice(start), from, to);
        if (renamed !== text.slice(start))
          edits.push({ kind: 'replace', at: i, text: text.slice(0, start) + renamed });
      }
    });
    return edits;
  });
  return { files: splitEmbedded(files), wanted: [], notes: [] };
}

/** A replaced Host line may carry an added HostName line after an embedded line ending. */
function splitEmbedded(files: Map<string, RawLine[]>): Map<string, RawLine[]> {
  const out = new Map<string, RawLine[]>();
  for (const [path, lines] of files) {
    const fixed: RawLine[] = [];
    for (const l of lines) {
      const m = /^(.*?)(\r?\n)(.*)$/s.exec(l.text);
      if (m) fixed.push({ text: m[1] ?? '', eol: m[2] ?? '\n' }, { text: m[3] ?? '', eol: l.eol || '' });
      else fixed.push(l);
    }
    out.set(path, fixed);
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
