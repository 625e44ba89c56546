#!/usr/bin/env node
// CommonJS (bin/package.json) that require()s the ES module bundle (Node >= 20.19): a few
// milliseconds quicker to start than an ES module entry. Node >= 22.1 keeps compiled code when
// asked to; jumpctl asks only for its own private cache directory (src/compile-cache.ts).
'use strict';
const { enableCompileCache } = require('node:module');

if (enableCompileCache) {
  const dir = require('../dist/compile-cache.js').compileCacheDir();
  if (dir !== undefined) enableCompileCache(dir);
}
require('../dist/main.js');
