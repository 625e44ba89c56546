/**
 * What identifies the `ssh` binary that runs (found on PATH by process.ts's findOnPath): the
 * client's cached facts (version, defaults) are keyed on it, besides its path.
 */
import { fileIdentity } from '../io/file-identity.js';

export function sshIdentity(path: string): string {
  return fileIdentity(path);
}
