/**
 * Replacing a config file so that a reader (or a crash) only ever sees the old or the new
 * version: a temporary file in the same directory, written, fsynced, given the file's mode and
 * owner, renamed over the target, and the directory fsynced. A symlinked config stays a symlink:
 * its target is what gets replaced.
 */
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { JumpctlError } from '../core/errors.js';

/** The file a path finally names, following symlinks (also dangling ones, to the file they would create). */
export function realTarget(path: string): string {
  let p = resolve(path);
  for (let i = 0; i < 40; i++) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return p;
    }
    if (!st.isSymbolicLink()) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  throw new JumpctlError('E_WRITE', `${path}: too many levels of symbolic links`);
}

/** Why a file operation failed, in words (the disk-full kinds named plainly). */
export function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EDQUOT') return 'your disk quota is used up';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (e as Error).message ?? String(e);
}

/** The errors a full, read-only or forbidden place gives: never an internal error (exit 70). */
const IO_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);

/** `e` as a JumpctlError when it is one of IO_CODES; any other error unchanged. */
export function typedIoError(e: unknown): unknown {
  const err = e as NodeJS.ErrnoException;
  if (e instanceof JumpctlError || !IO_CODES.has(err?.code ?? '')) return e;
  const where = err.path ? `${err.path}: ` : '';
  return new JumpctlError('E_IO', `${where}${errnoReason(e)}`, {
    hint: 'Free some space or fix the permissions there, then run the command again.',
  });
}

function writeError(path: string, e: NodeJS.ErrnoException): JumpctlError {
  return new JumpctlError('E_WRITE', `cannot write ${path}: ${errnoReason(e)}; nothing was changed`, {
    hint: `Check the permissions of ${dirname(path)} and ${path}, and the space left there.`,
  });
}

/** Refuses a file the user made read-only (root could write it anyway; it should not). */
export function assertWritable(path: string): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st && (st.mode & 0o222) === 0)
    throw new JumpctlError(
      'E_READ_ONLY',
      `${path} is read-only (mode ${(st.mode & 0o777).toString(8)}); nothing was changed`,
      {
        hint: `If jumpctl should edit it, make it writable first: chmod u+w ${path}`,
      },
    );
}

/** Test hook: pause (after half the bytes are written) so a test can kill the process mid-write. */
function testPause(): void {
  const marker = process.env.JUMPCTL_TEST_PAUSE_WRITE;
  if (!marker) return;
  const fd = openSync(marker, 'w');
  closeSync(fd);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

export function writeAtomic(path: string, data: Buffer, opts: { newMode?: number } = {}): void {
  const real = realTarget(path);
  const dir = dirname(real);
  const existing = statSync(real, { throwIfNoEntry: false });
  const mode = existing ? existing.mode & 0o7777 : (opts.newMode ?? 0o600);
  const tmp = join(dir, `.${basename(real)}.jumpctl-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    const half = Math.floor(data.length / 2);
    writeSync(fd, data, 0, half);
    testPause();
    writeSync(fd, data, half, data.length - half);
    fsyncSync(fd);
    fchmodSync(fd, mode);
    if (existing && process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0))
      fchownSync(fd, existing.uid, existing.gid);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, real);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw writeError(path, e as NodeJS.ErrnoException);
  }
  syncDir(dir);
}

/** Makes a rename in `dir` durable. */
export function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  }
}

/** ~/.ssh is created 0700, as ssh expects; an existing directory is left as it is. */
export function ensurePrivateDir(dir: string): void {
  if (statSync(dir, { throwIfNoEntry: false })) return;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw writeError(dir, e as NodeJS.ErrnoException);
  }
}

/** Temp files left by a process that was killed mid-write. */
export function removeStaleTemps(path: string): void {
  const real = realTarget(path);
  const dir = dirname(real);
  const prefix = `.${basename(real)}.jumpctl-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith('.tmp')) continue;
    const pid = Number(n.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) {
      try {
        unlinkSync(join(dir, n));
      } catch {
        // raced with another cleaner
      }
    }
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
