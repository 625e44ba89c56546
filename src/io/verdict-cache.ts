/**
 * Verdicts of earlier full parses, so that an unchanged large configuration is not validated
 * line by line on every run. Keyed by path and file identity (device, inode, size, change and
 * modification times in nanoseconds), by the ssh version whose keyword table judged it, and by
 * who read it (session.ts: a file readable through a group is not vouched for without it).
 */
import { join } from 'node:path';
import type { FileVerdict, VerdictStore } from '../core/config/index.js';
import { cacheDir } from './dirs.js';
import { readOwnFile, writeOwnFile } from './own-file.js';

/** The shape of the saved outlines; a cache written in another shape is ignored. */
const FORMAT = 3;

interface Entry {
  id: string;
  verdict: FileVerdict;
}

/** `key`: what the verdicts hold for (the ssh version, the reader); another key starts afresh. */
export function verdictStore(key: string): VerdictStore & { save(): void } {
  const file = join(cacheDir(), 'verdicts.json');
  let entries: Record<string, Entry> = {};
  const own = readOwnFile(file);
  try {
    if (!('text' in own)) throw new Error(own.problem);
    const got = JSON.parse(own.text) as {
      format?: number;
      version?: string;
      entries?: Record<string, Entry>;
    };
    if (got.format === FORMAT && got.version === key && got.entries) entries = got.entries;
  } catch {
    // no cache yet, unreadable, or not the user's own: start afresh
  }
  let dirty = false;
  return {
    get: (path, id) => (entries[path]?.id === id ? entries[path].verdict : undefined),
    put: (path, id, verdict) => {
      entries[path] = { id, verdict };
      dirty = true;
    },
    save: () => {
      if (!dirty) return;
      try {
        writeOwnFile(file, JSON.stringify({ format: FORMAT, version: key, entries }));
      } catch {
        // a read-only cache only costs speed
      }
    },
  };
}
