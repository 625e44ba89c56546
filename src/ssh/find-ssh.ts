/**
 * Which `ssh` runs: the first executable on PATH, as execvp(3) finds it, and what identifies
 * that binary. Kept apart from client-info.ts so that connect's fast path loads only this.
 */
import { statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileIdentity } from '../io/file-identity.js';

export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      const st = statSync(p);
      if (st.isFile() && (st.mode & 0o111) !== 0) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** What the client's cached facts (version, defaults) are keyed on, besides its path. */
export function sshIdentity(path: string): string {
  return fileIdentity(path);
}
