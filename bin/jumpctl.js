#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): an ES module entry would start Node 20's ES module
// loader before jumpctl runs a line. build.mjs says more.
'use strict';
// Compile cache makes repeat start-ups cheaper (Node >= 22.1); absent on Node 20.
require('node:module').enableCompileCache?.();
require('../dist/main.cjs');
