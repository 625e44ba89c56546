#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): an ES module entry would start Node 20's ES module
// loader before jumpctl runs a line. build.mjs says more.
'use strict';
const Module = require('node:module');

// Node >= 22.1 caches compiled code itself (see start() for Node 20).
const nativeCache = Module.enableCompileCache?.() !== undefined;

// A connect command line goes through connect's memo first (src/fast-connect.ts): when it holds
// this command line and nothing the checks read has changed, ssh runs without the rest of
// jumpctl being loaded. Otherwise, or when that ssh could not be started, the full CLI runs.
const argv = process.argv.slice(2);
const fast = argv.includes('connect') ? require('../dist/fast-connect.cjs').fastConnect(argv) : undefined;
if (fast === undefined) start();
else
  fast.then(
    (code) => (code === undefined ? start() : (process.exitCode = code)),
    (e) => {
      process.stderr.write(`jumpctl: internal error: ${e?.stack ?? String(e)}\n`);
      process.exitCode = 70;
    },
  );

function start() {
  // Compiling jumpctl's code is a good part of its start-up. On Node 20 jumpctl keeps V8's code
  // cache for its own bundle (dist/) in its cache directory, made at exit so that it holds every
  // function the run compiled. Not with --enable-source-maps, whose stack traces need Node's
  // own loader.
  if (!nativeCache && !process.sourceMapsEnabled) cacheCompiledCode();
  require('../dist/main.cjs');
}

function cacheCompiledCode() {
  const fs = require('node:fs');
  const path = require('node:path');
  const vm = require('node:vm');
  const dist = path.join(__dirname, '..', 'dist');
  const home = process.env.HOME || require('node:os').homedir();
  const root = path.join(process.env.XDG_CACHE_HOME || path.join(home, '.cache'), 'jumpctl');
  // One directory per installed copy (its dist/ directory's device and inode), so that two
  // copies of jumpctl (a global one and a project's) do not remove each other's entries.
  const versionDir = path.join(root, `code-${process.version}`);
  const distStat = fs.statSync(dist);
  const dir = path.join(versionDir, `${distStat.dev}-${distStat.ino}`);
  // V8 checks only the length of the source a cache was made from, and npm gives every file
  // the same mtime; a new inode or change time (a rebuild, a reinstall) means a new entry.
  const keyOf = (file) => {
    const st = fs.statSync(file, { bigint: true });
    return `${path.basename(file)}-${st.ino}-${st.size}-${st.ctimeNs}`;
  };
  const toWrite = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (path.dirname(filename) !== dist) return compile.call(this, content, filename);
    const file = path.join(dir, keyOf(filename));
    let cachedData;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      // not cached yet
    }
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
    });
    if (cachedData === undefined || script.cachedDataRejected) toWrite.push({ script, file });
    const mod = this;
    const req = (id) => mod.require(id);
    req.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    req.main = require.main;
    req.cache = Module._cache;
    // import() from code compiled with cached data finds no loader on Node 20; the bundle's
    // import() of a package (execa, inquirer) comes here instead (build.mjs).
    req.jumpctlImport = (specifier) => import(specifier);
    return script
      .runInThisContext({ displayErrors: true })
      .call(mod.exports, mod.exports, req, mod, filename, dist);
  };
  process.once('exit', () => {
    if (toWrite.length === 0) return;
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (const { script, file } of toWrite) {
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(tmp, file);
      }
      // Entries of an older build or another Node version are of no more use.
      const current = new Set(
        fs
          .readdirSync(dist)
          .filter((f) => f.endsWith('.cjs'))
          .map((f) => keyOf(path.join(dist, f))),
      );
      for (const f of fs.readdirSync(dir))
        if (!current.has(f) && !f.endsWith('.tmp')) fs.rmSync(path.join(dir, f), { force: true });
      for (const d of fs.readdirSync(root))
        if (d.startsWith('code-') && d !== path.basename(versionDir))
          fs.rmSync(path.join(root, d), { recursive: true, force: true });
      // Copies that wrote nothing for a month (reinstalled or removed since) are of no more use.
      const monthAgo = Date.now() - 30 * 24 * 3600 * 1000;
      for (const d of fs.readdirSync(versionDir)) {
        const other = path.join(versionDir, d);
        if (other !== dir && fs.statSync(other).mtimeMs < monthAgo)
          fs.rmSync(other, { recursive: true, force: true });
      }
    } catch {
      // a read-only or full cache only costs speed
    }
  });
}
