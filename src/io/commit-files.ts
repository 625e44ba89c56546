/**
 * Putting a planned change on disk: each file re-read and compared with what the plan was made
 * from (a hand edit meanwhile is never overwritten), the old bytes kept for `undo`, then each
 * file replaced atomically; if one write fails, the ones already written are put back.
 */
import { rmSync } from 'node:fs';
import { JumpctlError } from '../core/errors.js';
import { assertWritable, realTarget, writeAtomic } from './atomic-write.js';
import { readConfigText } from './config-files.js';
import { beginChange } from './journal.js';

/** Backs up, then replaces each file; if one write fails, the ones already written are put back. */
export function commitFiles(
  command: string,
  after: ReadonlyMap<string, string>,
  planned: ReadonlyMap<string, string>,
): string {
  const items = [...after].map(([path, text]) => {
    const real = realTarget(path);
    const now = readConfigText(real);
    // A hand edit between our read and now must not be overwritten.
    if ((now?.text ?? '') !== (planned.get(path) ?? ''))
      throw new JumpctlError(
        'E_CHANGED',
        `${path} changed while jumpctl was editing it; nothing was written`,
        {
          hint: 'Run the command again.',
        },
      );
    assertWritable(real);
    const encoding = now?.encoding ?? 'utf8';
    const bytes = Buffer.from(text, encoding);
    if (encoding === 'latin1' && bytes.toString('latin1') !== text)
      throw new JumpctlError(
        'E_ENCODING',
        `${path} is not UTF-8, and the new text has characters it cannot hold`,
        {
          hint: 'Convert the file to UTF-8 first (iconv -f latin1 -t utf-8).',
        },
      );
    return { path: real, before: now ? Buffer.from(now.text, encoding) : null, after: bytes };
  });
  return writeChange(command, items);
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
