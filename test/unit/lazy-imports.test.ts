// What the built CLI really loads at start-up. `--help` and `--version` must load no command
// module and no config engine, and neither inquirer nor chalk; `connect` (run all day) must
// not load inquirer or chalk either, unless the picker is shown. Each run records, through
// a module loader hook, every module Node loads; the source map of every loaded chunk tells what
// was bundled into it (chalk and commander are bundled).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'jumpctl.js');
const dist = join(root, 'dist');

interface Loaded {
  /** Every file loaded as a module (file: URLs only). */
  files: string[];
  /** Every source file bundled into the loaded dist chunks. */
  sources: string[];
}

function loadedBy(args: string[]): Loaded {
  const dir = mkdtempSync(join(tmpdir(), 'jumpctl-lazy-'));
  try {
    const out = join(dir, 'loaded.txt');
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(out)}, url + '\\n');
  return next(url, context);
}\n`,
    );
    const register = join(dir, 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    const env = {
      ...process.env,
      HOME: dir,
      XDG_CACHE_HOME: join(dir, 'cache'),
      XDG_STATE_HOME: join(dir, 'state'),
      XDG_CONFIG_HOME: join(dir, 'config'),
    };
    // The first run fills jumpctl's cache of what the ssh client is (it asks ssh -V and
    // ssh -G); the everyday run, recorded, is the second.
    const warm = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env });
    assert.equal(warm.status, 0, `jumpctl ${args.join(' ')}: ${warm.stderr}`);
    const r = spawnSync(process.execPath, ['--import', register, bin, ...args], {
      cwd: root,
      encoding: 'utf8',
      env,
    });
    assert.equal(r.status, 0, `jumpctl ${args.join(' ')}: ${r.stderr}`);
    const files = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((u) => fileURLToPath(u));
    const sources = files
      .filter((f) => f.startsWith(dist))
      .flatMap((f) => (JSON.parse(readFileSync(`${f}.map`, 'utf8')) as { sources: string[] }).sources);
    return { files, sources };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const demo = ['-F', join(root, 'fixtures', 'demo', 'config')];
const skip = existsSync(join(dist, 'main.js')) ? false : 'dist/ not built (npm run build)';

for (const args of [['--help'], ['--version'], [...demo, 'connect', '--dry-run', 'db']]) {
  test(
    `jumpctl ${args.filter((a) => !a.includes('/')).join(' ')} loads no inquirer, execa or chalk`,
    { skip },
    () => {
      const l = loadedBy(args);
      assert.ok(
        l.files.some((f) => f === join(dist, 'main.js')),
        'the recorder saw the entry',
      );
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
          l.sources.some((s) => s.endsWith('src/commands/connect/connect.ts')),
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
