/**
 * What an edit and `undo` may trust, on the built CLI: manifests only from the user's own private
 * backups directory and only for files of this configuration; locks that cannot belong to a
 * running edit are recovered; a state directory that is full or read-only refuses the edit
 * before the config is touched; debris of killed runs is pruned. The tmpfs cases need root.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/run-cli.js';

const BASE = 'Host bastion\n    HostName bastion.example.com\n    User ops\n';
const ADD = ['add-host', 'web', '--hostname', 'web.internal', '--yes'];

const root = process.getuid?.() === 0;
const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const config = (home: string) => join(home, '.ssh', 'config');
const backupsDir = (home: string) => join(home, '.state', 'jumpctl', 'backups');
const errorCode = (r: ReturnType<typeof runCli>) => (r.json() as { error?: { code: string } }).error?.code;

/** Why tmpfs cannot be mounted here (not root, or not permitted), or undefined when it can. */
const noTmpfs = ((): string | undefined => {
  if (!root) return 'mounting a tmpfs needs root';
  const dir = mkdtempSync(join(tmpdir(), 'jumpctl-mnt-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { encoding: 'utf8' });
  spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
  return r.status === 0 ? undefined : `mount -t tmpfs is not permitted here: ${r.stderr.trim()}`;
})();

/** Runs `fn` with a fresh tmpfs of `size` mounted on `dir` (created 0700), unmounted after. */
function withTmpfs(dir: string, size: string, fn: () => void): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  assert.equal(m.status, 0, m.stderr);
  try {
    fn();
  } finally {
    spawnSync('umount', [dir]);
  }
}

/** Fills the file system of `dir` with one-page files; with `leave`, that many pages stay free. */
function fill(dir: string, leave = 0): void {
  const page = Buffer.alloc(4096, 120);
  const names: string[] = [];
  for (let i = 0; ; i++) {
    const name = join(dir, `filler-${i}`);
    try {
      writeFileSync(name, page);
      names.push(name);
    } catch (e) {
      assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
      rmSync(name, { force: true });
      break;
    }
  }
  for (const name of names.slice(0, leave)) rmSync(name);
}

test('a planted manifest for a file the configuration does not read is refused, also with --force', () => {
  const home = tempHome({ '.ssh/config': BASE });
  const victim = join(home, 'victim.txt');
  writeFileSync(victim, 'the victim’s own text\n', { mode: 0o644 });
  const change = join(backupsDir(home), '2030-01-01T00-00-00-000Z-4242');
  mkdirSync(change, { recursive: true, mode: 0o700 });
  writeFileSync(join(change, '0.before'), 'planted\n', { mode: 0o600 });
  const manifest = {
    id: '2030-01-01T00-00-00-000Z-4242',
    time: '2030-01-01T00:00:00.000Z',
    command: 'add-host web',
    files: [
      {
        path: victim,
        backup: join(change, '0.before'),
        beforeSha256: sha256('planted\n'),
        afterSha256: sha256(readFileSync(victim)),
      },
    ],
  };
  writeFileSync(join(change, 'manifest.json'), JSON.stringify(manifest), { mode: 0o600 });
  for (const args of [['undo'], ['undo', '--force']]) {
    const r = runCli(['--json', ...args], home);
    assert.notEqual(r.code, 0, r.stdout);
    assert.equal(errorCode(r), 'E_NOTHING_TO_UNDO');
    assert.equal(readFileSync(victim, 'utf8'), 'the victim’s own text\n');
  }
  const listed = runCli(['--json', 'backups'], home).json() as { changes: unknown[] };
  assert.deepEqual(listed.changes, [], 'backups does not list it either');
  assert.equal(readFileSync(config(home), 'utf8'), BASE);
});

test('a backups directory that is group-writable, or someone else’s, is not used', () => {
  const home = tempHome({ '.ssh/config': BASE });
  assert.equal(runCli(ADD, home).code, 0);
  const edited = readFileSync(config(home), 'utf8');
  const refused = (why: string) => {
    for (const cmd of ['undo', 'backups']) {
      const r = runCli(['--json', cmd], home);
      assert.equal(r.code, 1, `${why}, ${cmd}: ${r.stdout}${r.stderr}`);
      assert.equal(errorCode(r), 'E_STATE', `${why}, ${cmd}`);
      assert.match(r.stdout, new RegExp(backupsDir(home)));
    }
    assert.equal(readFileSync(config(home), 'utf8'), edited, why);
  };
  chmodSync(backupsDir(home), 0o770);
  refused('group-writable');
  chmodSync(backupsDir(home), 0o700);
  if (root) {
    chownSync(backupsDir(home), 65534, 65534);
    refused('owned by nobody');
    chownSync(backupsDir(home), 0, 0);
  }
  assert.equal(runCli(['undo'], home).code, 0, 'once private again, it is used');
  assert.equal(readFileSync(config(home), 'utf8'), BASE);
});

test('-F a.cfg undo and backups see only a.cfg’s changes, when the last change was to b.cfg', () => {
  const home = tempHome({ 'a.cfg': BASE, 'b.cfg': BASE });
  const [a, b] = [join(home, 'a.cfg'), join(home, 'b.cfg')];
  assert.equal(runCli(['-F', a, ...ADD], home).code, 0);
  const aEdited = readFileSync(a, 'utf8');
  assert.equal(runCli(['-F', b, 'add-host', 'db', '--hostname', 'db.internal', '--yes'], home).code, 0);
  const bEdited = readFileSync(b, 'utf8');
  const listed = runCli(['--json', '-F', a, 'backups'], home).json() as { changes: { files: string[] }[] };
  assert.deepEqual(
    listed.changes.map((c) => c.files),
    [[a]],
  );
  assert.notEqual(aEdited, BASE);
  const r = runCli(['-F', a, 'undo'], home);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(a, 'utf8'), BASE);
  assert.equal(readFileSync(b, 'utf8'), bEdited, 'b.cfg is untouched');
  assert.equal(errorCode(runCli(['--json', '-F', a, 'undo'], home)), 'E_NOTHING_TO_UNDO');
});

/** A lock planted beside ~/.ssh/config is recovered: the edit succeeds, with one notice line. */
function assertRecovers(home: string, why: RegExp, args = ADD): void {
  const r = runCli(args, home);
  assert.equal(r.code, 0, r.stderr);
  const notices = r.stderr.split('\n').filter((l) => l.length > 0);
  assert.equal(notices.length, 1, r.stderr);
  assert.match(notices[0] ?? '', /^jumpctl: removed the stale lock .*\.config\.jumpctl\.lock \(/);
  assert.match(notices[0] ?? '', why);
  assert.equal(readFileSync(config(home), 'utf8') !== BASE, args === ADD);
  assert.deepEqual(
    readdirSync(join(home, '.ssh')).filter((n) => n.includes('jumpctl')),
    [],
  );
}

const lockOf = (home: string) => join(home, '.ssh', '.config.jumpctl.lock');
const anHourAgo = () => new Date(Date.now() - 3600_000);

test('an empty lock file is recovered with one notice', () => {
  const home = tempHome({ '.ssh/config': BASE });
  writeFileSync(lockOf(home), '');
  assertRecovers(home, /empty or unreadable/);
});

test('a lock taken on another host name is recovered with one notice', () => {
  const home = tempHome({ '.ssh/config': BASE });
  writeFileSync(lockOf(home), JSON.stringify({ pid: 1, host: `not-${hostname()}`, nonce: 'abc' }));
  utimesSync(lockOf(home), anHourAgo(), anHourAgo());
  assertRecovers(home, /taken on host not-/);
});

test('a lock whose pid is now a process started after the lock was taken is recovered', async () => {
  const home = tempHome({ '.ssh/config': BASE });
  const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
  try {
    // As a jumpctl before this one wrote it (no start time): the lock's time tells.
    writeFileSync(lockOf(home), JSON.stringify({ pid: sleeper.pid, host: hostname(), nonce: 'abc' }));
    utimesSync(lockOf(home), anHourAgo(), anHourAgo());
    assertRecovers(home, new RegExp(`pid ${sleeper.pid} is now a process started after`));
    // As this jumpctl writes it: the start time it recorded is not the process's.
    writeFileSync(
      lockOf(home),
      JSON.stringify({ pid: sleeper.pid, host: hostname(), nonce: 'def', start: 1 }),
    );
    assertRecovers(home, /is now a process started after/, ['rm', 'web', '--yes']);
  } finally {
    sleeper.kill();
  }
});

test(
  'a lock that cannot be written (full file system) is a clear error and leaves no lock',
  {
    skip: noTmpfs,
  },
  () => {
    const home = tempHome();
    const dir = join(home, 'cfg');
    withTmpfs(dir, '64k', () => {
      const cfg = join(dir, 'a.cfg');
      writeFileSync(cfg, BASE);
      fill(dir);
      const r = runCli(['--json', '-F', cfg, ...ADD], home);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.equal(errorCode(r), 'E_LOCK');
      assert.match(r.stdout, /no space left/);
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
      assert.equal(readFileSync(cfg, 'utf8'), BASE);
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.includes('jumpctl')),
        [],
        'no lock and no temp file left',
      );
    });
  },
);

/** The edit is refused with E_STATE naming the state directory, the config byte-identical. */
function assertRefusedForState(home: string): void {
  const r = runCli(['--json', ...ADD], home);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.equal(errorCode(r), 'E_STATE', r.stdout);
  assert.match(r.stdout, new RegExp(join(home, '.state')));
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.equal(readFileSync(config(home), 'utf8'), BASE);
  assert.deepEqual(readdirSync(join(home, '.ssh')), ['config']);
}

test('a full state directory refuses the edit before the config is touched', { skip: noTmpfs }, () => {
  const home = tempHome({ '.ssh/config': BASE });
  const state = join(home, '.state');
  withTmpfs(state, '64k', () => {
    fill(state);
    assertRefusedForState(home);
  });
  // Room for the backup but not the manifest: the config was written before, the manifest after.
  withTmpfs(state, '64k', () => {
    mkdirSync(backupsDir(home), { recursive: true, mode: 0o700 });
    fill(state, 1);
    assertRefusedForState(home);
  });
});

test('a read-only state directory refuses the edit before the config is touched', { skip: noTmpfs }, () => {
  const home = tempHome({ '.ssh/config': BASE });
  const state = join(home, '.state');
  withTmpfs(state, '64k', () => {
    mkdirSync(backupsDir(home), { recursive: true, mode: 0o700 });
    const ro = spawnSync('mount', ['-o', 'remount,ro', state], { encoding: 'utf8' });
    assert.equal(ro.status, 0, ro.stderr);
    assertRefusedForState(home);
  });
});

test('pruning removes the change directories of killed runs', () => {
  const home = tempHome({ '.ssh/config': BASE });
  mkdirSync(backupsDir(home), { recursive: true, mode: 0o700 });
  for (let i = 0; i < 50; i++) {
    const dead = spawnSync('true').pid;
    const d = join(backupsDir(home), `2020-01-01T00-00-00-${String(i).padStart(3, '0')}Z-${dead}`);
    mkdirSync(d, { mode: 0o700 });
    // Half of them killed after the backup was written.
    if (i % 2) writeFileSync(join(d, '0.before'), BASE, { mode: 0o600 });
  }
  assert.equal(runCli(ADD, home).code, 0);
  assert.deepEqual(readdirSync(backupsDir(home)).length, 1, 'only the edit’s own change is left');
  const listed = runCli(['--json', 'backups'], home).json() as { changes: { command: string }[] };
  assert.deepEqual(
    listed.changes.map((c) => c.command),
    ['add-host web'],
  );
});

test('a change left pending by a killed run is not undone, and does not hide the one before', () => {
  const home = tempHome({ '.ssh/config': BASE });
  assert.equal(runCli(ADD, home).code, 0);
  const edited = readFileSync(config(home), 'utf8');
  // A run killed after its backup and manifest, before the config: its file holds the old bytes.
  const id = '2030-01-01T00-00-00-000Z-4242-abcdef';
  const d = join(backupsDir(home), id);
  mkdirSync(d, { mode: 0o700 });
  writeFileSync(join(d, '0.before'), edited, { mode: 0o600 });
  const files = [
    { path: config(home), backup: '0.before', beforeSha256: sha256(edited), afterSha256: sha256('x') },
  ];
  const fd = openSync(join(d, 'manifest.json'), 'w', 0o600);
  writeSync(
    fd,
    JSON.stringify({ id, time: new Date().toISOString(), command: 'rm web', files, pending: true }),
  );
  closeSync(fd);
  const r = runCli(['--json', 'undo'], home);
  assert.equal(r.code, 0, r.stdout);
  assert.equal((r.json() as { command: string }).command, 'add-host web');
  assert.equal(readFileSync(config(home), 'utf8'), BASE);
});
