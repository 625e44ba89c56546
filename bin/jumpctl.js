#!/usr/bin/env node
import module from 'node:module';
// Compile cache makes repeat start-ups cheaper (Node >= 22.1); absent on Node 20.
module.enableCompileCache?.();
await import('../dist/main.js');
