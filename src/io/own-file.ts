/**
 * Reading and writing jumpctl's own cache files. What they hold steers what runs (the client
 * facts and saved outlines decide what ssh is told), so a file
 * someone else could have written, in a shared or misconfigured XDG_CACHE_HOME, is not used:
 * the same rule ssh applies to its config files.
 */
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** The file's text, or why it is not used. Checked on the open file, so it cannot be swapped. */
export function readOwnFile(path: string): { text: string } | { problem: string } {
  let fd: number | undefined;
  try {
    // Non-blocking: a FIFO put in its place must not hang jumpctl.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile() || st.uid !== (process.getuid?.() ?? st.uid) || (st.mode & 0o022) !== 0)
      return { problem: `${path} is not the user's own, or others can write it` };
    return { text: readFileSync(fd, 'utf8') };
  } catch (e) {
    return { problem: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (e as Error).message };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes one of jumpctl's own files: a new file (never the old one rewritten, so its owner and
 * mode are the user's, 0600), renamed into place so a reader sees the old text or the new.
 * Throws; a cache that cannot be written is the caller's to shrug off.
 */
export function writeOwnFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
}
