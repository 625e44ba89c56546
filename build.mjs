// `npm run build`: type-check with tsc, then bundle src/ into dist/ with esbuild.
//
// One ES module bundle: dist/main.js and the chunks esbuild splits off, so that every
// `await import()` of a command stays lazy (what loads at start-up is checked by
// test/unit/lazy-imports.test.ts). inquirer and diff stay real imports of the installed
// packages; commander and chalk are bundled. docs/decisions.md says why there is nothing more
// to start-up than this.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

// Which build this is: jumpctl's saved outlines (src/io/verdict-cache.ts) never use what another
// build's parser concluded. The sources, the locked dependencies and this script make the build.
const sources = readdirSync('src', { recursive: true })
  .filter((f) => f.endsWith('.ts'))
  .sort()
  .map((f) => join('src', f));
const buildId = createHash('sha256');
for (const f of [...sources, 'package-lock.json', 'build.mjs'])
  buildId.update(`${f}\0`).update(readFileSync(f));

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

rmSync('dist', { recursive: true, force: true });
await build({
  // compile-cache.js is bin/jumpctl.js's: it names the checked directory for Node's compile cache.
  entryPoints: ['src/main.ts', 'src/compile-cache.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['@inquirer/*', 'diff'],
  // Bundled CommonJS (commander) calls require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __jumpctlRequire } from 'node:module'; const require = __jumpctlRequire(import.meta.url);",
  },
  define: {
    JUMPCTL_VERSION: JSON.stringify(version),
    JUMPCTL_BUILD: JSON.stringify(buildId.digest('hex').slice(0, 16)),
  },
  logLevel: 'warning',
});
