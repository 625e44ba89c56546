/**
 * The whole configuration as ssh reads it: the entry files, their Includes expanded in place,
 * and every directive tagged with the chain of Host/Match scopes that must be active for it to
 * apply. Built once; resolving a host walks it (see resolve.ts).
 */
import { ConfigError, type ConfigProblem } from './errors.js';
import type { KeywordContext } from './keywords.js';
import { requestsFinalPass, type MatchCriterion } from './match.js';
import {
  parseFile,
  parseLine,
  verdictOf,
  type FileVerdict,
  type ParsedFile,
  type ParsedLine,
} from './parse-file.js';
import { isLiteralPattern } from './pattern.js';
import type { SourceRef } from './source.js';

/** Verdicts of earlier full parses, by path and file identity (size, times, inode). */
export interface VerdictStore {
  get(path: string, id: string): FileVerdict | undefined;
  put(path: string, id: string, verdict: FileVerdict): void;
}

/** The edge that reads files; the core never touches the file system itself. */
export interface FileSystemView {
  /** The file's text, `undefined` when it does not exist, or an error message. */
  read(path: string): { text: string; id?: string } | { error: string } | undefined;
  /** glob(3) with `~` expanded, results in byte order; nothing for no match. */
  glob(pattern: string): string[];
  /** ssh's check for included and user files: a message when group/world-writable or foreign-owned. */
  permissionProblem(path: string): string | undefined;
}

export interface EntryFile {
  readonly path: string;
  /** User files (~/.ssh/config or -F) resolve relative Includes under ~/.ssh; system ones under /etc/ssh. */
  readonly user: boolean;
  /** -F: a missing file is fatal. */
  readonly required: boolean;
  readonly checkPermissions: boolean;
}

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

interface PendingRange {
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
        // The saved outline said these lines are valid directives; anything else means the file
        // changed between stat and read. The next run parses it in full and says what is wrong.
        if (pl.kind !== 'directive') {
          throw new ConfigError([
            {
              file: item.file.path,
              line: n,
              message: 'the file changed while jumpctl was reading it; run the command again',
            },
          ]);
        }
        out.push({ seq: item.seq + (n - item.from), ref: { file: item.file.path, line: n }, line: pl });
      }
    }
    return (this.cached = out);
  }
}

export interface Program {
  readonly files: readonly ParsedFile[];
  readonly segments: readonly Segment[];
  /** Segment indexes that can only apply to one literal host name, by that name. */
  readonly literalIndex: ReadonlyMap<string, readonly number[]>;
  /** Segment indexes that must be considered for every host. */
  readonly always: readonly number[];
  readonly unknowns: readonly { seq: number; ref: SourceRef; keyword: string }[];
  readonly problems: readonly ConfigProblem[];
  readonly wantFinalPass: boolean;
  /** Some Match line has an `exec` criterion (only then is a way to run it needed). */
  readonly hasExec: boolean;
  /** Every StreamLocalBindMask line, active or not (ssh applies the last one regardless). */
  readonly maskSteps: readonly Step[];
}

const MAX_DEPTH = 16;

export function buildProgram(
  entries: readonly EntryFile[],
  fs: FileSystemView,
  ctx: KeywordContext & { home: string },
  verdicts?: VerdictStore,
): Program {
  const maskSteps: Step[] = [];
  const files: ParsedFile[] = [];
  const segments: Segment[] = [];
  const unknowns: { seq: number; ref: SourceRef; keyword: string }[] = [];
  const problems: ConfigProblem[] = [];
  let wantFinalPass = false;
  let hasExec = false;
  let seq = 0;
  let scopeId = 0;

  const opened = new Set<Scope>();
  const open = (scope: Scope, file: string): Segment => {
    const last = segments[segments.length - 1];
    if (last && last.scope === scope && last.file === file) return last;
    const seg = new Segment(scope, !opened.has(scope), file);
    opened.add(scope);
    segments.push(seg);
    return seg;
  };

  const readFile = (path: string, user: boolean, outer: Scope, depth: number, from?: SourceRef): void => {
    if (depth > MAX_DEPTH) {
      problems.push({
        ...(from ?? { file: path, line: 0 }),
        message: 'Too many recursive configuration includes',
      });
      return;
    }
    const got = fs.read(path);
    if (got === undefined || 'error' in got) {
      if (from) problems.push({ ...from, message: `cannot read ${path}: ${got ? got.error : 'missing'}` });
      return;
    }
    const known = got.id !== undefined ? verdicts?.get(path, got.id) : undefined;
    const file = parseFile(path, got.text, ctx, known);
    if (!known && got.id !== undefined && verdicts) {
      const v = verdictOf(file);
      if (v) verdicts.put(path, got.id, v);
    }
    files.push(file);
    let current = outer;
    open(current, path);
    for (const pl of file.outline) {
      const ref = { file: path, line: pl.kind === 'range' ? pl.from : pl.line };
      switch (pl.kind) {
        case 'blank':
          break;
        case 'error':
          problems.push({ ...ref, message: pl.message });
          break;
        case 'unknown':
          unknowns.push({ seq: seq++, ref, keyword: pl.keyword });
          break;
        case 'host':
          current = { id: ++scopeId, kind: 'host', parent: outer, ref, patterns: pl.patterns };
          open(current, path);
          break;
        case 'match':
          if (requestsFinalPass(pl.criteria)) wantFinalPass = true;
          if (pl.criteria.some((c) => c.attr === 'exec')) hasExec = true;
          current = { id: ++scopeId, kind: 'match', parent: outer, ref, criteria: pl.criteria };
          open(current, path);
          break;
        case 'include':
          for (const arg of pl.paths) {
            const pattern =
              arg.startsWith('/') || arg.startsWith('~')
                ? arg
                : `${user ? `${ctx.home}/.ssh` : '/etc/ssh'}/${arg}`;
            if (!user && arg.startsWith('~')) {
              problems.push({ ...ref, message: `Include: ~ not permitted in system configuration (${arg})` });
              continue;
            }
            for (const match of fs.glob(pattern)) {
              const perm = fs.permissionProblem(match);
              if (perm) {
                problems.push({ ...ref, message: perm });
                continue;
              }
              readFile(match, user, current, depth + 1, ref);
            }
          }
          open(current, path);
          break;
        case 'directive': {
          const step = { seq: seq++, ref, line: pl };
          open(current, path).add(step);
          if (pl.spec.name === 'streamlocalbindmask') maskSteps.push(step);
          break;
        }
        case 'range':
          open(current, path).add({ file, from: pl.from, to: pl.to, seq, ctx });
          seq += pl.to - pl.from;
          break;
      }
    }
  };

  for (const entry of entries) {
    const got = fs.read(entry.path);
    if (got === undefined) {
      if (entry.required)
        problems.push({
          file: entry.path,
          line: 0,
          message: `Can't open user config file ${entry.path}: No such file or directory`,
        });
      continue;
    }
    if ('error' in got) {
      problems.push({ file: entry.path, line: 0, message: got.error });
      continue;
    }
    if (entry.checkPermissions) {
      const perm = fs.permissionProblem(entry.path);
      if (perm) {
        problems.push({ file: entry.path, line: 0, message: perm });
        continue;
      }
    }
    const root: Scope = {
      id: ++scopeId,
      kind: 'root',
      parent: undefined,
      ref: { file: entry.path, line: 0 },
    };
    readFile(entry.path, entry.user, root, 0);
  }

  const { literalIndex, always } = indexSegments(segments);
  return { files, segments, literalIndex, always, unknowns, problems, wantFinalPass, hasExec, maskSteps };
}

/** The literal names a Host scope can match, or undefined when it may match anything. */
function literalNames(scope: Scope): readonly string[] | undefined {
  if (scope.kind !== 'host' || !scope.patterns) return undefined;
  const positive = scope.patterns.filter((p) => !p.startsWith('!'));
  return positive.every(isLiteralPattern) ? positive : undefined;
}

/**
 * A segment whose scope chain contains a literal-only Host line can apply only to those names;
 * indexing them keeps resolving one host cheap in a file with thousands of hosts.
 */
function indexSegments(segments: readonly Segment[]) {
  const literalIndex = new Map<string, number[]>();
  const always: number[] = [];
  // The outermost literal-only Host scope of a segment's chain decides; one answer per scope.
  const byScope = new Map<Scope, readonly string[] | null>();
  const namesOf = (scope: Scope): readonly string[] | null => {
    let got = byScope.get(scope);
    if (got === undefined) {
      const outer = scope.parent ? namesOf(scope.parent) : null;
      got = outer ?? literalNames(scope) ?? null;
      byScope.set(scope, got);
    }
    return got;
  };
  segments.forEach((seg, i) => {
    const names = namesOf(seg.scope);
    if (!names) {
      always.push(i);
      return;
    }
    for (const n of names.length > 1 ? new Set(names) : names) {
      const list = literalIndex.get(n);
      if (list) list.push(i);
      else literalIndex.set(n, [i]);
    }
  });
  return { literalIndex, always };
}
