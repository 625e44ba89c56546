/**
 * The pieces a program is made of: scopes (the Host/Match conditions a line sits under), steps
 * (one directive each) and segments (a run of steps under one scope). Also the blocks a saved
 * outline skipped: runs of `Host <literal names>` blocks that are parsed only for the host that
 * names them, so that resolving one host in a file of thousands parses a handful of lines.
 */
import { fileChangedError } from '../../errors.js';
import type { KeywordContext } from '../keywords/keywords.js';
import type { MatchCriterion } from '../resolve/match.js';
import { hostLinePatterns, parseLine, type ParsedFile, type ParsedLine } from '../syntax/parse-file.js';
import type { SourceRef } from '../syntax/source.js';

export interface Scope {
  readonly id: number;
  readonly kind: 'root' | 'host' | 'match';
  readonly parent: Scope | undefined;
  readonly ref: SourceRef;
  readonly patterns?: readonly string[];
  readonly criteria?: readonly MatchCriterion[];
}

export interface Step {
  readonly seq: number;
  readonly ref: SourceRef;
  readonly line: Extract<ParsedLine, { kind: 'directive' }>;
}

export interface PendingRange {
  readonly file: ParsedFile;
  readonly from: number;
  readonly to: number;
  /** The seq of line `from`; line n has seq + (n - from). */
  readonly seq: number;
  readonly ctx: KeywordContext;
}

/**
 * A run of directives under one scope. Lines from a file known to be valid arrive as ranges and
 * are parsed the first time a host needs this segment.
 */
export class Segment {
  private readonly items: (Step | PendingRange)[] = [];
  private cached: Step[] | undefined;

  constructor(
    readonly scope: Scope,
    /** The first segment of a scope is where its condition is evaluated. */
    readonly header: boolean,
    readonly file: string,
  ) {}

  add(item: Step | PendingRange): void {
    this.items.push(item);
    this.cached = undefined;
  }

  get steps(): readonly Step[] {
    if (this.cached) return this.cached;
    const out: Step[] = [];
    for (const item of this.items) {
      if (!('file' in item)) {
        out.push(item);
        continue;
      }
      for (let n = item.from; n < item.to; n++) {
        const pl = parseLine(item.file.lineText(n), n, item.ctx);
        if (pl.kind === 'blank') continue;
        // The next run parses the file in full and says what is wrong.
        if (pl.kind !== 'directive') throw fileChangedError(item.file.path, n);
        out.push({ seq: item.seq + (n - item.from), ref: { file: item.file.path, line: n }, line: pl });
      }
    }
    return (this.cached = out);
  }
}

const NONE: readonly Segment[] = [];

/**
 * Lines [from, to) of a file whose saved outline says they are whole `Host` blocks, each naming
 * only literal hosts and holding only plain directives. Such a block can apply only to a host it
 * names, so it is found by searching the text for that name, and parsed then. Resolving many
 * hosts instead indexes every block once (see `indexAll`).
 */
export class LiteralRun {
  /** Blocks made so far, by Host line: the same block is the same Segment for every caller. */
  private readonly blocks = new Map<number, Segment>();
  private byName: Map<string, Segment[]> | undefined;

  constructor(
    /** Where in the program's segment order the run sits (before that index). */
    readonly position: number,
    private readonly range: PendingRange,
    private readonly outer: Scope,
    private readonly newScopeId: () => number,
    /** The run's names between newlines (from the saved outline), to rule a host out unread. */
    private readonly names?: string,
  ) {}

  /** The blocks of this run whose Host line names `host`, in order. */
  blocksFor(host: string): readonly Segment[] {
    if (this.byName) return this.byName.get(host) ?? NONE;
    if (this.names !== undefined && !this.names.includes(`\n${host}\n`)) return NONE;
    const { file, from, to } = this.range;
    const out: Segment[] = [];
    for (const n of file.linesWith(host, from, to)) {
      const patterns = this.blocks.get(n)?.scope.patterns ?? hostLinePatterns(file.lineText(n));
      if (patterns?.includes(host)) out.push(this.block(n, patterns, this.endOf(n)));
    }
    return out;
  }

  /** Every block of the run, in order (doctor and the edit checks look at all of them). */
  all(): Segment[] {
    const { file, from, to } = this.range;
    const out: Segment[] = [];
    let start: { line: number; patterns: readonly string[] } | undefined;
    for (let n = from; n <= to; n++) {
      const patterns = n < to ? hostLinePatterns(file.lineText(n)) : [];
      if (!patterns) continue;
      if (start) out.push(this.block(start.line, start.patterns, n));
      start = { line: n, patterns };
    }
    return out;
  }

  /** From now on, find blocks through an index of every name (for resolving many hosts). */
  indexAll(): void {
    if (this.byName) return;
    const byName = new Map<string, Segment[]>();
    for (const seg of this.all()) {
      const names = new Set((seg.scope.patterns ?? []).filter((p) => !p.startsWith('!')));
      for (const name of names) {
        const list = byName.get(name);
        if (list) list.push(seg);
        else byName.set(name, [seg]);
      }
    }
    this.byName = byName;
  }

  /** The line after the block whose Host line is `line`. */
  private endOf(line: number): number {
    const { file, to } = this.range;
    let n = line + 1;
    while (n < to && !hostLinePatterns(file.lineText(n))) n++;
    return n;
  }

  private block(line: number, patterns: readonly string[], end: number): Segment {
    const known = this.blocks.get(line);
    if (known) return known;
    const { file, from, seq, ctx } = this.range;
    const scope: Scope = {
      id: this.newScopeId(),
      kind: 'host',
      parent: this.outer,
      ref: { file: file.path, line },
      patterns,
    };
    const seg = new Segment(scope, true, file.path);
    // Parsed when a host walks it, like any range of a known-good file.
    if (end > line + 1) seg.add({ file, from: line + 1, to: end, seq: seq + (line + 1 - from), ctx });
    this.blocks.set(line, seg);
    return seg;
  }
}
