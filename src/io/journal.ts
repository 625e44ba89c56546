/**
 * The backups behind `undo`: before each change jumpctl keeps the bytes of every file it is
 * about to replace, with a manifest saying what the change was and what the files became, under
 * `$XDG_STATE_HOME/jumpctl/backups`. Only the newest changes are kept.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from './dirs.js';

export const KEEP_CHANGES = 20;

export interface JournalFile {
  /** The file as jumpctl wrote it (symlinks resolved). */
  readonly path: string;
  /** Backup of the bytes before the change; null when the change created the file. */
  readonly backup: string | null;
  readonly beforeSha256: string | null;
  readonly afterSha256: string;
}

export interface Change {
  readonly id: string;
  readonly time: string;
  readonly command: string;
  readonly files: readonly JournalFile[];
  /** This change was undone (by the change with that id). */
  readonly undoneBy?: string;
  /** This change is itself an undo of that change. */
  readonly undoes?: string;
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function dir(): string {
  return join(stateDir(), 'backups');
}

export function listChanges(): Change[] {
  let ids: string[];
  try {
    ids = readdirSync(dir());
  } catch {
    return [];
  }
  const out: Change[] = [];
  for (const id of ids) {
    try {
      out.push(JSON.parse(readFileSync(join(dir(), id, 'manifest.json'), 'utf8')) as Change);
    } catch {
      // a change being written right now, or debris: not listed
    }
  }
  return out.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** Saves the old bytes first; the manifest is written once the new files are in place. */
export function beginChange(
  command: string,
  files: readonly { path: string; before: Buffer | null; after: Buffer }[],
  undoes?: string,
) {
  const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
  const d = join(dir(), id);
  mkdirSync(d, { recursive: true, mode: 0o700 });
  const entries: JournalFile[] = files.map((f, i) => {
    let backup: string | null = null;
    if (f.before) {
      backup = join(d, `${i}.before`);
      writeFileSync(backup, f.before, { mode: 0o600 });
    }
    return {
      path: f.path,
      backup,
      beforeSha256: f.before ? sha256(f.before) : null,
      afterSha256: sha256(f.after),
    };
  });
  const change: Change = {
    id,
    time: new Date().toISOString(),
    command,
    files: entries,
    ...(undoes ? { undoes } : {}),
  };
  return {
    change,
    commit(): void {
      writeManifest(change);
      prune();
    },
    abandon(): void {
      rmSync(d, { recursive: true, force: true });
    },
  };
}

export function writeManifest(change: Change): void {
  const d = join(dir(), change.id);
  const tmp = join(d, `manifest.json.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(change, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, join(d, 'manifest.json'));
}

function prune(): void {
  for (const old of listChanges().slice(KEEP_CHANGES))
    rmSync(join(dir(), old.id), { recursive: true, force: true });
}

export function readBackup(file: JournalFile): Buffer | null {
  return file.backup ? readFileSync(file.backup) : null;
}
