/**
 * The whole configuration as ssh reads it: the entry files, their Includes expanded in place,
 * and every directive tagged with the chain of Host/Match scopes that must be active for it to
 * apply. Built once; resolving a host walks it (see resolve.ts).
 */
import type { ConfigProblem } from './errors.js';
import type { KeywordContext } from './keywords.js';
import { requestsFinalPass, type MatchCriterion } from './match.js';
import { parseFile, type ParsedFile, type ParsedLine } from './parse-file.js';
import { isLiteralPattern } from './pattern.js';
import type { SourceRef } from './source.js';

/** The edge that reads files; the core never touches the file system itself. */
export interface FileSystemView {
  /** The file's text, `undefined` when it does not exist, or an error message. */
  read(path: string): { text: string } | { error: string } | undefined;
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

export interface Segment {
  readonly scope: Scope;
  /** The first segment of a scope is where its condition is evaluated. */
  readonly header: boolean;
  readonly steps: Step[];
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
}

const MAX_DEPTH = 16;

export function buildProgram(
  entries: readonly EntryFile[],
  fs: FileSystemView,
  ctx: KeywordContext & { home: string },
): Program {
  const files: ParsedFile[] = [];
  const segments: Segment[] = [];
  const unknowns: { seq: number; ref: SourceRef; keyword: string }[] = [];
  const problems: ConfigProblem[] = [];
  let wantFinalPass = false;
  let seq = 0;
  let scopeId = 0;

  const opened = new Set<Scope>();
  const open = (scope: Scope): Segment => {
    const last = segments[segments.length - 1];
    if (last && last.scope === scope) return last;
    const seg: Segment = { scope, header: !opened.has(scope), steps: [] };
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
    const file = parseFile(path, got.text, ctx);
    files.push(file);
    let current = outer;
    open(current);
    for (const pl of file.parsed) {
      const ref = { file: path, line: pl.line };
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
          open(current);
          break;
        case 'match':
          if (requestsFinalPass(pl.criteria)) wantFinalPass = true;
          current = { id: ++scopeId, kind: 'match', parent: outer, ref, criteria: pl.criteria };
          open(current);
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
          open(current);
          break;
        case 'directive':
          open(current).steps.push({ seq: seq++, ref, line: pl });
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
  return { files, segments, literalIndex, always, unknowns, problems, wantFinalPass };
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
  segments.forEach((seg, i) => {
    let names: readonly string[] | undefined;
    for (let s: Scope | undefined = seg.scope; s; s = s.parent) names = literalNames(s) ?? names;
    if (!names) {
      always.push(i);
      return;
    }
    for (const n of new Set(names)) {
      const list = literalIndex.get(n);
      if (list) list.push(i);
      else literalIndex.set(n, [i]);
    }
  });
  return { literalIndex, always };
}
