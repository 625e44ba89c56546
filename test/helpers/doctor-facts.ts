/** A made-up machine for the pure doctor checks: files by path, and a client. */
import type { Facts, FileFact, Subject } from '../../src/core/doctor/facts.js';
import { CANARY } from '../../src/core/doctor/facts.js';
import type { ClientFacts } from '../../src/core/doctor/checks-client.js';
import { staticChecks, type StaticResult } from '../../src/core/doctor/static.js';
import { ChainResolver } from '../../src/core/config/chain/chain.js';
import { ctx, program, HOME } from './mem-config.js';

export const UID = 1000;

export interface FakeFile extends Partial<FileFact> {
  pub?: string;
  priv?: string;
}

export function fakeFacts(files: Record<string, FakeFile>, extra: Partial<Facts> = {}): Facts {
  return {
    uid: UID,
    gid: UID,
    platform: 'linux',
    debian: true,
    stat: (p) => {
      const f = files[p];
      if (!f) return undefined;
      return {
        dir: f.dir ?? false,
        mode: f.mode ?? 0o600,
        uid: f.uid ?? UID,
        gid: f.gid ?? UID,
        readable: f.readable ?? true,
      };
    },
    keyText: (p) => ({
      ...(files[`${p}.pub`]?.pub !== undefined ? { pub: files[`${p}.pub`]?.pub } : {}),
      ...(files[p]?.priv !== undefined ? { priv: files[p]?.priv } : {}),
    }),
    ...extra,
  };
}

export const CLIENT: ClientFacts = {
  path: '/usr/bin/ssh',
  versionText: 'OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19',
  version: [9, 2],
  others: [],
};

export const SSH_DIR = `${HOME}/.ssh`;

/** staticChecks over an in-memory config (file /cfg) with a fake machine. */
export function runStatic(
  config: string,
  o: { target?: string; files?: Record<string, FakeFile>; facts?: Partial<Facts>; client?: ClientFacts } = {},
): StaticResult {
  const p = program({ '/cfg': config });
  const c = ctx();
  return staticChecks({
    program: p,
    chains: new ChainResolver(() => p, c, null),
    ctx: c,
    facts: fakeFacts({ [SSH_DIR]: { dir: true, mode: 0o700 }, ...(o.files ?? {}) }, o.facts),
    client: o.client ?? CLIENT,
    sshDir: SSH_DIR,
    ...(o.target !== undefined ? { target: { alias: o.target, cli: {} } } : {}),
  });
}

/** Subjects (canary + aliases) for rule tests. */
export function subjects(config: string, aliases: string[], jumps: string[] = []): Subject[] {
  const p = program({ '/cfg': config });
  const r = new ChainResolver(() => p, ctx(), null);
  return [
    { alias: CANARY, res: r.resolve(CANARY), jump: false, canary: true },
    ...aliases.map((alias) => ({ alias, res: r.resolve(alias), jump: jumps.includes(alias), canary: false })),
  ];
}

export const ids = (checks: readonly { id: string; severity: string }[]) =>
  checks.filter((c) => c.severity !== 'ok').map((c) => `${c.id}:${c.severity}`);
