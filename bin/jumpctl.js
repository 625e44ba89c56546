#!/usr/bin/env node
// Node >= 22.1 keeps compiled code when asked to; jumpctl asks only for its own private cache
// directory (src/compile-cache.ts says which, and when none).
import module from 'node:module';

if (module.enableCompileCache) {
  const { compileCacheDir } = await import('../dist/compile-cache.js');
  const dir = compileCacheDir();
  if (dir !== undefined) module.enableCompileCache(dir);
}
await import('../dist/main.js');
