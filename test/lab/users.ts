// Per-lab unix users: one login user per host (distinct HOME, so each host has its own
// ~/.ssh/authorized_keys) and one client user. Marked in the GECOS field with the owning pid so
// leftovers of a crashed run can be found and removed.
import { readFileSync } from 'node:fs';
import { isAlive, run, runSync, tool } from './proc.js';

const GECOS_PREFIX = 'jumpctl-lab pid=';

export interface UnixUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
}

function passwdEntries(): PasswdEntry[] {
  let text = '';
  try {
    text = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return [];
  }
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 7) continue;
    out.push({ name: f[0] ?? '', uid: Number(f[2]), gid: Number(f[3]), gecos: f[4] ?? '', home: f[5] ?? '' });
  }
  return out;
}

/** Creates a system user with its own group, login shell /bin/sh, home not created. */
export async function addUser(name: string, home: string): Promise<UnixUser> {
  await run(tool('useradd'), [
    '--system',
    '--no-create-home',
    '--user-group',
    '--home-dir',
    home,
    '--shell',
    '/bin/sh',
    '--comment',
    `${GECOS_PREFIX}${process.pid}`,
    '--',
    name,
  ]);
  const entry = passwdEntries().find((e) => e.name === name);
  if (entry === undefined) throw new Error(`lab: user ${name} missing after useradd`);
  return { name, uid: entry.uid, gid: entry.gid, home };
}

/** Sets passwords with chpasswd (one call; values travel on stdin, never on a command line). */
export async function setPasswords(pairs: ReadonlyArray<readonly [string, string]>): Promise<void> {
  for (const [user, password] of pairs) {
    if (/[:\n\r]/.test(user) || /[\n\r]/.test(password)) throw new Error('lab: bad user or password');
  }
  const input = pairs.map(([u, p]) => `${u}:${p}\n`).join('');
  await run(tool('chpasswd'), [], { input });
}

export function userExists(name: string): boolean {
  return passwdEntries().some((e) => e.name === name);
}

function groupExists(name: string): boolean {
  try {
    return readFileSync('/etc/group', 'utf8')
      .split('\n')
      .some((l) => l.split(':')[0] === name);
  } catch {
    return false;
  }
}

/** Deletes a lab user and its group. Sync, never throws (teardown). */
export function deleteUserSync(name: string): void {
  if (userExists(name)) runSync(tool('userdel'), ['--force', '--', name]);
  if (groupExists(name)) runSync(tool('groupdel'), ['--', name]);
}

/** Lab users of this machine (by GECOS marker), with the pid that created them. */
export function labUsers(): Array<{ name: string; pid: number }> {
  return passwdEntries()
    .filter((e) => e.gecos.startsWith(GECOS_PREFIX))
    .map((e) => ({ name: e.name, pid: Number(e.gecos.slice(GECOS_PREFIX.length)) }));
}

/** Removes lab users whose creating process is gone. */
export function removeStaleUsers(): string[] {
  const removed: string[] = [];
  for (const u of labUsers()) {
    if (Number.isInteger(u.pid) && isAlive(u.pid)) continue;
    deleteUserSync(u.name);
    removed.push(u.name);
  }
  return removed;
}
