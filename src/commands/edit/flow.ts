/**
 * What every writing command shares: under the configuration's lock, read the files, plan the
 * edit, prove it with the resolver (asked values effective, every other host unchanged), show
 * the diff, then back up and write each file atomically — or, with --dry-run, only show.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { dirname, resolve } from 'node:path';
import {
  buildProgram,
  ChainResolver,
  parseFile,
  type Chain,
  type FileSystemView,
  type Program,
  type CommandLine,
} from '../../core/config/index.js';
import { docOf, emptyDoc, textOf, type Doc, type Planned } from '../../core/edit/docs.js';
import { affectedHosts } from '../../core/edit/affected.js';
import { verifyEdit, type Verdict, type VerifyOptions } from '../../core/edit/verify.js';
import { ConfigError, fileChangedError, JumpctlError } from '../../core/errors.js';
import { entryFiles, SYSTEM_CONFIG } from '../../io/config-files.js';
import { ensurePrivateDir, removeStaleTemps, typedIoError } from '../../io/atomic-write.js';
import { commitFiles, readBackKept, readKept } from '../../io/commit-files.js';
import { withLock } from '../../io/lock.js';
import { home as homeDir } from '../../io/own-files.js';
import { openSession, type GlobalOptions, type Session } from '../../session.js';

export interface EditOptions extends GlobalOptions {
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  readonly force?: boolean;
  /** A terminal is there to ask for confirmation. */
  readonly interactive?: boolean;
}

export interface FileChange {
  readonly path: string;
  readonly created: boolean;
  readonly diff: string;
}

export interface EditResult {
  readonly action: string;
  readonly summary: string;
  readonly dryRun: boolean;
  readonly written: boolean;
  readonly files: readonly FileChange[];
  readonly backup: string | null;
  readonly notes: readonly string[];
}

export interface PlanInput {
  readonly session: Session;
  readonly docs: readonly Doc[];
  /** The file new blocks go to by default (~/.ssh/config, or -F). */
  readonly entry: Doc;
}

export interface PlanOutput {
  readonly planned: Planned;
  readonly verify?: VerifyOptions;
  readonly summary: string;
  /** More proof on the configuration as it would be. */
  readonly afterCheck?: (after: Program) => void;
}

export type Confirm = (files: readonly FileChange[], summary: string) => Promise<boolean>;

/** The first file ssh reads: ~/.ssh/config, or the -F file. */
export function entryPath(opts: GlobalOptions, home: string): string {
  const entry = entryFiles(opts.config, home)[0];
  if (!entry)
    throw new JumpctlError('E_USAGE', '-F none names no file to edit', {
      hint: 'Name the config file to edit with -F <file>, or leave -F out.',
      exitCode: 2,
    });
  return entry.path;
}

/** Files ssh reads for the user (the system file and its includes are root's to edit). */
export function editable(path: string, opts: GlobalOptions): boolean {
  return opts.config !== undefined || (path !== SYSTEM_CONFIG && !path.startsWith('/etc/ssh/'));
}

export async function runEdit(
  action: string,
  command: string,
  opts: EditOptions,
  plan: (input: PlanInput) => PlanOutput,
  confirm?: Confirm,
): Promise<EditResult> {
  const home = homeDir();
  const entry = entryPath(opts, home);
  try {
    if (opts.dryRun) return await attempt();
    if (opts.config === undefined) ensurePrivateDir(dirname(entry));
    return await withLock(entry, async () => {
      removeStaleTemps(entry);
      return attempt();
    });
  } catch (e) {
    // A full, read-only or forbidden disk anywhere on the way is the user's to fix, not a bug.
    throw typedIoError(e);
  }

  async function attempt(): Promise<EditResult> {
    // Read under the lock: an edit made meanwhile (by hand or by another jumpctl) is seen.
    const session = await openSession(opts, false);
    const docs = session.program.files.filter((f) => editable(f.path, opts)).map((f) => keptDoc(f, session));
    const entryDoc = docs.find((d) => d.path === entry) ?? emptyDoc(entry);
    const all = docs.includes(entryDoc) ? docs : [entryDoc, ...docs];
    const out = plan({ session, docs: all, entry: entryDoc });
    const before = new Map(all.map((d) => [d.path, textOf(d.lines)]));
    const after = new Map([...out.planned.files].map(([p, lines]) => [p, textOf(lines)]));
    for (const [p, text] of after) if (before.get(p) === text) after.delete(p);
    if (after.size === 0)
      return {
        action,
        summary: `nothing to change: ${out.summary}`,
        dryRun: !!opts.dryRun,
        written: false,
        files: [],
        backup: null,
        notes: [...out.planned.notes],
      };

    const afterProgram = rebuild(session, opts, after);
    // A second pass (Match final, or canonicalization for some host) matches Host lines against
    // host names too: then any host may be touched, and all are checked.
    const canonical = (p: Program) =>
      p.files.some((f) => f.lines.some((l) => /^\s*canonicalizehostname\b/i.test(l.text)));
    const wide =
      session.program.wantFinalPass ||
      afterProgram.wantFinalPass ||
      canonical(session.program) ||
      canonical(afterProgram);
    const only = wide
      ? undefined
      : affectedHosts(
          [...after].map(([p, text]) => ({
            before: all.find((d) => d.path === p) ?? emptyDoc(p),
            after: docOf(parseFile(p, text, session.ctx)),
          })),
        );
    const verify = { ...out.verify, ...(only ? { only } : {}) };
    check(verifyEdit(session.program, afterProgram, session.ctx, out.planned.wanted, verify), opts);
    out.afterCheck?.(afterProgram);

    const files: FileChange[] = [...after].map(([path, text]) => ({
      path,
      created: !docs.some((d) => d.path === path),
      diff: unifiedDiff(path, before.get(path) ?? '', text),
    }));
    const base = { action, summary: out.summary, files, notes: [...out.planned.notes] };
    if (opts.dryRun) return { ...base, dryRun: true, written: false, backup: null };
    if (opts.interactive && !opts.yes && confirm && !(await confirm(files, out.summary)))
      throw new JumpctlError('E_ABORTED', 'nothing was written', {
        hint: 'Pass --yes to skip the question.',
      });
    const backup = commitFiles(command, after, before);
    return { ...base, dryRun: false, written: true, backup };
  }
}

/**
 * The chain of `alias` in the configuration as it would be. Hops that ssh runs with other
 * files (a ProxyCommand without our -F) still read those files, as they are now.
 */
export function chainAfter(
  session: Session,
  opts: GlobalOptions,
  after: Program,
  alias: string,
  cli: CommandLine = {},
): Chain {
  const flag = opts.config ?? null;
  // A ProxyCommand written for -F names the file by its full path (add-host's forwarders).
  const edited = (f: string | null) =>
    f === flag || (f !== null && flag !== null && resolve(f) === resolve(flag));
  return new ChainResolver((f) => (edited(f) ? after : session.programFor(f)), session.ctx, flag).chain(
    alias,
    cli,
  );
}

/**
 * A file to edit, as kept text (core/edit/bytes.ts). A file that is not UTF-8 is read as Latin-1
 * by the config reader, which cannot tell its own bytes from text the user types: it is read
 * again, every byte kept.
 */
function keptDoc(file: Program['files'][number], session: Session): Doc {
  const doc = docOf(file);
  const text = textOf(doc.lines);
  // eslint-disable-next-line no-control-regex -- ASCII is the same in every reading
  if (/^[\x00-\x7f]*$/.test(text)) return doc;
  const got = readKept(file.path);
  if (!got || got.read !== text) throw fileChangedError(file.path);
  return got.kept === text ? doc : docOf(parseFile(file.path, got.kept, session.ctx));
}

/** The configuration as it would be after the edit, read through the same program builder. */
function rebuild(session: Session, opts: GlobalOptions, after: ReadonlyMap<string, string>): Program {
  const real = session.fs;
  // The edited files as the config reader will read them once written.
  const fs: FileSystemView = {
    read: (p) => (after.has(p) ? { text: readBackKept(after.get(p) as string) } : real.read(p)),
    glob: (p) => real.glob(p),
    permissionProblem: (p) => (after.has(p) ? undefined : real.permissionProblem(p)),
  };
  const program = buildProgram(entryFiles(opts.config, session.home), fs, {
    version: session.ctx.version,
    home: session.home,
  });
  if (program.problems.length > 0) throw new ConfigError(program.problems);
  return program;
}

function check(v: Verdict, opts: EditOptions): void {
  const broken = v.broken[0];
  if (broken)
    throw new JumpctlError(
      'E_EDIT_BREAKS',
      `after this edit ${broken.host} would no longer resolve: ${broken.message}`,
      {
        hint: 'Nothing was written.',
      },
    );
  if (opts.force) return;
  const s = v.shadowed[0];
  if (s)
    throw new JumpctlError(
      'E_SHADOWED',
      `${s.keyword} for ${s.host} would not take effect: ${s.winner ? `${s.winner} sets it first` : 'nothing sets it'}`,
      {
        hint: `ssh keeps the first value it reads. Change or move the line at ${s.winner ?? 'that place'}, or pass --force to write anyway. Nothing was written.`,
        data: { shadowed: v.shadowed },
      },
    );
  const c = v.changed[0];
  if (c)
    throw new JumpctlError(
      'E_SIDE_EFFECT',
      `this edit would also change ${c.host} (${c.keys.join(', ')})${v.changed.length > 1 ? ` and ${v.changed.length - 1} more hosts` : ''}`,
      { hint: 'Pass --force if that is intended. Nothing was written.', data: { changed: v.changed } },
    );
}

/** A unified diff with only the ---/+++ headers (no `Index:` banner). */
export function unifiedDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(path, path, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}
