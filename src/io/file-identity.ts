/**
 * What jumpctl knows of a config file without reading it: whether it exists, and an identity
 * that changes whenever its bytes, owner or mode do. The saved outlines (verdict-cache.ts) are
 * keyed on it.
 */
import { statSync } from 'node:fs';

/**
 * `missing`, `dir`, `error:<message>`, or `dev:ino:size:mtimeNs:ctimeNs`. chmod and chown move
 * the change time, so the identity also covers ssh's permission rule. A file rewritten within
 * the same nanosecond at the same size is the only change it could miss.
 */
export function fileIdentity(path: string): string {
  try {
    const st = statSync(path, { throwIfNoEntry: false, bigint: true });
    if (!st) return 'missing';
    if (st.isDirectory()) return 'dir';
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch (e) {
    return `error:${(e as Error).message}`;
  }
}

/**
 * Who reads: the effective user and group and the supplementary groups. A file's identity does
 * not say whether this process may read it (a group may grant that), so what was concluded from
 * reading files is kept per reader.
 */
export function readerKey(): string {
  return JSON.stringify([process.geteuid?.(), process.getegid?.(), process.getgroups?.()]);
}

/**
 * readconf.c: included and user files must be owned by root or the user and not writable by
 * others. Debian's user-group-modes patch also accepts group write by the user's own group.
 */
export function permissionProblem(
  path: string,
  uid: number,
  gid: number,
  debian: boolean,
): string | undefined {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return undefined;
    const groupOk = (st.mode & 0o020) === 0 || (debian && st.gid === gid);
    if ((st.uid !== 0 && st.uid !== uid) || (st.mode & 0o002) !== 0 || !groupOk) {
      return `Bad owner or permissions on ${path}`;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
