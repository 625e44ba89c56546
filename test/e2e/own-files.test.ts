// jumpctl's own files (caches, state, settings) as a hostile local user would attack them: a
// cache directory someone else owns or can write, a symlink or FIFO where jumpctl reads or writes,
// symlinks planted at the names of temp files, saved outlines of another build. Nothing planted
// may be read, followed, or make jumpctl hang; a cache that fails a check is simply not used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { CLI, cliEnv, runCli, tempHome } from '../helpers/run-cli.js';
import { audit, CONFIG as CONNECT_CONFIG, connect } from '../helpers/connect.js';
import { fake } from '../helpers/fake-ssh.js';

const CONFIG = 'Host a\n  HostName a.example\n  User alice\nHost *\n  User fallback\n';
const notRoot = process.getuid?.() !== 0 && 'needs root to give a directory to another user (uid 65534)';

/** A home whose config is older than two seconds, so that its saved outline is kept. */
function home(files: Record<string, string> = { '.ssh/config': CONFIG }): string {
  const h = tempHome(files);
  for (const f of Object.keys(files)) settle(join(h, f));
  return h;
}

function settle(path: string): void {
  const hourAgo = new Date(Date.now() - 3600_000);
  utimesSync(path, hourAgo, hourAgo);
}

const cacheDir = (h: string): string => join(h, '.cache', 'jumpctl');
const stateDir = (h: string): string => join(h, '.state', 'jumpctl');

/** `show host --json`, failing the test if jumpctl fails or hangs. */
function show(h: string, host: string, env: Record<string, string> = {}): Record<string, string> {
  const r = spawnSync(process.execPath, [CLI, 'show', host, '--json'], {
    encoding: 'utf8',
    env: cliEnv(h, env),
    timeout: 20_000,
    killSignal: 'SIGKILL',
  });
  assert.equal(r.signal, null, `jumpctl show ${host} hung`);
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { options: Record<string, string> }).options;
}

/**
 * What a directory holds, to the inode: a file read and rewritten, or created, shows. Of a
 * directory (Node's compile cache on Node >= 22.1) only that it is there: Node writes in it.
 */
function snapshot(dir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    out[name] = st.isDirectory()
      ? { ino: st.ino, mode: st.mode }
      : {
          ino: st.ino,
          mtime: st.mtimeMs,
          mode: st.mode,
          body: st.isFile() ? readFileSync(p, 'utf8') : st.isSymbolicLink() ? readlinkSync(p) : '',
        };
  }
  return out;
}

/**
 * Saved client facts and outlines, written by jumpctl itself for this home, then altered so that
 * using them gives another answer for host `a`: the outline no longer names `a` (its user
 * becomes `fallback`), and ssh's default AddressFamily becomes inet6.
 */
function tamperedCaches(h: string, change: (verdicts: Record<string, unknown>) => void = () => {}): void {
  show(h, 'a');
  const verdictsFile = join(cacheDir(h), 'verdicts.json');
  const verdicts = JSON.parse(
    readFileSync(verdictsFile, 'utf8').replaceAll('\\na\\n', '\\nzzz\\n'),
  ) as Record<string, unknown>;
  change(verdicts);
  writeFileSync(verdictsFile, JSON.stringify(verdicts), { mode: 0o600 });
  const clientFile = join(cacheDir(h), 'client.json');
  writeFileSync(
    clientFile,
    readFileSync(clientFile, 'utf8').replace('["addressfamily","any"]', '["addressfamily","inet6"]'),
    { mode: 0o600 },
  );
}

/** Pids the next few processes are likely to get, for names built from a pid. */
function nextPids(count: number): number[] {
  const last = spawnSync('true').pid ?? 1;
  const max = existsSync('/proc/sys/kernel/pid_max')
    ? Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'))
    : 32768;
  return Array.from({ length: count }, (_, i) => ((last + i) % max) + 1);
}

test('the premise: the tampered caches, when used, change the answer', () => {
  const h = home();
  tamperedCaches(h);
  const got = show(h, 'a');
  assert.equal(got.user, 'fallback');
  assert.equal(got.addressfamily, 'inet6');
});

for (const [what, setUp, skip] of [
  ['owned by another user', (dir: string) => spawnSync('chown', ['65534:65534', dir]), notRoot],
  ['writable by its group', (dir: string) => chmodSync(dir, 0o770), false],
  ['writable by others', (dir: string) => chmodSync(dir, 0o777), false],
] as const) {
  test(`a cache directory ${what}: nothing in it is read or written`, { skip }, () => {
    const h = home();
    tamperedCaches(h);
    setUp(cacheDir(h));
    const before = snapshot(cacheDir(h));
    const r = runCli(['show', 'a', '--json'], h, { JUMPCTL_DEBUG: 'cache' });
    assert.equal(r.code, 0, r.stderr);
    const got = (r.json() as { options: Record<string, string> }).options;
    assert.equal(got.user, 'alice');
    assert.equal(got.addressfamily, 'any');
    assert.deepEqual(snapshot(cacheDir(h)), before);
    assert.match(r.stderr, /jumpctl: cache: not used: .*jumpctl (belongs to another user|can be written)/);
  });
}

test('compileCacheDir(): only jumpctl’s private cache directory, never a planted one', async () => {
  const { compileCacheDir } = (await import('../../src/compile-cache.js')) as {
    compileCacheDir: () => string | undefined;
  };
  const withCache = (base: string, off = false): string | undefined => {
    const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, JUMPCTL_CACHE: process.env.JUMPCTL_CACHE };
    process.env.XDG_CACHE_HOME = base;
    if (off) process.env.JUMPCTL_CACHE = 'off';
    else delete process.env.JUMPCTL_CACHE;
    try {
      return compileCacheDir();
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  };
  const h = tempHome();
  const fresh = join(h, 'fresh');
  assert.equal(withCache(fresh), join(fresh, 'jumpctl', 'compile'));
  assert.equal(lstatSync(join(fresh, 'jumpctl', 'compile')).mode & 0o777, 0o700);
  assert.equal(withCache(fresh, true), undefined);

  for (const mode of [0o770, 0o777, 0o757]) {
    const base = join(h, `mode-${mode.toString(8)}`);
    mkdirSync(join(base, 'jumpctl', 'compile'), { recursive: true });
    chmodSync(join(base, 'jumpctl'), mode);
    assert.equal(withCache(base), undefined, mode.toString(8));
  }
  const writableCompile = join(h, 'compile-writable');
  mkdirSync(join(writableCompile, 'jumpctl', 'compile'), { recursive: true, mode: 0o700 });
  chmodSync(join(writableCompile, 'jumpctl', 'compile'), 0o777);
  assert.equal(withCache(writableCompile), undefined);

  const linked = join(h, 'linked');
  mkdirSync(join(h, 'elsewhere'), { mode: 0o700 });
  mkdirSync(linked, { mode: 0o700 });
  symlinkSync(join(h, 'elsewhere'), join(linked, 'jumpctl'));
  assert.equal(withCache(linked), undefined);

  const fifo = join(h, 'fifo');
  mkdirSync(join(fifo, 'jumpctl'), { recursive: true, mode: 0o700 });
  assert.equal(spawnSync('mkfifo', [join(fifo, 'jumpctl', 'compile')]).status, 0);
  assert.equal(withCache(fifo), undefined);

  if (!notRoot) {
    const foreign = join(h, 'foreign');
    mkdirSync(join(foreign, 'jumpctl'), { recursive: true, mode: 0o700 });
    spawnSync('chown', ['-R', '65534:65534', join(foreign, 'jumpctl')]);
    assert.equal(withCache(foreign), undefined);
  }
});

test('FIFOs at the cache files, the compile cache and the temp names do not hang jumpctl', () => {
  const h = home();
  const dir = cacheDir(h);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fifos = ['verdicts.json', 'client.json', 'compile'];
  for (const pid of nextPids(400)) fifos.push(`verdicts.json.${pid}.tmp`, `client.json.${pid}.tmp`);
  assert.equal(
    spawnSync(
      'mkfifo',
      fifos.map((f) => join(dir, f)),
    ).status,
    0,
  );
  const version = spawnSync(process.execPath, [CLI, '--version'], {
    encoding: 'utf8',
    env: cliEnv(h),
    timeout: 20_000,
    killSignal: 'SIGKILL',
  });
  assert.equal(version.signal, null, 'jumpctl --version hung');
  assert.equal(version.status, 0, version.stderr);
  for (let i = 0; i < 2; i++) assert.equal(show(h, 'a').user, 'alice');
});

test('a FIFO at the audit log does not hang connect; the line is said not written', () => {
  const h = home({ '.ssh/config': CONNECT_CONFIG });
  mkdirSync(stateDir(h), { recursive: true, mode: 0o700 });
  assert.equal(spawnSync('mkfifo', [join(stateDir(h), 'audit.jsonl')]).status, 0);
  const r = spawnSync(process.execPath, [CLI, 'connect', 'db', '--', 'true'], {
    encoding: 'utf8',
    env: cliEnv(h, fake(h)),
    timeout: 20_000,
    killSignal: 'SIGKILL',
  });
  assert.equal(r.signal, null, 'connect hung');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /not in the audit log: .*audit\.jsonl is not a regular file/);
});

test('a symlinked audit log is not followed: the other file is unchanged, and that is said', () => {
  const h = home({ '.ssh/config': CONNECT_CONFIG, 'precious.log': 'keep me\n' });
  mkdirSync(stateDir(h), { recursive: true, mode: 0o700 });
  symlinkSync(join(h, 'precious.log'), join(stateDir(h), 'audit.jsonl'));
  const r = connect(h, ['db', '--', 'true']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /jumpctl: this connection is not in the audit log: .*audit\.jsonl is a symbolic link/,
  );
  assert.equal(readFileSync(join(h, 'precious.log'), 'utf8'), 'keep me\n');
  // A dangling link is not followed either (it would create its target).
  rmSync(join(h, 'precious.log'));
  assert.match(connect(h, ['db', '--', 'true']).stderr, /not in the audit log/);
  assert.equal(existsSync(join(h, 'precious.log')), false);
});

test('symlinks planted at temp-file names next to recent.json and the caches are never followed', () => {
  const h = home({ '.ssh/config': CONNECT_CONFIG, 'victim/a': 'A\n', 'victim/b': 'B\n' });
  for (const d of [stateDir(h), cacheDir(h)]) mkdirSync(d, { recursive: true, mode: 0o700 });
  // For many pids, as the temp names once were; and names of any other shape.
  const names = (file: string) => [
    ...nextPids(1500).map((pid) => `${file}.${pid}.tmp`),
    `${file}.tmp`,
    `${file}.0.tmp`,
  ];
  for (const n of names('recent.json')) symlinkSync(join(h, 'victim/a'), join(stateDir(h), n));
  for (const n of [...names('verdicts.json'), ...names('client.json')])
    symlinkSync(join(h, 'victim/b'), join(cacheDir(h), n));
  const r = connect(h, ['db', '--', 'true']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(h, 'victim/a'), 'utf8'), 'A\n');
  assert.equal(readFileSync(join(h, 'victim/b'), 'utf8'), 'B\n');
  // The files were written, as files of jumpctl's own.
  assert.deepEqual(JSON.parse(readFileSync(join(stateDir(h), 'recent.json'), 'utf8')), ['db']);
  for (const f of [join(stateDir(h), 'recent.json'), join(cacheDir(h), 'client.json')])
    assert.equal(lstatSync(f).isFile(), true, f);
});

test('a symlink at recent.json or a cache file is neither read nor written through', () => {
  const h = home({ '.ssh/config': CONNECT_CONFIG, 'victim/a': '["x"]', 'victim/b': '{}' });
  for (const d of [stateDir(h), cacheDir(h)]) mkdirSync(d, { recursive: true, mode: 0o700 });
  symlinkSync(join(h, 'victim/a'), join(stateDir(h), 'recent.json'));
  symlinkSync(join(h, 'victim/b'), join(cacheDir(h), 'client.json'));
  assert.equal(connect(h, ['db', '--', 'true']).code, 0);
  assert.equal(readFileSync(join(h, 'victim/a'), 'utf8'), '["x"]');
  assert.equal(readFileSync(join(h, 'victim/b'), 'utf8'), '{}');
  assert.deepEqual(JSON.parse(readFileSync(join(stateDir(h), 'recent.json'), 'utf8')), ['db']);
});

test('a state directory others can write is an error naming it and the fix; ssh’s exit code stays', () => {
  const h = home({ '.ssh/config': CONNECT_CONFIG });
  mkdirSync(stateDir(h), { recursive: true, mode: 0o700 });
  chmodSync(stateDir(h), 0o777);
  const r = connect(h, ['db', '--', 'true'], { JUMPCTL_FAKE_SSH_EXIT: '3', JUMPCTL_DEBUG: 'files' });
  assert.equal(r.code, 3, r.stderr);
  assert.match(
    r.stderr,
    new RegExp(`not in the audit log: .*can be written by others .*chmod 700 ${stateDir(h)}`),
  );
  // The recent list is only a convenience: said under JUMPCTL_DEBUG=files, and not kept.
  assert.match(r.stderr, /jumpctl: files: recent hosts not kept: .*can be written by others/);
  assert.deepEqual(readdirSync(stateDir(h)), []);
});

test(
  'a state directory of another user is an error naming it; nothing is written there',
  { skip: notRoot },
  () => {
    const h = home({ '.ssh/config': CONNECT_CONFIG });
    mkdirSync(stateDir(h), { recursive: true, mode: 0o700 });
    spawnSync('chown', ['65534:65534', stateDir(h)]);
    const r = connect(h, ['db', '--', 'true']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /not in the audit log: .*jumpctl belongs to another user/);
    assert.deepEqual(readdirSync(stateDir(h)), []);
  },
);

test('a settings file others can write is not used, and that is said', () => {
  const h = home({ '.ssh/config': CONNECT_CONFIG, 'config/jumpctl/config.json': '{"audit": false}' });
  const settings = join(h, 'config/jumpctl/config.json');
  const env = { XDG_CONFIG_HOME: join(h, 'config') };
  // The user's own: the audit is off, as it asks.
  assert.equal(connect(h, ['db', '--', 'true'], env).code, 0);
  assert.equal(audit(h).length, 0);
  chmodSync(settings, 0o666);
  const r = connect(h, ['db', '--', 'true'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /jumpctl: settings not used: .*config\.json can be written by others/);
  assert.equal(audit(h).length, 1);
  // The same for a settings directory others can write, whatever the file's mode.
  chmodSync(settings, 0o600);
  chmodSync(join(h, 'config/jumpctl'), 0o777);
  const again = connect(h, ['db', '--', 'true'], env);
  assert.match(again.stderr, /jumpctl: settings not used: .*jumpctl can be written by others/);
  assert.equal(audit(h).length, 2);
});

test('saved outlines written by another build are not used', () => {
  const h = home();
  tamperedCaches(h, (v) => {
    v.build = 'another-build';
  });
  assert.equal(show(h, 'a').user, 'alice');
});

test('JUMPCTL_CACHE=off: no cache file is read or written', () => {
  const fresh = home();
  for (const args of [['--version'], ['show', 'a'], ['list']])
    assert.equal(runCli(args, fresh, { JUMPCTL_CACHE: 'off' }).code, 0);
  assert.equal(existsSync(cacheDir(fresh)), false);

  const h = home();
  tamperedCaches(h);
  const before = snapshot(cacheDir(h));
  const got = show(h, 'a', { JUMPCTL_CACHE: 'off' });
  assert.equal(got.user, 'alice');
  assert.equal(got.addressfamily, 'any');
  assert.deepEqual(snapshot(cacheDir(h)), before);
});

interface Saved {
  entries: Record<string, { id: string; used: number }>;
}

test('saved outlines: entries of files gone or unused for 30 days are pruned; times kept to the day', () => {
  const h = home({ '.ssh/config': CONFIG, 'old.conf': 'Host o\n', 'recent.conf': 'Host r\n' });
  const config = join(h, '.ssh/config');
  const file = join(cacheDir(h), 'verdicts.json');
  const read = () => JSON.parse(readFileSync(file, 'utf8')) as Saved;
  const write = (v: Saved) => writeFileSync(file, JSON.stringify(v), { mode: 0o600 });
  const day = 24 * 3600_000;
  show(h, 'a');
  const saved = read();
  const mine = saved.entries[config];
  assert.ok(mine, 'the config’s outline was saved');
  // A run that only reads the saved outlines does not write them again.
  const before = snapshot(cacheDir(h));
  show(h, 'a');
  assert.deepEqual(snapshot(cacheDir(h)), before);

  saved.entries[join(h, 'gone.conf')] = { ...mine, used: Date.now() };
  saved.entries[join(h, 'old.conf')] = { ...mine, used: Date.now() - 31 * day };
  saved.entries[join(h, 'recent.conf')] = { ...mine, used: Date.now() - 29 * day };
  write(saved);
  // An edit makes the next run save a new outline, and prune.
  writeFileSync(config, `${CONFIG}Host b\n`, { mode: 0o600 });
  settle(config);
  show(h, 'a');
  const kept = Object.keys(read().entries);
  assert.ok(kept.includes(config));
  assert.ok(kept.includes(join(h, 'recent.conf')), 'used 29 days ago: kept');
  assert.ok(!kept.includes(join(h, 'old.conf')), 'unused for 31 days: pruned');
  assert.ok(!kept.includes(join(h, 'gone.conf')), 'a file that no longer exists: pruned');

  // An entry last used two days ago gets today's time (once).
  const aged = read();
  aged.entries[config]!.used = Date.now() - 2 * day;
  write(aged);
  const start = Date.now();
  show(h, 'a');
  assert.ok(read().entries[config]!.used >= start);
});
