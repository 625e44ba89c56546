/**
 * The whole configuration as ssh reads it: the entry files, their Includes expanded in place,
 * and every directive tagged with the chain of Host/Match scopes that must be active for it to
 * apply. Built once; resolving a host walks it (see resolve.ts).
 */
import type { ConfigProblem } from '../../errors.js';
import type { KeywordContext } from '../keywords/keywords.js';
import { requestsFinalPass } from '../resolve/match.js';
import { openFile, verdictOf, type FileVerdict } from './file-outline.js';
import type { ParsedFile } from '../syntax/parse-file.js';
import { LiteralRun, Segment, type Scope, type Step } from './segment.js';
import { indexSegments, interleave, mergeSorted } from './segment-order.js';
import type { SourceRef } from '../syntax/source.js';

export type { Scope, Step } from './segment.js';
export { Segment } from './segment.js';

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

export interface Program {
  readonly files: readonly ParsedFile[];
  /** Every segment, in order (literal Host blocks a saved outline skipped are parsed for this). */
  readonly segments: readonly Segment[];
  /** The segments that can apply to `host`, in order: the only ones resolving it needs to walk. */
  segmentsFor(host: string): readonly Segment[];
  /** About to resolve many hosts: index every literal block now rather than search per host. */
  indexAll(): void;
  readonly unknowns: readonly { seq: number; ref: SourceRef; keyword: string }[];
  readonly problems: readonly ConfigProblem[];
  readonly wantFinalPass: boolean;
  /** Every StreamLocalBindMask line, active or not (ssh applies the last one regardless). */
  readonly maskSteps: readonly Step[];
}

const MAX_DEPTH = 16;
const NO_INDEXES: readonly number[] = [];
/** Hosts resolved by searching the text before every literal block is indexed instead. */
const SEARCHES = 16;

export function buildProgram(
  entries: readonly EntryFile[],
  fs: FileSystemView,
  ctx: KeywordContext & { home: string },
  verdicts?: VerdictStore,
): Program {
  const maskSteps: Step[] = [];
  const files: ParsedFile[] = [];
  const segments: Segment[] = [];
  const runs: LiteralRun[] = [];
  const unknowns: { seq: number; ref: SourceRef; keyword: string }[] = [];
  const problems: ConfigProblem[] = [];
  let wantFinalPass = false;
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
    const file = openFile(path, got, ctx, known);
    if ('error' in file) {
      problems.push(
        from
          ? { ...from, message: `cannot read ${path}: ${file.error}` }
          : { file: path, line: 0, message: file.error },
      );
      return;
    }
    if (!known && got.id !== undefined && verdicts) {
      const v = verdictOf(file);
      if (v) verdicts.put(path, got.id, v);
    }
    files.push(file);
    let current = outer;
    open(current, path);
    for (const pl of file.outline) {
      const ref = { file: path, line: pl.kind === 'range' || pl.kind === 'literal' ? pl.from : pl.line };
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
        case 'literal':
          // Whole blocks: what follows is a Host or Match line, or the end of the file.
          runs.push(
            new LiteralRun(
              segments.length,
              { file, from: pl.from, to: pl.to, seq, ctx },
              outer,
              () => ++scopeId,
              pl.names,
            ),
          );
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
  const indexAll = () => {
    for (const run of runs) run.indexAll();
  };
  const forHost = new Map<string, Segment[]>();
  let all: Segment[] | undefined;
  return {
    files,
    get segments() {
      return (all ??= interleave(segments.keys(), segments, runs, (run) => run.all()));
    },
    segmentsFor(host) {
      const cached = forHost.get(host);
      if (cached) return cached;
      // Searching the text suits a few hosts (show, connect, chain). Past that, every block is
      // indexed once, and merging again is cheaper than keeping every host's list.
      if (forHost.size >= SEARCHES) indexAll();
      const got = interleave(
        mergeSorted(literalIndex.get(host) ?? NO_INDEXES, always),
        segments,
        runs,
        (run) => run.blocksFor(host),
      );
      if (forHost.size < SEARCHES) forHost.set(host, got);
      return got;
    },
    indexAll,
    unknowns,
    problems,
    wantFinalPass,
    maskSteps,
  };
}
