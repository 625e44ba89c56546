// `npm run build`: type-check with tsc, then bundle src/ into dist/ with esbuild.
//
// Why a bundle: on Node 20 (no module compile cache) every module costs a resolve, a read and a
// compile, and jumpctl's everyday commands (`connect`, `show`) are mostly start-up. One entry
// file plus a few shared chunks loads in a fraction of the time of ~40 separate modules
// (`npm run bench` measures it). Code splitting keeps every `await import()` lazy; what loads at
// start-up is checked by test/unit/lazy-imports.test.ts.
//
// Why CommonJS: an ES module entry makes Node 20 start its ES module loader (about 5 ms: the
// loader's own modules, fs/promises, readline, a resolve and a compile per chunk) before any of
// jumpctl runs. esbuild splits code only for ES output, so the split ES chunks are converted to
// CommonJS one by one afterwards; a chunk's lazy `import("./x.cjs")` becomes a lazy require().
// The ES-only packages left outside the bundle (execa, inquirer) are loaded with a real import(),
// which CommonJS allows; a static import of one would fail the build (see esOnly below).
import { build, transform } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

// Which build this is: the connect memo (src/io/connect-memo.ts) never uses what another build's
// checks concluded. The sources, the locked dependencies and this script make the checks.
const sources = readdirSync('src', { recursive: true })
  .filter((f) => f.endsWith('.ts'))
  .sort()
  .map((f) => join('src', f));
const buildId = createHash('sha256');
for (const f of [...sources, 'package-lock.json', 'build.mjs'])
  buildId.update(`${f}\0`).update(readFileSync(f));
const define = {
  JUMPCTL_VERSION: JSON.stringify(version),
  JUMPCTL_BUILD: JSON.stringify(buildId.digest('hex').slice(0, 16)),
};

// commander loads node:child_process at start-up only for executable subcommands, which jumpctl
// does not use; loading it costs a few milliseconds on every run of `show`, `list`, `--version`.
// Here it is loaded on first use instead. If commander's source changes shape, the build fails
// rather than silently shipping an unpatched copy.
const lazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!src.includes(eager)) throw new Error(`commander changed: no "${eager}" in ${args.path}`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: src.replace(eager, lazy), loader: 'js' };
    });
  },
};

const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// chalk (small, no dependencies) is bundled into the lazily loaded theme chunk: as an external ES
// module it would start the ES module loader on every coloured run.
const external = ['@inquirer/*', 'execa', 'diff'];
const { outputFiles } = await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Inline here so that the conversion below carries the mapping through to src/.
  sourcemap: 'inline',
  // Lazily loaded by the commands that need them; kept as real imports.
  external,
  define,
  plugins: [lazyChildProcess],
  logLevel: 'warning',
  write: false,
});

// A package the CommonJS output may require() statically: one that resolves under the "require"
// condition to a CommonJS file. chalk, execa and inquirer are ES modules only.
const requireFromHere = createRequire(import.meta.url);
function esOnly(pkg) {
  let file;
  try {
    file = requireFromHere.resolve(pkg);
  } catch {
    return true;
  }
  if (file.endsWith('.cjs')) return false;
  if (file.endsWith('.mjs')) return true;
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type === 'module';
    } catch {
      // no package.json at this level
    }
  }
  return false;
}

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
for (const out of outputFiles) {
  const name = basename(out.path);
  // esbuild writes a chunk's lazy import of another chunk as import("./name-HASH.cjs").
  // An import() of a package (execa, inquirer) goes through require.jumpctlImport when
  // bin/jumpctl.js provides it: code it compiles from V8's code cache cannot call import() itself.
  const lazy = out.text
    .replace(/\bimport\("(\.\/[\w-]+\.cjs)"\)/g, 'Promise.resolve().then(() => require("$1"))')
    .replace(/\bimport\("([^".][^"]*)"\)/g, '(require.jumpctlImport ?? ((s) => import(s)))("$1")');
  const cjs = await transform(lazy, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    loader: 'js',
    sourcefile: name,
    sourcemap: 'external',
    logLevel: 'warning',
  });
  const problems = [];
  if (/\bimport\("/.test(cjs.code)) problems.push('an import() was left as it was');
  for (const [, pkg] of cjs.code.matchAll(/require\("([^".][^"]*)"\)/g)) {
    if (!pkg.startsWith('node:') && esOnly(pkg))
      problems.push(`require("${pkg}"): load it with await import()`);
  }
  if (problems.length > 0) throw new Error(`build: ${name}: ${problems.join('; ')}`);
  writeFileSync(join('dist', name), `${cjs.code}//# sourceMappingURL=${name}.map\n`);
  writeFileSync(join('dist', `${name}.map`), cjs.map);
}

// connect's fast path (src/fast-connect.ts), loaded first by bin/jumpctl.js for a connect
// command line: one file with no chunks, requiring nothing but Node's own modules, since all it
// loads adds to the connection's time.
const fast = await build({
  entryPoints: ['src/fast-connect.ts'],
  outfile: 'dist/fast-connect.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'external',
  define,
  logLevel: 'warning',
  write: false,
});
for (const out of fast.outputFiles) {
  const name = basename(out.path);
  if (name.endsWith('.cjs')) {
    const required = [...out.text.matchAll(/require\("([^"]*)"\)/g)].map((m) => m[1]);
    const foreign = required.filter((r) => !r.startsWith('node:'));
    if (foreign.length > 0 || /\bimport\(/.test(out.text))
      throw new Error(
        `build: fast-connect.cjs must load only node: modules, not ${foreign.join(', ') || 'import()'}`,
      );
  }
  writeFileSync(
    join('dist', name),
    name.endsWith('.cjs') ? `${out.text}//# sourceMappingURL=${name}.map\n` : out.text,
  );
}
