/**
 * `undo` and `backups`: the changes jumpctl journaled (journal.ts) to the files of this
 * configuration only — the -F file and what it includes, or ~/.ssh/config and its includes — so
 * a manifest can never steer a write to any other file, and `-F a.cfg undo` never reverts b.cfg.
 */
import { decodeKept } from '../../core/edit/bytes.js';
import { JumpctlError } from '../../core/errors.js';
import { realTarget, typedIoError } from '../../io/atomic-write.js';
import { writeChange } from '../../io/commit-files.js';
import { readBytes } from '../../io/config-files.js';
import { home } from '../../io/own-files.js';
import { listChanges, readBackup, sha256, type Change } from '../../io/journal.js';
import { withLock } from '../../io/lock.js';
import { openSession, type GlobalOptions } from '../../session.js';
import { editable, entryPath, unifiedDiff, type EditOptions, type FileChange } from './flow.js';

export interface UndoResult {
  readonly undone: string;
  readonly command: string;
  readonly dryRun: boolean;
  readonly files: readonly FileChange[];
  readonly backup: string | null;
}

const hashOf = (b: Buffer | null): string | null => (b === null ? null : sha256(b));

/** The real paths of the files this configuration reads (the entry file even when missing). */
async function configFiles(opts: GlobalOptions): Promise<Set<string>> {
  // Lenient: a configuration a hand edit broke can still be undone.
  const session = await openSession(opts, false, true);
  const paths = session.program.files.map((f) => f.path).filter((p) => editable(p, opts));
  return new Set([entryPath(opts, home()), ...paths].map((p) => realTarget(p)));
}

interface Seen {
  readonly change: Change;
  readonly undone: boolean;
}

/**
 * The changes that wrote only files of this configuration and did happen, newest first. A
 * pending change (its manifest is written before the files) whose files all still hold the old
 * bytes never happened: killed before the write, or put back after a failed one.
 */
function changesOf(files: ReadonlySet<string>): Seen[] {
  const happened = (c: Change) =>
    !c.pending || c.files.some((f) => hashOf(readBytes(f.path)) !== f.beforeSha256);
  const mine = listChanges().filter((c) => c.files.every((f) => files.has(f.path)) && happened(c));
  const undone = new Set(mine.map((c) => c.undoes));
  return mine.map((change) => ({ change, undone: change.undoneBy !== undefined || undone.has(change.id) }));
}

/** The newest change that is neither undone nor itself an undo: `undo` again walks further back. */
export function nextToUndo(changes: readonly Seen[]): Change | undefined {
  return changes.find((c) => !c.undone && !c.change.undoes)?.change;
}

export async function undo(opts: EditOptions): Promise<UndoResult> {
  try {
    const files = await configFiles(opts);
    const run = async (): Promise<UndoResult> => {
      const change = nextToUndo(changesOf(files));
      if (!change)
        throw new JumpctlError('E_NOTHING_TO_UNDO', 'there is no change to undo', {
          hint: '`jumpctl backups` lists the changes jumpctl kept.',
        });
      const items = change.files.flatMap((f) => {
        const current = readBytes(f.path);
        const now = hashOf(current);
        // A file of a pending change that still holds the old bytes was not written.
        if (change.pending && now === f.beforeSha256) return [];
        if (!opts.force && now !== f.afterSha256)
          throw new JumpctlError(
            'E_UNDO_CONFLICT',
            `${f.path} was changed after \`jumpctl ${change.command}\` wrote it`,
            {
              hint: 'Undoing would throw that later edit away. Pass --force to restore the old version anyway. Nothing was changed.',
            },
          );
        return [{ path: f.path, current, before: readBackup(change, f) }];
      });
      const diffs: FileChange[] = items.map((i) => ({
        path: i.path,
        created: i.current === null,
        diff: unifiedDiff(i.path, decode(i.current), decode(i.before)),
      }));
      const result = { undone: change.id, command: change.command, files: diffs };
      if (opts.dryRun) return { ...result, dryRun: true, backup: null };
      const backup = writeChange(
        `undo ${change.command}`,
        items.map((i) => ({ path: i.path, before: i.current, after: i.before })),
        change.id,
      );
      return { ...result, dryRun: false, backup };
    };
    // Nothing to undo is said at once (no lock, which needs a ~/.ssh that may not exist).
    if (!nextToUndo(changesOf(files))) return await run();
    // The configuration's lock, the one its edits take; the hashes are checked again under it.
    return await (opts.dryRun ? run() : withLock(entryPath(opts, home()), run));
  } catch (e) {
    throw typedIoError(e);
  }
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

export async function backups(opts: GlobalOptions): Promise<BackupsResult> {
  try {
    return {
      changes: changesOf(await configFiles(opts)).map(({ change: c, undone }) => ({
        id: c.id,
        time: c.time,
        command: c.command,
        files: c.files.map((f) => f.path),
        undone,
      })),
    };
  } catch (e) {
    throw typedIoError(e);
  }
}

/** Text for the diff, decoded as edits see files (core/edit/bytes.ts), so both diffs agree. */
function decode(b: Buffer | null): string {
  return b === null ? '' : decodeKept(b);
}
