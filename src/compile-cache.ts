/**
 * The directory for Node's own compile cache (module.enableCompileCache, Node >= 22.1), named by
 * bin/jumpctl.js before the program loads. Compiled code read from there runs as the user, so the
 * directory must be jumpctl's private one (own-files.ts), and `JUMPCTL_CACHE=off` turns it off
 * with every other cache.
 */
import { join } from 'node:path';
import { ensurePrivateDir, ownDirPath } from './io/own-files.js';

export function compileCacheDir(): string | undefined {
  if (process.env.JUMPCTL_CACHE === 'off') return undefined;
  const root = ownDirPath('cache');
  if (ensurePrivateDir(root) !== undefined) return undefined;
  // Node keeps one subdirectory per Node version and checks each entry against its source.
  const dir = join(root, 'compile');
  return ensurePrivateDir(dir) === undefined ? dir : undefined;
}
