/**
 * The files an edit may touch, as lines plus their parse, and how to find a host's blocks in
 * them. An edit produces new line arrays; everything it did not touch is the same objects.
 */
import {
  type ParsedFile,
  type ParsedLine,
  isLiteralPattern,
  joinLines,
  type RawLine,
  type SourceRef,
} from '../config/index.js';
import { detectStyle, layoutOf, type Block, type FileStyle } from './layout.js';

export interface Doc {
  readonly path: string;
  readonly lines: readonly RawLine[];
  readonly parsed: readonly ParsedLine[];
  readonly blocks: readonly Block[];
  readonly style: FileStyle;
}

export function docOf(file: Pick<ParsedFile, 'path' | 'lines' | 'parsed'>): Doc {
  const { blocks } = layoutOf(file.lines, file.parsed);
  return {
    path: file.path,
    lines: file.lines,
    parsed: file.parsed,
    blocks,
    style: detectStyle(file.lines, file.parsed),
  };
}

export function emptyDoc(path: string): Doc {
  return { path, lines: [], parsed: [], blocks: [], style: { eol: '\n', indent: '  ', sep: ' ' } };
}

export interface HostBlock {
  readonly doc: Doc;
  readonly block: Block;
  /** The alias is the block's only positive pattern: its settings are that host's alone. */
  readonly own: boolean;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Every Host block, in the order ssh reads them, whose Host line names `alias` literally. */
export function hostBlocks(docs: readonly Doc[], alias: string): HostBlock[] {
  const out: HostBlock[] = [];
  for (const doc of docs)
    for (const block of doc.blocks) {
      if (block.kind !== 'host') continue;
      const positive = block.patterns.filter((p) => !p.startsWith('!'));
      if (!positive.some((p) => isLiteralPattern(p) && same(p, alias))) continue;
      out.push({ doc, block, own: positive.every((p) => same(p, alias)) });
    }
  return out;
}

/** The result of planning: new lines per file, and the lines whose values must take effect. */
export interface Planned {
  readonly files: ReadonlyMap<string, readonly RawLine[]>;
  /** Per host: keyword → where its value must come from after the edit. */
  readonly wanted: readonly { host: string; from: ReadonlyMap<string, SourceRef> }[];
  readonly notes: readonly string[];
}

export function textOf(lines: readonly RawLine[]): string {
  return joinLines(lines);
}
