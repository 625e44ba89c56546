// `--help` and `--version` must not load inquirer, execa or chalk: follow the static imports of
// the built entry (the bundle and its shared chunks) and check that none of them reaches those
// packages. build.mjs keeps them outside the bundle, so a static import of one would show here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const dist = join(import.meta.dirname, '..', '..', 'dist');

function staticImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/^\s*import\s+(?:[^'"()]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] as string,
  );
}

test('the start-up import graph holds no inquirer, execa or chalk', (t) => {
  const entry = join(dist, 'main.js');
  if (!existsSync(entry)) return t.skip('dist/ not built (npm run build)');
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  assert.ok(seen.size >= 2);
  for (const p of packages)
    assert.ok(!/^(execa|chalk|@inquirer\/|inquirer)/.test(p), `start-up imports ${p}`);
  // commander is bundled in: nothing at start-up resolves a package from node_modules.
  assert.deepEqual(
    [...packages].filter((p) => !p.startsWith('node:')),
    [],
  );
});
