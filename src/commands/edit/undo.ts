import { isUtf8 } from 'node:buffer';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { JumpctlError } from '../../core/errors.js';
import { writeAtomic } from '../../io/atomic-write.js';
import { home } from '../../io/own-files.js';
import {
  beginChange,
  listChanges,
  readBackup,
  sha256,
  writeManifest,
  type Change,
} from '../../io/journal.js';
import { withLock } from '../../io/lock.js';
import { entryPath, unifiedDiff, type EditOptions, type FileChange } from './flow.js';

export interface UndoResult {
  readonly undone: string;
  readonly command: string;
  readonly dryRun: boolean;
  readonly files: readonly FileChange[];
  readonly backup: string | null;
}

/** The newest change that is neither undone nor itself an undo: `undo` again walks further back. */
export function nextToUndo(changes: readonly Change[]): Change | undefined {
  return changes.find((c) => !c.undoneBy && !c.undoes);
}

export async function undo(opts: EditOptions): Promise<UndoResult> {
  const run = async (): Promise<UndoResult> => {
    const changes = listChanges();
    const change = nextToUndo(changes);
    if (!change)
      throw new JumpctlError('E_NOTHING_TO_UNDO', 'there is no change to undo', {
        hint: '`jumpctl backups` lists the changes jumpctl kept.',
      });
    const items = change.files.map((f) => {
      const current = existsSync(f.path) ? readFileSync(f.path) : null;
      if (!opts.force && (current === null || sha256(current) !== f.afterSha256))
        throw new JumpctlError(
          'E_UNDO_CONFLICT',
          `${f.path} was changed after \`jumpctl ${change.command}\` wrote it`,
          {
            hint: 'Undoing would throw that later edit away. Pass --force to restore the old version anyway. Nothing was changed.',
          },
        );
      const before = readBackup(f);
      return { path: f.path, current, before };
    });
    const files: FileChange[] = items.map((i) => ({
      path: i.path,
      created: i.current === null,
      diff: unifiedDiff(i.path, decode(i.current), decode(i.before)),
    }));
    if (opts.dryRun) return { undone: change.id, command: change.command, dryRun: true, files, backup: null };
    const journal = beginChange(
      `undo ${change.command}`,
      items.map((i) => ({ path: i.path, before: i.current, after: i.before ?? Buffer.alloc(0) })),
      change.id,
    );
    for (const i of items) {
      if (i.before) writeAtomic(i.path, i.before);
      else if (i.current) unlinkSync(i.path);
    }
    journal.commit();
    writeManifest({ ...change, undoneBy: journal.change.id });
    return { undone: change.id, command: change.command, dryRun: false, files, backup: journal.change.id };
  };
  // Nothing to undo is said at once (no lock, which needs a ~/.ssh that may not exist).
  if (!nextToUndo(listChanges())) return run();
  return opts.dryRun ? run() : withLock(entryPath(opts, home()), run);
}

export interface BackupsResult {
  readonly changes: readonly {
    id: string;
    time: string;
    command: string;
    files: string[];
    undone: boolean;
  }[];
}

export function backups(): BackupsResult {
  return {
    changes: listChanges().map((c) => ({
      id: c.id,
      time: c.time,
      command: c.command,
      files: c.files.map((f) => f.path),
      undone: c.undoneBy !== undefined,
    })),
  };
}

/** Text for the diff, decoded the way config files are read (UTF-8 when valid, else Latin-1). */
function decode(b: Buffer | null): string {
  return b === null ? '' : b.toString(isUtf8(b) ? 'utf8' : 'latin1');
}
