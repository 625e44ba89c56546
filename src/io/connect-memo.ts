/**
 * The connect memo. connect checks the whole chain before it spawns ssh, which means loading the
 * config engine, reading every config file and resolving every hop: most of connect's own time.
 * People run the same `jumpctl connect host` all day against a config that has not changed, so
 * connect keeps what its checks concluded (the ssh command, the hops), keyed on the exact
 * command line and on every input the checks read (memo-recorder.ts). The next identical command
 * line checks those inputs (a stat per file, a glob per Include, a look at the environment) and,
 * when none changed, runs ssh at once: the same conclusion the checks would reach again.
 *
 * Only successful checks are kept: a refused chain (a loop, an unknown jump) is checked again
 * every time. `JUMPCTL_DEBUG=memo` says on stderr whether the memo was used, and if not, why;
 * `JUMPCTL_MEMO=off` neither uses nor keeps it.
 */
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { cacheDir, home } from './dirs.js';
import { fileIdentity, permissionProblem, readerKey } from './file-identity.js';
import { glob } from './glob.js';
import { readOwnFile, writeOwnFile } from './own-file.js';
import type { MemoInputs } from './memo-recorder.js';
import { findOnPath, sshIdentity } from '../ssh/find-ssh.js';

// Written in by the bundler (build.mjs): a hash of the sources, so that a memo made by another
// build of jumpctl (whose checks may conclude otherwise) is never used.
declare const JUMPCTL_BUILD: string;
const BUILD = typeof JUMPCTL_BUILD === 'string' ? JUMPCTL_BUILD : 'unbundled';

const FORMAT = 2;
const MAX_ENTRIES = 32;

/** What ssh is run with, and what the audit line says. */
export interface MemoRun {
  readonly ssh: string;
  readonly args: readonly string[];
  readonly target: string;
  readonly hops: readonly string[];
  /** False with --no-audit (the settings file is read again on every run). */
  readonly audit: boolean;
}

export interface MemoEntry {
  /** The build of jumpctl whose checks concluded this. */
  readonly build: string;
  /** JSON of memoFacts(): the command line and the facts about this process and machine. */
  readonly facts: string;
  /** sshIdentity() of run.ssh: the client's version and defaults enter the checks. */
  readonly sshId: string;
  readonly debian: boolean;
  readonly inputs: MemoInputs;
  readonly run: MemoRun;
}

interface MemoFile {
  readonly format: number;
  readonly entries: MemoEntry[];
}

/**
 * Everything besides the recorded inputs that connect's checks depend on. The working directory
 * counts because `-F` and the files ssh reads may be relative paths; the groups, because a file
 * the checks read may be readable only through one.
 */
export function memoFacts(argv: readonly string[]): string {
  const u = userInfo();
  return JSON.stringify({
    argv,
    cwd: process.cwd(),
    home: home(),
    path: process.env.PATH ?? null,
    uid: process.getuid?.() ?? 0,
    // The passwd entry's group, as openSession() gives the permission rule.
    gid: u.gid,
    reader: readerKey(),
    user: u.username,
    passwdHome: u.homedir,
    hostname: hostname(),
  });
}

function memoPath(): string {
  return join(cacheDir(), 'connect-memo.json');
}

export function memoEnabled(): boolean {
  return process.env.JUMPCTL_MEMO !== 'off';
}

/** Entries of every build (two installed copies share the file), the newest first. */
function readEntries(): MemoEntry[] | { miss: string } {
  const got = readOwnFile(memoPath());
  if ('problem' in got) return { miss: got.problem === 'missing' ? 'no memo yet' : got.problem };
  try {
    const f = JSON.parse(got.text) as MemoFile;
    return f.format === FORMAT && Array.isArray(f.entries) ? f.entries : { miss: 'a memo of another format' };
  } catch (e) {
    return { miss: (e as Error).message };
  }
}

/** The memoized run for this command line, or why there is none. Never throws. */
export function findMemo(argv: readonly string[]): { run: MemoRun } | { miss: string } {
  try {
    if (!memoEnabled()) return { miss: 'JUMPCTL_MEMO=off' };
    const entries = readEntries();
    if ('miss' in entries) return entries;
    const facts = memoFacts(argv);
    const e = entries.find((x) => x.build === BUILD && x.facts === facts);
    if (!e) return { miss: 'this command line is not memoized here' };
    const changed = changedInput(e);
    return changed === undefined ? { run: e.run } : { miss: `${changed} changed` };
  } catch (err) {
    return { miss: (err as Error).message };
  }
}

/** The first recorded input that is no longer what it was, if any. */
export function changedInput(e: MemoEntry): string | undefined {
  const ssh = findOnPath('ssh');
  if (ssh !== e.run.ssh || sshIdentity(ssh) !== e.sshId) return 'the ssh client';
  for (const [name, value] of e.inputs.env) if ((process.env[name] ?? null) !== value) return `$${name}`;
  for (const [path, id] of e.inputs.reads) if (fileIdentity(path) !== id) return path;
  const h = home();
  for (const [pattern, found] of e.inputs.globs)
    if (JSON.stringify(glob(pattern, h)) !== JSON.stringify(found)) return `the files of Include ${pattern}`;
  // The entry was found by its facts: these are this process's own.
  const { uid, gid } = JSON.parse(e.facts) as { uid: number; gid: number };
  for (const [path, problem] of e.inputs.perms)
    if ((permissionProblem(path, uid, gid, e.debian) ?? null) !== problem)
      return `the permissions of ${path}`;
  return undefined;
}

/**
 * Keeps what the checks concluded for this command line (the newest first; one per command line
 * and build). A memo that cannot be made or written only costs speed: it never stops a connection.
 */
export function saveMemo(argv: readonly string[], parts: Omit<MemoEntry, 'build' | 'facts'>): void {
  try {
    const entry: MemoEntry = {
      build: BUILD,
      facts: memoFacts(argv),
      ...parts,
    };
    const read = readEntries();
    const old = 'miss' in read ? [] : read;
    const same = (x: MemoEntry) => x.build === BUILD && x.facts === entry.facts;
    const file: MemoFile = {
      format: FORMAT,
      entries: [entry, ...old.filter((x) => !same(x))].slice(0, MAX_ENTRIES),
    };
    writeOwnFile(memoPath(), JSON.stringify(file));
  } catch {
    // left as it was
  }
}
