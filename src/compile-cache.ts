/**
 * The directory for Node's own compile cache (module.enableCompileCache, Node >= 22.1), named by
 * bin/jumpctl.js before the program loads. Compiled code read from there runs as the user, so the
 * directory must be jumpctl's private one (own-files.ts), and `JUMPCTL_CACHE=off` turns it off
 * with every other cache. Why one is not used is said under `JUMPCTL_DEBUG=cache`.
 */
import { cacheFile, debug, ensurePrivateDir } from './io/own-files.js';

export function compileCacheDir(): string | undefined {
  // Node keeps one subdirectory per Node version and checks each entry against its source.
  const dir = cacheFile('compile');
  if (dir === undefined) return undefined;
  const problem = ensurePrivateDir(dir);
  if (problem === undefined) return dir;
  debug('cache', `not used: ${problem}`);
  return undefined;
}
