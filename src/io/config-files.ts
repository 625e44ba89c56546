/**
 * Reading config files for the core: bytes kept exactly (UTF-8 when valid, otherwise Latin-1 so
 * every byte still round-trips), and which files ssh reads (file-identity.ts holds ssh's
 * permission rule).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { EntryFile, FileSystemView } from '../core/config/index.js';
import { fileChangedError, FileUnreadableError } from '../core/errors.js';
import { fileIdentity, permissionProblem } from './file-identity.js';
import { glob } from './glob.js';

export type Encoding = 'utf8' | 'latin1';

export interface ReadFile {
  readonly text: string;
  readonly encoding: Encoding;
}

/** A file's bytes; null when it does not exist. Other read errors are thrown. */
export function readBytes(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw e;
  }
}

export function readConfigText(path: string): ReadFile | undefined {
  const buf = readBytes(path);
  if (buf === null) return undefined;
  const encoding: Encoding = isUtf8(buf) ? 'utf8' : 'latin1';
  return { text: buf.toString(encoding), encoding };
}

export function fileSystemView(home: string, uid: number, gid: number, debian: boolean): FileSystemView {
  return {
    read(path) {
      const id = fileIdentity(path);
      if (id === 'missing') return undefined;
      if (id === 'dir') return { text: '' };
      if (id.startsWith('error:')) return { error: id.slice('error:'.length) };
      // A file with a saved outline is read only when a host needs its lines (the program
      // asks for the text of any other file at once, so a read error is reported as before).
      let text: string | undefined;
      return {
        ...(racy(id) ? {} : { id }),
        get text() {
          if (text === undefined) {
            let got: ReadFile | undefined;
            try {
              got = readConfigText(path);
            } catch (e) {
              throw new FileUnreadableError(path, (e as Error).message);
            }
            if (!got) throw fileChangedError(path);
            text = got.text;
          }
          return text;
        },
      };
    },
    glob: (pattern) => glob(pattern, home),
    permissionProblem: (path) => permissionProblem(path, uid, gid, debian),
  };
}

/**
 * A file changed in the last two seconds has no identity to save an outline under (git's "racy
 * clean" rule): on a file system with one-second times, an edit of the same size in the same
 * second would keep the identity (inode, size, times) and the outline of the old text would be
 * used for the new one, down to missing a loop. Once two seconds have passed, any later edit
 * moves the times.
 */
function racy(id: string): boolean {
  const mtimeNs = id.split(':')[3];
  return mtimeNs === undefined || BigInt(mtimeNs) / 1_000_000n > BigInt(Date.now() - 2000);
}

export const SYSTEM_CONFIG = '/etc/ssh/ssh_config';

/** `-F file`: only that file. Otherwise ~/.ssh/config (may be missing) then the system file. */
export function entryFiles(configFlag: string | undefined, home: string): EntryFile[] {
  if (configFlag === 'none') return [];
  if (configFlag !== undefined)
    return [{ path: configFlag, user: true, required: true, checkPermissions: false }];
  return [
    { path: `${home}/.ssh/config`, user: true, required: false, checkPermissions: true },
    { path: SYSTEM_CONFIG, user: false, required: false, checkPermissions: false },
  ];
}

/** Private keys in ~/.ssh: files that have a `.pub` beside them. */
export function privateKeys(home: string): string[] {
  const dir = `${home}/.ssh`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => !n.endsWith('.pub') && names.includes(`${n}.pub`)).map((n) => `${dir}/${n}`);
}
