/**
 * Verdicts of earlier full parses, so that an unchanged large configuration is not validated
 * line by line on every run. Keyed by path and file identity (device, inode, size, change and
 * modification times in nanoseconds), by the build whose parser made them (another build may
 * parse differently), by the ssh version whose keyword table judged it, and by who read it
 * (session.ts: a file readable through a group is not vouched for without it). Entries for files
 * gone or unused for 30 days are pruned whenever the file is written. `JUMPCTL_CACHE=off` turns it
 * off; a cache file or directory that fails its check is not used (own-files.ts).
 */
import { existsSync } from 'node:fs';
import type { FileVerdict, VerdictStore } from '../core/config/index.js';
import { cacheFile, debug, readCache, writeCache } from './own-files.js';

/** build.mjs defines it; code run from src/ (the tests, through tsx) is the 'dev' build. */
declare const JUMPCTL_BUILD: string;
const BUILD = typeof JUMPCTL_BUILD === 'string' ? JUMPCTL_BUILD : 'dev';

/** The shape of the saved outlines; a cache written in another shape is ignored. */
const FORMAT = 4;

const DAY = 24 * 60 * 60 * 1000;
const UNUSED_FOR = 30 * DAY;

interface Entry {
  id: string;
  verdict: FileVerdict;
  /** When a run last used it (ms), kept to the day: a run that only reads writes nothing. */
  used: number;
}

/** The saved entries when the file holds this build's outlines for `key`; none otherwise. */
function load(file: string | undefined, key: string): Record<string, Entry> {
  const data = file === undefined ? undefined : readCache(file);
  if (data === undefined) return {};
  try {
    const got = JSON.parse(data.toString('utf8')) as {
      format?: number;
      build?: string;
      version?: string;
      entries?: Record<string, Entry>;
    };
    if (got.format === FORMAT && got.build === BUILD && got.version === key && got.entries)
      return got.entries;
    debug('cache', `not used: ${file} was written by another build, ssh version or reader`);
  } catch (e) {
    debug('cache', `not used: ${file}: ${(e as Error).message}`);
  }
  return {};
}

/** `key`: what the verdicts hold for (the ssh version, the reader); another key starts afresh. */
export function verdictStore(key: string): VerdictStore & { save(): void } {
  const now = Date.now();
  const file = cacheFile('verdicts.json');
  const entries = load(file, key);
  // An entry without a time (NaN) is never recent.
  const recent = (e: Entry, age: number): boolean => now - e.used < age;
  let dirty = false;
  return {
    get: (path, id) => {
      const e = entries[path];
      if (e?.id !== id) return undefined;
      if (!recent(e, DAY)) {
        e.used = now;
        dirty = true;
      }
      return e.verdict;
    },
    put: (path, id, verdict) => {
      entries[path] = { id, verdict, used: now };
      dirty = true;
    },
    save: () => {
      if (!dirty || file === undefined) return;
      for (const [path, e] of Object.entries(entries))
        if (!recent(e, UNUSED_FOR) || !existsSync(path)) delete entries[path];
      writeCache(file, JSON.stringify({ format: FORMAT, build: BUILD, version: key, entries }));
    },
  };
}
