/**
 * Putting a planned change on disk: each file re-read and compared with what the plan was made
 * from (a hand edit meanwhile is never overwritten), the old bytes kept for `undo`, then each
 * file replaced atomically; if one write fails, the ones already written are put back.
 */
import { rmSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { decodeKept, encodeKept } from '../core/edit/bytes.js';
import { JumpctlError } from '../core/errors.js';
import { assertWritable, realTarget, writeAtomic } from './atomic-write.js';
import { readBytes } from './config-files.js';
import { beginChange } from './journal.js';

/**
 * Backs up, then replaces each file; if one write fails, the ones already written are put back.
 * The texts are kept text (core/edit/bytes.ts): the file's own bytes go back as they were, text
 * the user typed goes in as UTF-8.
 */
export function commitFiles(
  command: string,
  after: ReadonlyMap<string, string>,
  planned: ReadonlyMap<string, string>,
): string {
  const items = [...after].map(([path, text]) => {
    const real = realTarget(path);
    const now = readBytes(real);
    // A hand edit between our read and now must not be overwritten.
    if (!Buffer.from(encodeKept(planned.get(path) ?? '')).equals(now ?? Buffer.alloc(0)))
      throw new JumpctlError(
        'E_CHANGED',
        `${path} changed while jumpctl was editing it; nothing was written`,
        {
          hint: 'Run the command again.',
        },
      );
    assertWritable(real);
    return { path: real, before: now, after: Buffer.from(encodeKept(text)) };
  });
  return writeChange(command, items);
}

/**
 * A config file's kept text (every byte kept, for editing) and the text the config reader sees
 * in the same bytes; undefined when the file is missing.
 */
export function readKept(path: string): { kept: string; read: string } | undefined {
  const bytes = readBytes(path);
  return bytes ? { kept: decodeKept(bytes), read: readBack(bytes) } : undefined;
}

/** What the config reader (io/config-files.ts) sees in kept text once it is written. */
export function readBackKept(kept: string): string {
  return readBack(Buffer.from(encodeKept(kept)));
}

/** io/config-files.ts's rule: UTF-8 when valid, otherwise Latin-1 (every byte one character). */
function readBack(bytes: Buffer): string {
  return bytes.toString(isUtf8(bytes) ? 'utf8' : 'latin1');
}

/**
 * The backup first (beginChange refuses the change when it cannot be kept), then each file
 * replaced (`after` null: removed); if one write fails, the ones already written are put back.
 * Returns the change's id.
 */
export function writeChange(
  command: string,
  items: readonly { path: string; before: Buffer | null; after: Buffer | null }[],
  undoes?: string,
): string {
  const journal = beginChange(command, items, undoes);
  const done: (typeof items)[number][] = [];
  try {
    for (const item of items) {
      if (item.after) writeAtomic(item.path, item.after);
      else rmSync(item.path, { force: true });
      done.push(item);
    }
  } catch (e) {
    try {
      for (const item of done.reverse()) {
        if (item.before) writeAtomic(item.path, item.before);
        else rmSync(item.path, { force: true });
      }
    } catch {
      // The pending change stays: `undo` restores what was written.
      throw new JumpctlError(
        'E_WRITE',
        `${(e as Error).message}; and ${done.map((i) => i.path).join(', ')} could not be put back`,
        { hint: '`jumpctl undo` restores the files as they were before.' },
      );
    }
    journal.abandon();
    throw e;
  }
  journal.commit();
  return journal.change.id;
}
