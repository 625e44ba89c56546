/**
 * The OpenSSH client: present, its version, ProxyJump support (7.3+), and which `ssh` the jumps
 * run. ssh starts each jump as `ssh … -W`, by its own path when it was started by path, else
 * through $PATH (7.8+); a ProxyCommand `ssh -W` always goes through $PATH. Version strings are
 * only hints (Debian backports fixes without changing them).
 */
import type { SshVersion } from '../config/index.js';
import type { Check } from './types.js';

export interface ClientFacts {
  /** The first ssh on PATH (the one users and jumpctl run). */
  readonly path: string | undefined;
  readonly versionText: string;
  readonly version: SshVersion;
  /** Other ssh executables on PATH (different files), with what `ssh -V` said. */
  readonly others: readonly { readonly path: string; readonly versionText: string }[];
}

const atLeast = (v: SshVersion, major: number, minor: number) =>
  v[0] > major || (v[0] === major && v[1] >= minor);

export function clientChecks(c: ClientFacts, usesProxyJump: boolean): Check[] {
  if (!c.path)
    return [
      {
        id: 'ssh.client',
        severity: 'error',
        message: 'no ssh client on PATH',
        where: null,
        fix: 'Install OpenSSH (Debian/Ubuntu: apt-get install openssh-client)',
      },
    ];
  const out: Check[] = [
    {
      id: 'ssh.client',
      severity: 'ok',
      message: `OpenSSH client ${c.versionText} at ${c.path}`,
      where: c.path,
      fix: null,
    },
  ];
  if (atLeast(c.version, 7, 3))
    out.push({
      id: 'ssh.proxyjump',
      severity: 'ok',
      message: `supports ProxyJump (OpenSSH ${c.version.join('.')} ≥ 7.3)`,
      where: null,
      fix: null,
    });
  else
    out.push({
      id: 'ssh.proxyjump',
      severity: usesProxyJump ? 'error' : 'warning',
      message: `OpenSSH ${c.version.join('.')} predates ProxyJump (7.3): ssh reports "Bad configuration option: proxyjump"`,
      where: c.path,
      fix: 'Upgrade OpenSSH, or write jumps as ProxyCommand ssh -W %h:%p <jump> (never IgnoreUnknown ProxyJump: ssh would connect directly)',
    });
  const jumpSsh = atLeast(c.version, 7, 8)
    ? `${c.path} (ssh starts them by its own path; a ProxyCommand "ssh" is looked up on PATH, also ${c.path})`
    : `the first ssh on PATH, ${c.path}`;
  out.push({
    id: 'ssh.jump-binary',
    severity: 'ok',
    message: `the jumps run ${jumpSsh}`,
    where: c.path,
    fix: null,
  });
  for (const o of c.others) {
    if (o.versionText === c.versionText) continue;
    out.push({
      id: 'ssh.jump-binary',
      severity: 'warning',
      message: `another ssh on PATH, ${o.path} (${o.versionText}), differs from ${c.path}: a shell or PATH that finds it first runs the jumps with it`,
      where: o.path,
      fix: `Remove or rename ${o.path}, or put ${c.path.slice(0, c.path.lastIndexOf('/'))} first on PATH`,
    });
  }
  return out;
}
