/**
 * The backups behind `undo`: before each change jumpctl keeps the bytes of every file it is
 * about to replace, with a manifest saying what the change is and what the files become, under
 * `$XDG_STATE_HOME/jumpctl/backups`. Both are on disk before any config file is touched, so an
 * edit that happened can always be undone. Only the newest changes are kept.
 *
 * A manifest decides what `undo` writes, so it is read only from the user's own private
 * directory (own-files.ts) and names its backups only inside its own change directory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { JumpctlError } from '../core/errors.js';
import { alive, errnoReason, syncDir } from './atomic-write.js';
import {
  debug,
  ensurePrivateDir,
  ownDir,
  ownDirPath,
  privateDirProblem,
  readOwnFile,
  writeOwnFile,
} from './own-files.js';

export const KEEP_CHANGES = 20;
/** A change directory without a manifest this old is debris of a killed run, whatever its pid. */
const DEBRIS_AGE_MS = 10 * 60_000;

export interface JournalFile {
  /** The file as jumpctl wrote it (symlinks resolved). */
  readonly path: string;
  /** Name of the backup of the bytes before, in the change's directory; null when created. */
  readonly backup: string | null;
  readonly beforeSha256: string | null;
  /** null when the change removes the file. */
  readonly afterSha256: string | null;
}

export interface Change {
  /** The name of the change's directory. */
  readonly id: string;
  readonly time: string;
  readonly command: string;
  readonly files: readonly JournalFile[];
  /**
   * Written before the files: the change may not have happened (killed, or a write failed and
   * was put back). A file that still hashes to beforeSha256 was not written.
   */
  readonly pending?: boolean;
  /** This change was undone (by the change with that id); older manifests only. */
  readonly undoneBy?: string;
  /** This change is itself an undo of that change. */
  readonly undoes?: string;
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Change ids: the time (sortable), the pid of the run, a random suffix (older ids have none). */
const ID = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-(\d+)(?:-[0-9a-f]+)?$/;

const backupsPath = (): string => join(ownDirPath('state'), 'backups');

function unusable(path: string, why: string): JumpctlError {
  return new JumpctlError('E_STATE', `jumpctl's backups in ${path} are not used: ${why}`, {
    hint: `They decide what \`undo\` writes, so they must be your own real directory that nobody else can write (chmod go-w, or point XDG_STATE_HOME elsewhere). Nothing was changed.`,
  });
}

function cannotBackUp(path: string, why: string): JumpctlError {
  return new JumpctlError(
    'E_STATE',
    `cannot keep the backup for undo in ${path}: ${why}; nothing was changed`,
    {
      hint: `jumpctl saves the backup before it edits. Free some space there or make it writable (or point XDG_STATE_HOME at a directory that is), then run the command again.`,
    },
  );
}

/** The backups directory, checked; undefined when there is none yet. Throws when it is not private. */
function backupsToRead(): string | undefined {
  const dir = backupsPath();
  if (!lstatSync(dir, { throwIfNoEntry: false })) return undefined;
  for (const d of [ownDirPath('state'), dir]) {
    const problem = privateDirProblem(d);
    if (problem) throw unusable(d, problem);
  }
  return dir;
}

function asChange(id: string, v: unknown): Change | undefined {
  const c = v as Partial<Change> | null;
  const hash = (h: unknown) => h === null || (typeof h === 'string' && /^[0-9a-f]{64}$/.test(h));
  const files = Array.isArray(c?.files) ? (c.files as Partial<JournalFile>[]) : undefined;
  if (!c || typeof c.command !== 'string' || typeof c.time !== 'string' || !files) return undefined;
  const out: JournalFile[] = [];
  for (const f of files) {
    if (typeof f.path !== 'string' || !isAbsolute(f.path)) return undefined;
    if (!hash(f.beforeSha256) || !hash(f.afterSha256)) return undefined;
    // Only a backup in the change's own directory (older manifests gave its full path).
    const b = f.backup;
    if (
      b !== null &&
      (typeof b !== 'string' || (b !== basename(b) && b !== join(backupsPath(), id, basename(b))))
    )
      return undefined;
    if ((b === null) !== (f.beforeSha256 === null)) return undefined;
    out.push({
      path: f.path,
      backup: b === null ? null : basename(b),
      beforeSha256: f.beforeSha256 ?? null,
      afterSha256: f.afterSha256 ?? null,
    });
  }
  return {
    id,
    time: c.time,
    command: c.command,
    files: out,
    ...(c.pending === true ? { pending: true } : {}),
    ...(typeof c.undoneBy === 'string' ? { undoneBy: c.undoneBy } : {}),
    ...(typeof c.undoes === 'string' ? { undoes: c.undoes } : {}),
  };
}

/** Every readable change, newest first. A directory or manifest that fails a check is skipped. */
export function listChanges(): Change[] {
  const dir = backupsToRead();
  if (!dir) return [];
  const out: Change[] = [];
  for (const id of readdirSync(dir).filter((n) => ID.test(n))) {
    const problem = privateDirProblem(join(dir, id));
    const got = problem ? { problem } : readOwnFile(join(dir, id, 'manifest.json'));
    if ('problem' in got) {
      // 'missing': a change being written right now, or debris of a killed run
      if (got.problem !== 'missing') debug('undo', `change ${id} skipped: ${got.problem}`);
      continue;
    }
    let change: Change | undefined;
    try {
      change = asChange(id, JSON.parse(got.data.toString('utf8')));
    } catch {
      // not JSON: skipped below
    }
    if (change) out.push(change);
    else debug('undo', `change ${id} skipped: its manifest is not one jumpctl wrote`);
  }
  return out.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The bytes a file had before the change (null: it did not exist), checked against the manifest. */
export function readBackup(change: Change, file: JournalFile): Buffer | null {
  if (file.backup === null) return null;
  const path = join(backupsPath(), change.id, file.backup);
  const got = readOwnFile(path);
  if ('problem' in got || sha256(got.data) !== file.beforeSha256)
    throw unusable(path, 'problem' in got ? got.problem : 'it does not hold what its manifest says');
  return got.data;
}

/**
 * Saves the old bytes and a pending manifest, fsynced, before anything else is written; throws
 * E_STATE (and leaves nothing behind) when that cannot be done. `commit` marks the change done
 * once the files are written, `abandon` removes it when they were put back.
 */
export function beginChange(
  command: string,
  files: readonly { path: string; before: Buffer | null; after: Buffer | null }[],
  undoes?: string,
) {
  const state = ownDir('state');
  if ('problem' in state) throw cannotBackUp(ownDirPath('state'), state.problem);
  const dir = join(state.dir, 'backups');
  const problem = ensurePrivateDir(dir);
  if (problem) throw cannotBackUp(dir, problem);
  const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const d = join(dir, id);
  const change: Change = {
    id,
    time: new Date().toISOString(),
    command,
    files: files.map((f, i) => ({
      path: f.path,
      backup: f.before ? `${i}.before` : null,
      beforeSha256: f.before ? sha256(f.before) : null,
      afterSha256: f.after ? sha256(f.after) : null,
    })),
    ...(undoes ? { undoes } : {}),
  };
  const manifest = (c: Change) => `${JSON.stringify(c, null, 2)}\n`;
  try {
    mkdirSync(d, { mode: 0o700 });
    files.forEach((f, i) => f.before && writeOwnFile(join(d, `${i}.before`), f.before));
    writeOwnFile(join(d, 'manifest.json'), manifest({ ...change, pending: true }));
    syncDir(d);
    syncDir(dir);
  } catch (e) {
    rmSync(d, { recursive: true, force: true });
    throw cannotBackUp(dir, errnoReason(e));
  }
  return {
    change,
    /** The files are written: the manifest says so, and old changes are pruned. */
    commit(): void {
      // Neither step is needed for undo (a pending change whose files were written is undone
      // all the same), so a failure here must not turn an edit that happened into an error.
      try {
        writeOwnFile(join(d, 'manifest.json'), manifest(change));
        prune(dir);
      } catch (e) {
        debug('state', `after ${command}: ${(e as Error).message}`);
      }
    },
    /** The files were put back. A leftover pending change would be ignored anyway (its files hold the old bytes). */
    abandon(): void {
      try {
        rmSync(d, { recursive: true, force: true });
      } catch (e) {
        debug('state', `after ${command}: ${(e as Error).message}`);
      }
    },
  };
}

/**
 * Keeps the newest KEEP_CHANGES changes, and removes the directories of runs killed before
 * their manifest was written (their pid is gone, or they are old).
 */
function prune(dir: string): void {
  let kept = 0;
  for (const id of readdirSync(dir)
    .filter((n) => ID.test(n))
    .sort()
    .reverse()) {
    const d = join(dir, id);
    const st = lstatSync(d, { throwIfNoEntry: false });
    if (!st?.isDirectory()) continue;
    const debris = !lstatSync(join(d, 'manifest.json'), { throwIfNoEntry: false });
    const pid = Number(ID.exec(id)?.[1]);
    const old = debris ? !alive(pid) || Date.now() - st.mtimeMs > DEBRIS_AGE_MS : ++kept > KEEP_CHANGES;
    if (old) rmSync(d, { recursive: true, force: true });
  }
}
