// bin/jumpctl.js keeps V8's code cache for the bundle on Node 20 (Node >= 22.1 has its own).
// A cached run must behave exactly as an uncached one, import() of the ES-only packages must
// still work from cached code, and a damaged or outdated cache must be replaced, not trusted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ROOT, runCli, tempHome } from '../helpers/run-cli.js';

const nodeCaches = 'enableCompileCache' in (await import('node:module')).default;
const skip = nodeCaches ? 'this Node caches compiled code itself (module.enableCompileCache)' : false;

// `Match exec` runs a command while resolving, from cached code. (The first test's third run
// loads execa, an ES module, with import() from cached code.)
const CONFIG = 'Match exec "exit 0"\n  User viaexec\nHost web\n  HostName web.example\n';

/** The entries of the installed copy whose dist/ is `dist`. */
function codeDir(home: string, dist = join(ROOT, 'dist')): string {
  const root = join(home, '.cache', 'jumpctl');
  const dirs = readdirSync(root).filter((d) => d.startsWith('code-'));
  assert.deepEqual(dirs, [`code-${process.version}`]);
  const st = statSync(dist);
  return join(root, dirs[0] as string, `${st.dev}-${st.ino}`);
}

test('a run from the code cache gives what the run that made it gave', { skip }, () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const first = runCli(['show', 'web', '--json'], home);
  assert.equal(first.code, 0, first.stderr);
  const made = readdirSync(codeDir(home));
  assert.ok(
    made.some((f) => f.startsWith('main.cjs-')),
    `cache entries: ${made.join(' ')}`,
  );
  const second = runCli(['show', 'web', '--json'], home);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(second.json(), first.json());
  assert.equal((second.json() as { options: { user: string } }).options.user, 'viaexec');
  assert.deepEqual(readdirSync(codeDir(home)), made, 'nothing rewritten when the cache was used');
  // Another ssh first on PATH: jumpctl asks it for its version and defaults through execa, an
  // ES module, with import() from cached code.
  const third = runCli(['show', 'web', '--json'], home, {
    PATH: `${join(ROOT, 'fixtures', 'bin')}:${process.env.PATH ?? ''}`,
  });
  assert.equal(third.code, 0, third.stderr);
  assert.deepEqual(third.json(), first.json());
  assert.match(readFileSync(join(home, '.cache', 'jumpctl', 'client.json'), 'utf8'), /fixtures\/bin\/ssh/);
});

test('a damaged cache entry is rejected and made again', { skip }, () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const first = runCli(['show', 'web', '--json'], home);
  const dir = codeDir(home);
  for (const f of readdirSync(dir)) writeFileSync(join(dir, f), 'not V8 code cache data');
  const second = runCli(['show', 'web', '--json'], home);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(second.json(), first.json());
  const third = runCli(['--version'], home);
  assert.equal(third.code, 0, third.stderr);
});

test('entries of another build or Node version are removed when the cache is written', { skip }, () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  runCli(['--version'], home);
  const dir = codeDir(home);
  writeFileSync(join(dir, 'main.cjs-1-2-3'), 'old build');
  // Another installed copy's directory: kept while in use, removed after a month unused.
  const recent = join(dir, '..', '1-2');
  const stale = join(dir, '..', '3-4');
  for (const d of [recent, stale]) mkdirSync(d);
  const longAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000);
  utimesSync(stale, longAgo, longAgo);
  const old = join(home, '.cache', 'jumpctl', 'code-v0.0.0');
  mkdirSync(old);
  writeFileSync(join(home, '.cache', 'jumpctl', 'stray'), 'not ours to remove');
  runCli(['show', 'web'], home); // loads chunks not cached yet, so the cache is written
  assert.ok(!readdirSync(dir).includes('main.cjs-1-2-3'));
  assert.deepEqual(readdirSync(join(dir, '..')).sort(), ['1-2', basename(dir)].sort());
  assert.ok(readdirSync(join(home, '.cache', 'jumpctl')).includes('stray'));
  assert.ok(!readdirSync(join(home, '.cache', 'jumpctl')).includes('code-v0.0.0'));
});

test('two installed copies of jumpctl keep their own entries', { skip }, () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const copy = mkdtempSync(join(tmpdir(), 'jumpctl-copy-'));
  cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const env = { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
  const runCopy = () =>
    spawnSync(process.execPath, [join(copy, 'bin', 'jumpctl.js'), 'show', 'web'], { env });
  assert.equal(runCli(['show', 'web'], home).code, 0);
  assert.equal(runCopy().status, 0);
  const mine = readdirSync(codeDir(home));
  const theirs = readdirSync(codeDir(home, join(copy, 'dist')));
  assert.ok(mine.length > 0 && theirs.length > 0);
  const times = (dir: string) => readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs);
  const before = [times(codeDir(home)), times(codeDir(home, join(copy, 'dist')))];
  assert.equal(runCli(['show', 'web'], home).code, 0);
  assert.equal(runCopy().status, 0);
  assert.deepEqual(readdirSync(codeDir(home)), mine);
  assert.deepEqual(
    [times(codeDir(home)), times(codeDir(home, join(copy, 'dist')))],
    before,
    'neither copy rewrote its entries after the other ran',
  );
});
