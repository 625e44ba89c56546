/**
 * The file-system side of `doctor`: the facts the static checks read (modes, owners, key texts)
 * and the private scratch directory the probe config lives in while ssh runs.
 */
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Facts, FileFact } from '../core/doctor/facts.js';

/** Key files are small; a longer read is not a key. */
const KEY_BYTES = 64 * 1024;

function readHead(path: string): string | undefined {
  try {
    const text = readFileSync(path, 'latin1');
    return text.length > KEY_BYTES ? undefined : text;
  } catch {
    return undefined;
  }
}

export function machineFacts(uid: number, gid: number, debian: boolean, agentKeys?: number): Facts {
  const cache = new Map<string, FileFact | undefined>();
  return {
    ...(agentKeys !== undefined ? { agentKeys } : {}),
    uid,
    gid,
    debian,
    platform: process.platform,
    stat(path) {
      if (cache.has(path)) return cache.get(path);
      let fact: FileFact | undefined;
      try {
        const st = statSync(path);
        let readable = true;
        try {
          accessSync(path, constants.R_OK);
        } catch {
          readable = false;
        }
        fact = { dir: st.isDirectory(), mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, readable };
      } catch {
        fact = undefined;
      }
      cache.set(path, fact);
      return fact;
    },
    // Of the private file only the unencrypted parts are parsed (keys.ts): the public section
    // and the cipher name or PEM headers that say whether a passphrase protects it.
    keyText(path) {
      const pub = readHead(`${path}.pub`);
      const priv = readHead(path);
      return { ...(pub !== undefined ? { pub } : {}), ...(priv !== undefined ? { priv } : {}) };
    },
  };
}

export interface ScratchDir {
  readonly dir: string;
  /** Writes a file readable only by this user; returns its path. */
  write(name: string, text: string): string;
  remove(): void;
}

/** A 0700 directory under $XDG_RUNTIME_DIR (or the temp dir), removed on remove() or exit. */
export function scratchDir(prefix: string): ScratchDir {
  const runtime = process.env.XDG_RUNTIME_DIR;
  let base = tmpdir();
  try {
    if (runtime && statSync(runtime).isDirectory()) {
      accessSync(runtime, constants.W_OK);
      base = runtime;
    }
  } catch {
    // fall back to the temp dir
  }
  const dir = mkdtempSync(join(base, prefix)); // mkdtemp creates it 0700
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  return {
    dir,
    write(name, text) {
      const p = join(dir, name);
      writeFileSync(p, text, { mode: 0o600, flag: 'wx' });
      return p;
    },
    remove() {
      process.off('exit', remove);
      remove();
    },
  };
}
