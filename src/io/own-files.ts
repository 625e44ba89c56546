/**
 * jumpctl's own directories (cache, state, settings) and the rule for using them: a directory is
 * used only when it is a real directory (not a symlink), owned by the effective user, and not
 * writable by group or others. It is created 0700 when missing. What another user could write
 * (in a shared or misconfigured XDG directory) must never steer what jumpctl runs or writes.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type OwnDirKind = 'cache' | 'state' | 'config';

/** The XDG base directory of that kind, with `jumpctl` appended (not checked). */
export function ownDirPath(kind: OwnDirKind, env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || homedir();
  const base =
    kind === 'cache'
      ? env.XDG_CACHE_HOME || join(home, '.cache')
      : kind === 'state'
        ? env.XDG_STATE_HOME || join(home, '.local', 'state')
        : env.XDG_CONFIG_HOME || join(home, '.config');
  return join(base, 'jumpctl');
}

/** Why `dir` may not be used as one of jumpctl's private directories, or undefined when it may. */
export function privateDirProblem(dir: string): string | undefined {
  let st;
  try {
    st = lstatSync(dir);
  } catch (e) {
    return `${dir}: ${(e as Error).message}`;
  }
  if (st.isSymbolicLink()) return `${dir} is a symbolic link`;
  if (!st.isDirectory()) return `${dir} is not a directory`;
  const euid = process.geteuid?.();
  if (euid !== undefined && st.uid !== euid)
    return `${dir} belongs to uid ${st.uid}, not to you (uid ${euid})`;
  if ((st.mode & 0o022) !== 0)
    return `${dir} can be written by ${st.mode & 0o002 ? 'others' : 'its group'} (mode ${(st.mode & 0o777).toString(8)})`;
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
