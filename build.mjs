// `npm run build`: type-check with tsc, then bundle src/ into dist/ with esbuild.
//
// Why a bundle: on Node 20 (no module compile cache) every ES module costs a resolve, a read and
// a compile, and jumpctl's everyday commands (`connect`, `show`) are mostly start-up. One entry
// file plus a few shared chunks loads in a fraction of the time of ~40 separate modules
// (`npm run bench` measures it). Code splitting keeps every `await import()` lazy, and the
// packages only some commands need (inquirer, execa, chalk, diff) stay outside the bundle, so
// the start-up graph can be checked for them (test/unit/lazy-imports.test.ts).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

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

// Importing a builtin as an ES module makes Node build a facade that reads every export (for
// node:fs that loads the whole streams machinery). Taken with require() instead, a builtin costs
// only what is used; esbuild's interop reads each name when it is used.
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.kind === 'require-call' ? undefined : { path: args.path, namespace: 'builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  // Lazily loaded by the commands that need them; kept as real imports.
  external: ['@inquirer/*', 'execa', 'chalk', 'diff'],
  // commander is CommonJS: inside an ES bundle its require() of builtins needs a real require.
  banner: {
    js: "import { createRequire as __jumpctlRequire } from 'node:module'; const require = __jumpctlRequire(import.meta.url);",
  },
  define: { JUMPCTL_VERSION: JSON.stringify(version) },
  plugins: [lazyChildProcess, builtinsByRequire],
  logLevel: 'warning',
});
