/**
 * jumpctl's own directories (cache, state, settings) and the rule for using them: a directory is
 * used only when it is a real directory (not a symlink), owned by the effective user, and not
 * writable by group or others. It is created 0700 when missing. What another user could write
 * (in a shared or misconfigured XDG directory) must never steer what jumpctl runs or writes.
 * Every file of jumpctl's own (caches, state, settings, backups) is read and written through
 * this module, and nowhere else.
 */
import type * as Crypto from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type OwnDirKind = 'cache' | 'state' | 'config';

/** The user's home directory: $HOME, as ssh and the shell see it, else the password entry's. */
export function home(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOME || homedir();
}

/** The XDG base directory of that kind, with `jumpctl` appended (not checked). */
export function ownDirPath(kind: OwnDirKind, env: NodeJS.ProcessEnv = process.env): string {
  const base =
    kind === 'cache'
      ? env.XDG_CACHE_HOME || join(home(env), '.cache')
      : kind === 'state'
        ? env.XDG_STATE_HOME || join(home(env), '.local', 'state')
        : env.XDG_CONFIG_HOME || join(home(env), '.config');
  return join(base, 'jumpctl');
}

/**
 * Why `dir` may not be used as one of jumpctl's private directories, or undefined when it may.
 * The reason names the directory and what would fix it: it is shown as an error for state.
 */
export function privateDirProblem(dir: string): string | undefined {
  let st;
  try {
    st = lstatSync(dir);
  } catch (e) {
    return `${dir}: ${(e as Error).message}`;
  }
  if (st.isSymbolicLink())
    return `${dir} is a symbolic link; jumpctl uses only a directory of your own there (replace the link with one: mkdir -m 700)`;
  if (!st.isDirectory()) return `${dir} is not a directory (remove it, and jumpctl makes one)`;
  const euid = process.geteuid?.();
  if (euid !== undefined && st.uid !== euid)
    return `${dir} belongs to another user (uid ${st.uid}; you are uid ${euid}): remove it, or point the XDG directory elsewhere`;
  if ((st.mode & 0o022) !== 0)
    return `${dir} can be written by ${st.mode & 0o002 ? 'others' : 'its group'} (mode ${(st.mode & 0o777).toString(8)}): chmod 700 ${dir}`;
  return undefined;
}

/**
 * Creates `dir` (0700, parents too) when missing, then checks it. Returns the problem that keeps
 * it from being used, or undefined.
 */
export function ensurePrivateDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
      return `cannot create ${dir}: ${(e as Error).message}`;
  }
  return privateDirProblem(dir);
}

/** `JUMPCTL_CACHE=off` turns every cache of jumpctl's off (docs/decisions.md lists them). */
export function cachesOff(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.JUMPCTL_CACHE === 'off';
}

/** Said on stderr when `JUMPCTL_DEBUG` names the topic (comma-separated) or is `all`. */
export function debug(topic: string, message: string, env: NodeJS.ProcessEnv = process.env): void {
  const want = (env.JUMPCTL_DEBUG ?? '').split(',');
  if (want.includes(topic) || want.includes('all')) process.stderr.write(`jumpctl: ${topic}: ${message}\n`);
}

/** One of jumpctl's directories, created and checked; or why it may not be used. */
export function ownDir(
  kind: OwnDirKind,
  env: NodeJS.ProcessEnv = process.env,
): { dir: string } | { problem: string } {
  const dir = ownDirPath(kind, env);
  const problem = ensurePrivateDir(dir);
  return problem === undefined ? { dir } : { problem };
}

/** Why an open file may not be trusted as one of jumpctl's own, or undefined. */
function ownFileProblem(path: string, fd: number): string | undefined {
  const st = fstatSync(fd);
  if (!st.isFile()) return `${path} is not a regular file (remove it)`;
  const euid = process.geteuid?.();
  if (euid !== undefined && st.uid !== euid)
    return `${path} belongs to another user (uid ${st.uid}; you are uid ${euid}): remove it`;
  if ((st.mode & 0o022) !== 0)
    return `${path} can be written by ${st.mode & 0o002 ? 'others' : 'its group'} (mode ${(st.mode & 0o777).toString(8)}): chmod 600 ${path}`;
  return undefined;
}

/** A failed open of one of jumpctl's own files, said plainly (O_NOFOLLOW's ELOOP, a FIFO's ENXIO). */
function openProblem(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return `${path} is a symbolic link; jumpctl does not follow it (remove it)`;
  if (code === 'ENXIO') return `${path} is not a regular file (remove it)`;
  return (e as Error).message;
}

/**
 * Reads one of jumpctl's own files: never through a symlink, never blocking on a FIFO, and only
 * when it is a regular file of the user's that others cannot write (checked on the open file).
 */
export function readOwnFile(path: string): { data: Buffer } | { problem: string } {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const problem = ownFileProblem(path, fd);
    return problem === undefined ? { data: readFileSync(fd) } : { problem };
  } catch (e) {
    return { problem: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : openProblem(path, e) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes one of jumpctl's own files whole: a new file under a random name, created exclusively
 * and never through a symlink (O_CREAT|O_EXCL|O_NOFOLLOW), mode 0600, flushed to disk, then
 * renamed over `path`, so a reader sees the old content or the new. The directory must already be
 * one of jumpctl's checked directories. Throws the system error (ENOSPC, EROFS, …) for the caller
 * to turn into a clear message or to shrug off. `durable: false` skips the fsync, for files whose
 * loss in a crash costs nothing (caches, the recent hosts): an fsync can take longer than a
 * whole command.
 */
export function writeOwnFile(path: string, data: string | Buffer, o: { durable?: boolean } = {}): void {
  // node:crypto loaded here, not at start-up: most runs write nothing.
  const { randomBytes } = process.getBuiltinModule('node:crypto') as typeof Crypto;
  const tmp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  const fd = openSync(
    tmp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    try {
      writeFileSync(fd, data);
      if (o.durable !== false) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Opens one of jumpctl's own append-only files (the audit log): created 0600 when missing, never
 * through a symlink, never a FIFO or device, and only a file of the user's that others cannot
 * write (checked after the open, on the open file).
 */
export function openOwnAppend(path: string): number {
  const { O_WRONLY, O_APPEND, O_CREAT, O_NOFOLLOW, O_NONBLOCK } = constants;
  let fd;
  try {
    fd = openSync(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o600);
  } catch (e) {
    throw new Error(openProblem(path, e));
  }
  const problem = ownFileProblem(path, fd);
  if (problem !== undefined) {
    closeSync(fd);
    throw new Error(problem);
  }
  return fd;
}

/**
 * A file in jumpctl's cache directory, or undefined when caches are off (`JUMPCTL_CACHE=off`) or
 * the directory fails its check. A cache only saves time, so one that cannot be trusted is not
 * used, and why is said only under `JUMPCTL_DEBUG=cache`.
 */
export function cacheFile(name: string): string | undefined {
  if (cachesOff()) return undefined;
  const got = ownDir('cache');
  if ('problem' in got) {
    debug('cache', `not used: ${got.problem}`);
    return undefined;
  }
  return join(got.dir, name);
}

/** A cache file's bytes; undefined when it is missing or fails a check (said under JUMPCTL_DEBUG=cache). */
export function readCache(path: string): Buffer | undefined {
  const got = readOwnFile(path);
  if ('data' in got) return got.data;
  if (got.problem !== 'missing') debug('cache', `not used: ${got.problem}`);
  return undefined;
}

/** Writes a cache file whole; one that cannot be written only costs time (said under JUMPCTL_DEBUG=cache). */
export function writeCache(path: string, data: string): void {
  try {
    writeOwnFile(path, data, { durable: false });
  } catch (e) {
    debug('cache', `${path} not written: ${(e as Error).message}`);
  }
}
