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
import { suggest } from '../core/suggest.js';

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
 * user could write could turn the audit off. What is wrong with it (not private, not JSON, a
 * value of the wrong type, an unknown name) is said on stderr as jumpctl exits, so that it does
 * not land in the middle of an ssh session, and never stops a connection: a typo in a settings
 * file must not cut anyone off from a server. A setting that cannot be read keeps its safe
 * default (connections audited).
 */
export function readSettings(): Settings {
  const got = settingsFile();
  if (got.problems.length > 0)
    process.once('exit', () => {
      for (const p of got.problems) process.stderr.write(`jumpctl: ${p}\n`);
    });
  return got.settings;
}

function settingsFile(): { settings: Settings; problems: string[] } {
  const dir = ownDirPath('config');
  const file = join(dir, 'config.json');
  const none = (problem: string) => ({
    settings: {},
    problems: [`settings not used: ${problem}; ${SAFE_DEFAULT}`],
  });
  const got = readOwnFile(file);
  if ('problem' in got) return got.problem === 'missing' ? { settings: {}, problems: [] } : none(got.problem);
  const problem = privateDirProblem(dir);
  if (problem !== undefined) return none(problem);
  const text = got.data.toString('utf8');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    const at = jsonErrorAt(text);
    const found =
      at >= text.length
        ? 'the end of the file'
        : JSON.stringify(/^\w+/.exec(text.slice(at))?.[0] ?? text[at]);
    return none(`${file}:${position(text, at)}: not valid JSON: unexpected ${found}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return none(`${file}:1: not a JSON object (write {"audit": false} to turn the audit log off)`);
  const settings: { audit?: boolean } = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(v)) {
    const where = `${file}:${position(text, Math.max(0, text.indexOf(JSON.stringify(name))))}`;
    if (name === 'audit') {
      if (typeof value === 'boolean') settings.audit = value;
      else
        problems.push(
          `setting not used: ${where}: "audit" must be true or false, not ${JSON.stringify(value)}; ${SAFE_DEFAULT}`,
        );
    } else {
      const close = suggest(name, SETTING_NAMES);
      problems.push(
        `unknown setting "${name}" at ${where} (${close.length > 0 ? `did you mean "${close[0]}"?` : `known: ${SETTING_NAMES.join(', ')}`}); ignored`,
      );
    }
  }
  return { settings, problems };
}

const SETTING_NAMES = ['audit'];
const SAFE_DEFAULT = 'connections are audited (the default)';

/** `line:column` (1-based) of a character offset. */
function position(text: string, at: number): string {
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${(before[before.length - 1] ?? '').length + 1}`;
}

/**
 * Where a text stops being JSON (its length when it ends too soon, -1 when it is JSON): Node's
 * JSON.parse does not always say (`Unexpected token '}', "…" is not valid JSON`).
 */
export function jsonErrorAt(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new RangeError(String(i));
  };
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const expect = (c: string) => {
    ws();
    if (text[i] !== c) fail();
    i++;
  };
  const string = () => {
    expect('"');
    for (; i < text.length && text[i] !== '"'; i++) {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') i++;
    }
    expect('"');
  };
  // Containers: the opening character, the closing one, and how to read one member.
  const members = (close: string, member: () => void) => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      ws();
      if (text[i] === close) return void i++;
      expect(',');
    }
  };
  const value = (): void => {
    ws();
    if (text[i] === '{')
      return members('}', () => {
        string();
        expect(':');
        value();
      });
    if (text[i] === '[') return members(']', value);
    if (text[i] === '"') return string();
    const m = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!m) fail();
    i += (m as RegExpExecArray)[0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return -1;
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return Math.min(Number(e.message), text.length);
  }
}
