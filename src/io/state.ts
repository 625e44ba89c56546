/**
 * jumpctl's own state: the audit trail of connections (one JSON line each, as bastion practice
 * asks), the most-recently-used hosts for the picker, and the user's jumpctl settings. Each is
 * used only in jumpctl's checked directories and never through a link (own-files.ts): what another
 * user could write must not turn the audit off, nor make jumpctl append to another file.
 */
import { closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  debug,
  openOwnAppend,
  ownDir,
  ownDirPath,
  privateDirProblem,
  readOwnFile,
  writeOwnFile,
} from './own-files.js';

export interface AuditEntry {
  readonly time: string;
  readonly target: string;
  readonly hops: readonly string[];
  readonly exitCode: number;
  readonly durationMs: number;
}

/**
 * Opens the audit log for one entry, written when the connection ends: connect opens it while
 * ssh runs, so that only the write itself follows the connection. Throws an error naming the
 * path and the fix when the state directory or the log is not jumpctl's own.
 */
export function openAudit(): (entry: AuditEntry) => void {
  const state = ownDir('state');
  if ('problem' in state) throw new Error(state.problem);
  const fd = openOwnAppend(join(state.dir, 'audit.jsonl'));
  return (entry) => {
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
    } finally {
      closeSync(fd);
    }
  };
}

const RECENT_MAX = 200;

/**
 * The picker's recent list is a convenience: when its directory or file fails a check it is
 * neither read nor written, and why is said only under `JUMPCTL_DEBUG=files`.
 */
function recentFile(): string | undefined {
  const state = ownDir('state');
  if ('dir' in state) return join(state.dir, 'recent.json');
  debug('files', `recent hosts not kept: ${state.problem}`);
  return undefined;
}

function readRecentFile(file: string): string[] {
  const got = readOwnFile(file);
  if ('problem' in got) {
    if (got.problem !== 'missing') debug('files', `recent hosts not read: ${got.problem}`);
    return [];
  }
  try {
    const v = JSON.parse(got.data.toString('utf8')) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch (e) {
    debug('files', `recent hosts not read: ${file}: ${(e as Error).message}`);
    return [];
  }
}

export function readRecent(): string[] {
  const file = recentFile();
  return file === undefined ? [] : readRecentFile(file);
}

export function touchRecent(alias: string): void {
  const file = recentFile();
  if (file === undefined) return;
  const list = [alias, ...readRecentFile(file).filter((a) => a !== alias)].slice(0, RECENT_MAX);
  try {
    writeOwnFile(file, JSON.stringify(list), { durable: false });
  } catch (e) {
    debug('files', `recent hosts not kept: ${(e as Error).message}`);
  }
}

export interface Settings {
  /** `false` turns the connect audit trail off. */
  readonly audit?: boolean;
}

/**
 * `$XDG_CONFIG_HOME/jumpctl/config.json` (default ~/.config/jumpctl/config.json), used only when
 * it and its directory pass the same checks as jumpctl's other files: a settings file another
 * user could write could turn the audit off. One that is not used is said on stderr as jumpctl
 * exits, so that it does not land in the middle of an ssh session.
 */
export function readSettings(): Settings {
  const got = settingsFile();
  if ('settings' in got) return got.settings;
  process.once('exit', () => process.stderr.write(`jumpctl: settings not used: ${got.problem}\n`));
  return {};
}

function settingsFile(): { settings: Settings } | { problem: string } {
  const dir = ownDirPath('config');
  const file = join(dir, 'config.json');
  const got = readOwnFile(file);
  if ('problem' in got) return got.problem === 'missing' ? { settings: {} } : got;
  const problem = privateDirProblem(dir);
  if (problem !== undefined) return { problem };
  try {
    const v = JSON.parse(got.data.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? { settings: v as Settings }
      : { problem: `${file} is not a JSON object` };
  } catch (e) {
    return { problem: `${file}: ${(e as Error).message}` };
  }
}
