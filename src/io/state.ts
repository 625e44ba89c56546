/**
 * jumpctl's own state: the audit trail of connections (one JSON line each, as bastion practice
 * asks), the most-recently-used hosts for the picker, and the user's jumpctl settings.
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { home, stateDir } from './dirs.js';
import { writeOwnFile } from './own-file.js';

export interface AuditEntry {
  readonly time: string;
  readonly target: string;
  readonly hops: readonly string[];
  readonly exitCode: number;
  readonly durationMs: number;
}

function ensureStateDir(): string {
  const dir = stateDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export function auditPath(): string {
  return join(stateDir(), 'audit.jsonl');
}

/**
 * Opens the audit log for one entry, written when the connection ends: connect opens it while
 * ssh runs, so that only the write itself follows the connection.
 */
export function openAudit(): (entry: AuditEntry) => void {
  ensureStateDir();
  const fd = openSync(auditPath(), 'a', 0o600);
  return (entry) => {
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
    } finally {
      closeSync(fd);
    }
  };
}

const RECENT_MAX = 200;

export function readRecent(): string[] {
  try {
    const v = JSON.parse(readFileSync(join(stateDir(), 'recent.json'), 'utf8')) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function touchRecent(alias: string): void {
  const list = [alias, ...readRecent().filter((a) => a !== alias)].slice(0, RECENT_MAX);
  writeOwnFile(join(stateDir(), 'recent.json'), JSON.stringify(list));
}

export interface Settings {
  /** `false` turns the connect audit trail off. */
  readonly audit?: boolean;
}

/** `$XDG_CONFIG_HOME/jumpctl/config.json` (default ~/.config/jumpctl/config.json). */
export function readSettings(): Settings {
  const base = process.env.XDG_CONFIG_HOME || join(home(), '.config');
  try {
    return JSON.parse(readFileSync(join(base, 'jumpctl', 'config.json'), 'utf8')) as Settings;
  } catch {
    return {};
  }
}
