// What the built CLI really loads at start-up. `--help` and `--version` must load no command
// module (only the error types the entry maps to exit codes) and none of inquirer, execa or chalk; `connect` (run all day) must not load inquirer,
// execa or chalk either, unless the picker is shown. Each run records, at exit, the files
// require() loaded and whether any ES module was loaded (execa and inquirer are ES modules only,
// so that is how they would show); the source map of every loaded chunk tells what was bundled
// into it (chalk and commander are bundled).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'jumpctl.js');
const dist = join(root, 'dist');

interface Loaded {
  files: string[];
  esModules: boolean;
  /** Every source file bundled into the loaded dist chunks. */
  sources: string[];
}

function loadedBy(args: string[], extraEnv: Record<string, string> = {}): Loaded {
  const dir = mkdtempSync(join(tmpdir(), 'jumpctl-lazy-'));
  try {
    const record = join(dir, 'record.cjs');
    const out = join(dir, 'loaded.json');
    writeFileSync(
      record,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({
        files: Object.keys(require.cache),
        esModules: process.moduleLoadList.includes('NativeModule internal/modules/esm/module_job'),
      })));\n`,
    );
    const env = {
      ...process.env,
      HOME: dir,
      XDG_CACHE_HOME: join(dir, 'cache'),
      XDG_STATE_HOME: join(dir, 'state'),
      ...extraEnv,
    };
    // The first run fills jumpctl's cache of what the ssh client is (it asks ssh -V through
    // execa), and connect's memo; the everyday run, recorded, is the second.
    const warm = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env });
    assert.equal(warm.status, 0, `jumpctl ${args.join(' ')}: ${warm.stderr}`);
    const r = spawnSync(process.execPath, ['-r', record, bin, ...args], { cwd: root, encoding: 'utf8', env });
    assert.equal(r.status, 0, `jumpctl ${args.join(' ')}: ${r.stderr}`);
    const got = JSON.parse(readFileSync(out, 'utf8')) as { files: string[]; esModules: boolean };
    const files = got.files.filter((f) => f !== record);
    const sources = files
      .filter((f) => f.startsWith(dist))
      .flatMap((f) => (JSON.parse(readFileSync(`${f}.map`, 'utf8')) as { sources: string[] }).sources);
    return { files, esModules: got.esModules, sources };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const demo = ['-F', join(root, 'fixtures', 'demo', 'config')];
const skip = existsSync(join(dist, 'main.cjs')) ? false : 'dist/ not built (npm run build)';

for (const args of [['--help'], ['--version'], [...demo, 'connect', '--dry-run', 'db']]) {
  test(
    `jumpctl ${args.filter((a) => !a.includes('/')).join(' ')} loads no inquirer, execa or chalk`,
    { skip },
    () => {
      const l = loadedBy(args);
      assert.ok(
        l.files.some((f) => f.endsWith('main.cjs')),
        'the recorder saw the entry',
      );
      assert.equal(l.esModules, false, 'an ES module was loaded (execa and inquirer are ES modules only)');
      assert.deepEqual(
        l.files.filter((f) => f.includes('node_modules')),
        [],
        'nothing is loaded from node_modules (commander is bundled)',
      );
      assert.deepEqual(
        l.sources.filter((s) => /node_modules\/(chalk|execa|@inquirer)\//.test(s)),
        [],
        'no chunk with chalk, execa or inquirer in it is loaded',
      );
      if (args[0]?.startsWith('--')) {
        assert.deepEqual(
          l.sources.filter(
            (s) =>
              s.includes('src/commands/') || (s.includes('src/core/') && !s.endsWith('src/core/errors.ts')),
          ),
          [],
          'help and version load no command and no config engine',
        );
      } else {
        assert.ok(
          l.sources.some((s) => s.endsWith('src/commands/connect.ts')),
          'connect itself was loaded',
        );
        assert.deepEqual(
          l.sources.filter((s) => s.includes('src/ui/')),
          [],
          'connect without the picker loads no ui module',
        );
      }
    },
  );
}

test('a connect its memo holds loads fast-connect.cjs alone: no parser, no config engine', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'jumpctl-fake-'));
  try {
    const l = loadedBy([...demo, 'connect', 'db', '--', 'true'], {
      PATH: `${join(root, 'fixtures', 'bin')}:${process.env.PATH ?? ''}`,
      JUMPCTL_FAKE_SSH_LOG: join(dir, 'ssh.log'),
    });
    assert.deepEqual(
      l.files.filter((f) => f.startsWith(root)),
      [bin, join(dist, 'fast-connect.cjs')],
    );
    assert.equal(l.esModules, false);
    assert.deepEqual(
      l.sources.filter((s) => s.includes('src/core/') || s.includes('node_modules')),
      [],
      'no config engine and no package is bundled into the fast path',
    );
    assert.equal(
      readFileSync(join(dir, 'ssh.log'), 'utf8').trim().split('\n').length,
      2,
      'ssh ran both times',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
