/** jumpctl's own directories, following the XDG base-directory conventions. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function home(): string {
  return process.env.HOME || homedir();
}

export function cacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(home(), '.cache'), 'jumpctl');
}

export function stateDir(): string {
  return join(process.env.XDG_STATE_HOME || join(home(), '.local', 'state'), 'jumpctl');
}
