/**
 * One jumpctl edit at a time per configuration: a lock file next to the config. It is written
 * whole in a temp file and then hard-linked into place (link fails when the lock exists), so a
 * lock is never seen empty or half-written, and a write that fails (disk full) leaves no lock.
 *
 * A lock that cannot belong to a running edit is recovered, with a one-line notice: empty or
 * unreadable, its process gone, its pid now another process's (started after the lock was
 * taken), or taken on another host name and older than FOREIGN_GRACE_MS. A live one is waited for.
 */
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { JumpctlError } from '../core/errors.js';
import { alive, errnoReason, realTarget } from './atomic-write.js';

/**
 * Another host's process cannot be asked whether it lives (a home shared over NFS); an edit
 * holds the lock for well under a second, but may wait that long on a confirmation.
 */
const FOREIGN_GRACE_MS = 10_000;
const EMPTY_GRACE_MS = 2_000;
/** What link() says on a file system without hard links (vfat, some FUSE). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly nonce: string;
  /** When the process started, in clock ticks after boot (/proc/<pid>/stat): tells a reused pid. */
  readonly start?: number;
}

/** A process's start, in clock ticks after boot; undefined off Linux or when it is gone. */
function procStart(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, starttime 22.
    const start = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isFinite(start) ? start : undefined;
  } catch {
    return undefined;
  }
}

/** The machine's boot time in ms (/proc/stat btime). */
function bootTimeMs(): number | undefined {
  try {
    const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    return m ? Number(m[1]) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** The lock's owner (undefined: empty or not one jumpctl wrote) and age; undefined when there is none. */
function readLock(path: string): { owner: Owner | undefined; mtimeMs: number } | undefined {
  let fd: number;
  try {
    // Never through a symlink, never blocking on a FIFO put in its place.
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? undefined : { owner: undefined, mtimeMs: 0 };
  }
  try {
    const st = fstatSync(fd);
    let owner: Owner | undefined;
    try {
      const o = st.isFile() ? (JSON.parse(readFileSync(fd, 'utf8')) as Partial<Owner>) : undefined;
      const valid = o && Number.isInteger(o.pid) && (o.pid ?? 0) > 0;
      if (valid && typeof o.host === 'string' && typeof o.nonce === 'string') owner = o as Owner;
    } catch {
      // empty or not JSON
    }
    return { owner, mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** Why the lock cannot belong to a running edit, or undefined when it may. */
function staleBecause(owner: Owner | undefined, mtimeMs: number): string | undefined {
  const age = Date.now() - mtimeMs;
  // Only where hard links are missing is a lock seen before its content is written (take()).
  if (!owner) return age > EMPTY_GRACE_MS ? 'it is empty or unreadable' : undefined;
  if (owner.host !== hostname())
    return age > FOREIGN_GRACE_MS ? `it was taken on host ${owner.host}` : undefined;
  if (!alive(owner.pid)) return `its process ${owner.pid} is gone`;
  const start = procStart(owner.pid);
  if (start === undefined) return undefined;
  // Without a recorded start (a lock by an older jumpctl), the lock's time says; ticks are 1/100 s
  // (USER_HZ on every Linux port), and a second of slack covers rounding in btime.
  const boot = bootTimeMs();
  const reused =
    owner.start !== undefined
      ? start !== owner.start
      : boot !== undefined && boot + start * 10 > mtimeMs + 1000;
  return reused ? `its pid ${owner.pid} is now a process started after the lock was taken` : undefined;
}

/** Moves a stale lock aside and removes it, unless it was replaced meanwhile; says so on stderr. */
function recover(path: string, seen: Owner | undefined, why: string): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readLock(aside)?.owner;
  if (moved?.nonce === seen?.nonce)
    process.stderr.write(`jumpctl: removed the stale lock ${path} (${why})\n`);
  else {
    // Another run took the lock between our look and the move: put theirs back (link: never
    // over a third run's lock).
    try {
      linkSync(aside, path);
    } catch {
      // nothing more can be done safely
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // already removed
  }
}

function lockError(path: string, e: unknown): JumpctlError {
  return new JumpctlError('E_LOCK', `cannot take the lock ${path}: ${errnoReason(e)}; nothing was changed`, {
    hint: `jumpctl keeps a lock beside the config file while it edits it: free some space in ${dirname(path)} or make it writable.`,
  });
}

/** Writes the lock's content to a temp file (named as atomic-write's, so a killed run's is cleaned up). */
function writeTemp(configReal: string, me: Owner, lock: string): string {
  const tmp = join(
    dirname(configReal),
    `.${basename(configReal)}.jumpctl-${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const fd = openSync(
      tmp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
    try {
      writeSync(fd, JSON.stringify(me));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    removeQuietly(tmp);
    throw lockError(lock, e);
  }
  return tmp;
}

/** Takes the lock (false: it exists). Throws E_LOCK when it cannot be written. */
function take(tmp: string, path: string, me: Owner): boolean {
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code)) throw lockError(path, e);
  }
  // No hard links here: the lock is created, then written; a write that fails removes it.
  let fd: number;
  try {
    fd = openSync(
      path,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockError(path, e);
  }
  try {
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
  } catch (e) {
    closeSync(fd);
    removeQuietly(path);
    throw lockError(path, e);
  }
  return true;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // never created, or gone already
  }
}

export async function withLock<T>(configPath: string, fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const real = realTarget(configPath);
  const path = join(dirname(real), `.${basename(real)}.jumpctl.lock`);
  const start = procStart(process.pid);
  const me: Owner = {
    pid: process.pid,
    host: hostname(),
    nonce: randomBytes(8).toString('hex'),
    ...(start !== undefined ? { start } : {}),
  };
  const tmp = writeTemp(real, me, path);
  const deadline = Date.now() + timeoutMs;
  let wait = 10;
  try {
    while (!take(tmp, path, me)) {
      const seen = readLock(path);
      const why = seen && staleBecause(seen.owner, seen.mtimeMs);
      if (why) {
        recover(path, seen.owner, why);
        continue;
      }
      if (Date.now() > deadline)
        throw new JumpctlError(
          'E_LOCKED',
          `another jumpctl${seen?.owner ? ` (pid ${seen.owner.pid})` : ''} is editing ${configPath}`,
          { hint: `Wait for it to finish. If no jumpctl is running, remove ${path}.` },
        );
      await sleep(wait + Math.floor(Math.random() * wait));
      wait = Math.min(wait * 2, 200);
    }
  } finally {
    removeQuietly(tmp);
  }
  const release = () => {
    if (readLock(path)?.owner?.nonce === me.nonce) removeQuietly(path);
  };
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    release();
    process.removeListener('exit', release);
  }
}
