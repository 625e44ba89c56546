// Text of the client-side files: the `-F` ssh config for the chain and known_hosts.
import type { HostName } from './netns.js';

export interface ClientHop {
  name: HostName;
  hostName: string;
  port: number;
  user: string;
  proxyJump: HostName | undefined;
}

/** Double-quotes a config value; lab paths never contain quotes or control characters. */
export function q(value: string): string {
  const unsafe = [...value].some((c) => c === '"' || c === '\\' || c.charCodeAt(0) < 0x20 || c === '\x7f');
  if (unsafe) throw new Error(`lab: unsafe value for ssh config: ${JSON.stringify(value)}`);
  return `"${value}"`;
}

export function renderClientConfig(
  hops: readonly ClientHop[],
  o: { identityFile: string; knownHosts: string; connectTimeout: number; batchMode: boolean; labId: string },
): string {
  const out = [`# jumpctl lab ${o.labId}: client config for the chain (generated; use with ssh -F)`];
  for (const h of hops) {
    out.push(`Host ${h.name}`, `  HostName ${h.hostName}`, `  Port ${h.port}`, `  User ${h.user}`);
    if (h.proxyJump !== undefined) out.push(`  ProxyJump ${h.proxyJump}`);
  }
  out.push(
    'Host *',
    `  IdentityFile ${q(o.identityFile)}`,
    '  IdentitiesOnly yes',
    `  UserKnownHostsFile ${q(o.knownHosts)}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  CheckHostIP no',
    '  UpdateHostKeys no',
    '  HashKnownHosts no',
    `  ConnectTimeout ${o.connectTimeout}`,
    '  ControlMaster no',
    '  ControlPath none',
    '  ForwardAgent no',
    '  AddKeysToAgent no',
  );
  if (o.batchMode) out.push('  BatchMode yes');
  return `${out.join('\n')}\n`;
}

/** One known_hosts line; entries for a non-22 port are written as [name]:port. */
export function knownHostsLine(names: readonly string[], port: number, publicKey: string): string {
  const keyPart = publicKey.trim().split(/\s+/).slice(0, 2).join(' ');
  const hosts = names.map((n) => (port === 22 ? n : `[${n}]:${port}`)).join(',');
  return `${hosts} ${keyPart}\n`;
}
