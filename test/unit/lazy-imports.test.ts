// What the built CLI really loads at start-up. `--help` and `--version` must load no command
// module and no config engine, and neither inquirer nor chalk; `connect` (run all day) must
// not load inquirer or chalk either, unless the picker is shown. Each run records what Node
// loaded: the modules require() loaded (bin/jumpctl.js requires the ES module bundle), every
// module the ES loader loaded (a loader hook: the lazily imported chunks), and, since an ES
// module's static imports always load with it, their static imports. The source map of every
// loaded chunk tells what was bundled into it (chalk and commander are bundled).
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
    const record = join(dir, 'record.cjs');
    writeFileSync(
      record,
      `require('node:module').register(${JSON.stringify(pathToFileURL(hooks).href)});
process.on('exit', () => require('node:fs').appendFileSync(${JSON.stringify(out)},
  Object.keys(require.cache).map((f) => require('node:url').pathToFileURL(f).href + '\\n').join('')));\n`,
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
    const r = spawnSync(process.execPath, ['-r', record, bin, ...args], {
      cwd: root,
      encoding: 'utf8',
      env,
    });
    assert.equal(r.status, 0, `jumpctl ${args.join(' ')}: ${r.stderr}`);
    const files = withStaticImports(
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((u) => fileURLToPath(u))
        .filter((f) => f !== record),
    );
    const sources = files
      .filter((f) => f.startsWith(dist))
      .flatMap((f) => (JSON.parse(readFileSync(`${f}.map`, 'utf8')) as { sources: string[] }).sources);
    return { files, sources };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The files and every chunk they import statically (`import … from "./x.js"`, not `import()`). */
function withStaticImports(files: string[]): string[] {
  const seen = new Set(files);
  const todo = files.filter((f) => f.startsWith(dist));
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    for (const [, rel] of readFileSync(f, 'utf8').matchAll(
      /(?:^|[;}\s])(?:import|export)\b[^;()]*?from\s*"(\.\/[^"]+)"/g,
    )) {
      const dep = join(dist, rel as string);
      if (!seen.has(dep)) {
        seen.add(dep);
        todo.push(dep);
      }
    }
  }
  return [...seen];
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
