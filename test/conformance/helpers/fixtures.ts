/**
 * Conformance fixtures: `fixtures/conformance/<group>/<case>/` holds a `config` (the -F file),
 * optional extra files (included files, a `home/.ssh/…` tree) and metadata:
 * - `hosts.txt` (show/regress) or `targets.txt` (chain): host arguments, one per line;
 * - `modes.json`: `{ "relative/path": "0664" }` file modes to apply (default 0644);
 * - `env.json`: extra environment variables for both ssh and jumpctl;
 * - `expect.json`: hand-written expectations, checked against the real ssh (self-check).
 * Text files and expect.json may use placeholders: `@DIR@` (the case's absolute temp dir),
 * `@USER@` (local user), `@UID@`, `@PWHOME@` (home from the passwd entry, which ssh uses for `~`
 * and %d whatever $HOME says) and `@LHOST@` (gethostname, ssh's %l).
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { existsSync, statSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIXTURES = join(ROOT, 'fixtures', 'conformance');

export type Group = 'show' | 'regress' | 'chain';
const META = new Set(['hosts.txt', 'targets.txt', 'modes.json', 'env.json', 'expect.json']);

export interface Materialized {
  readonly name: string;
  /** Absolute temp dir the case was copied to (what `@DIR@` became). */
  readonly dir: string;
  /** The -F file. */
  readonly config: string;
  /** `$HOME` for ssh and jumpctl: `<dir>/home`. */
  readonly home: string;
  /** Host arguments from hosts.txt or targets.txt. */
  readonly hosts: readonly string[];
  /** Extra environment variables from env.json. */
  readonly extraEnv: Readonly<Record<string, string>>;
  /** Parsed expect.json, if any. */
  readonly expect: unknown;
  cleanup(): void;
}

export function listCases(group: Group): string[] {
  const dir = join(FIXTURES, group);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory())
    .sort();
}

function placeholders(dir: string): Record<string, string> {
  const me = userInfo();
  return {
    '@DIR@': dir,
    '@USER@': me.username,
    '@UID@': String(me.uid),
    '@PWHOME@': me.homedir,
    '@LHOST@': hostname(),
  };
}

function substituteText(text: string, dir: string): string {
  return text.replace(/@(DIR|USER|UID|PWHOME|LHOST)@/g, (m) => placeholders(dir)[m] ?? m);
}

function substitute(buf: Buffer, dir: string): Buffer {
  // latin1 round-trips every byte, so BOMs, CRs and UTF-8 survive untouched.
  const text = buf.toString('latin1');
  return /@(DIR|USER|UID|PWHOME|LHOST)@/.test(text) ? Buffer.from(substituteText(text, dir), 'latin1') : buf;
}

function copyTree(src: string, dst: string, root: string, top: boolean): void {
  mkdirSync(dst, { recursive: true, mode: 0o755 });
  chmodSync(dst, 0o755);
  for (const entry of readdirSync(src, { withFileTypes: true })) {
    if (top && META.has(entry.name)) continue;
    const from = join(src, entry.name);
    const to = join(dst, entry.name);
    if (entry.isDirectory()) {
      copyTree(from, to, root, false);
    } else {
      writeFileSync(to, substitute(readFileSync(from), root));
      chmodSync(to, 0o644);
    }
  }
}

function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function readJson(file: string, dir = ''): unknown {
  return existsSync(file) ? JSON.parse(substituteText(readFileSync(file, 'utf8'), dir)) : undefined;
}

export function materialize(group: Group, name: string): Materialized {
  const src = join(FIXTURES, group, name);
  const dir = mkdtempSync(join(tmpdir(), `jc-${name.slice(0, 20)}-`));
  chmodSync(dir, 0o755);
  copyTree(src, dir, dir, true);
  mkdirSync(join(dir, 'home'), { recursive: true, mode: 0o755 });
  const modes = (readJson(join(src, 'modes.json')) ?? {}) as Record<string, string>;
  for (const [rel, mode] of Object.entries(modes)) chmodSync(join(dir, rel), parseInt(mode, 8));
  const hosts = readLines(join(src, group === 'chain' ? 'targets.txt' : 'hosts.txt'));
  return {
    name,
    dir,
    config: join(dir, 'config'),
    home: join(dir, 'home'),
    hosts,
    extraEnv: (readJson(join(src, 'env.json')) ?? {}) as Record<string, string>,
    expect: readJson(join(src, 'expect.json'), dir),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The environment both ssh and jumpctl run with: only PATH from the caller, HOME pointing into
 * the case, a fixed SHELL (Match exec uses $SHELL -c) and locale, no agent socket.
 */
export function caseEnv(c: Materialized, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: c.home,
    SHELL: '/bin/sh',
    LANG: 'C',
    LC_ALL: 'C',
    ...c.extraEnv,
    ...extra,
  };
}
