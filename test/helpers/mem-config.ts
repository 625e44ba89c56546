/** An in-memory set of config files and a fixed machine, for pure resolver tests. */
import { createHash } from 'node:crypto';
import { buildProgram, type FileSystemView, type Program } from '../../src/core/config/program/program.js';
import type { ResolveContext } from '../../src/core/config/resolve/resolve.js';
import { ChainResolver } from '../../src/core/config/chain/chain.js';
import { FALLBACK_BASELINE } from '../../src/core/config/keywords/fallback-baseline.js';
import { matchPattern } from '../../src/core/config/resolve/pattern.js';

export function memFs(files: Record<string, string>, badPerms: string[] = []): FileSystemView {
  return {
    read: (p) => (p in files ? { text: files[p] as string } : undefined),
    glob: (pattern) =>
      Object.keys(files)
        .filter((f) => matchPattern(f, pattern))
        .sort(),
    permissionProblem: (p) => (badPerms.includes(p) ? `Bad owner or permissions on ${p}` : undefined),
  };
}

export const HOME = '/home/u';

export function ctx(extra: Partial<ResolveContext> = {}): ResolveContext {
  return {
    localUser: 'u',
    home: HOME,
    passwdHome: HOME,
    debian: true,
    uid: 1000,
    localHostname: 'laptop.local',
    env: { HOME },
    version: [9, 2],
    baseline: FALLBACK_BASELINE,
    sha1: (s) => createHash('sha1').update(s).digest('hex'),
    ...extra,
  };
}

export function program(files: Record<string, string>, main = '/cfg', badPerms: string[] = []): Program {
  return buildProgram(
    [{ path: main, user: true, required: true, checkPermissions: false }],
    memFs(files, badPerms),
    {
      version: [9, 2],
      home: HOME,
    },
  );
}

export function chains(files: Record<string, string>, extra: Partial<ResolveContext> = {}): ChainResolver {
  const p = program(files);
  return new ChainResolver(() => p, ctx(extra), null);
}
