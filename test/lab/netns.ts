// Network namespaces for the lab: one per place (client, jump1, jump2, target), joined by veth
// pairs that are created directly inside the namespaces (nothing ever appears in the root
// namespace). Each link is its own 10.241.<link>.0/24; no default routes, forwarding off, IPv6
// off, so a namespace reaches only its direct neighbours. Name resolution per namespace through
// /etc/netns/<ns>/{hosts,nsswitch.conf,resolv.conf} ("hosts: files" only: no DNS at all).
import { existsSync, mkdirSync, readFileSync, rmSync, rmdirSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, run, runSync, tool } from './proc.js';

export const HOSTS = ['jump1', 'jump2', 'target'] as const;
export type HostName = (typeof HOSTS)[number];
export type Place = 'client' | HostName;
export const PLACES: readonly Place[] = ['client', ...HOSTS];

/** The place that reaches (and resolves the name of) each host. */
export const PREVIOUS: Readonly<Record<HostName, Place>> = {
  jump1: 'client',
  jump2: 'jump1',
  target: 'jump2',
};
const SHORT: Readonly<Record<Place, string>> = { client: 'c', jump1: 'j1', jump2: 'j2', target: 't' };
const LINK: Readonly<Record<HostName, number>> = { jump1: 1, jump2: 2, target: 3 };

export const NS_PREFIX = 'jlab-';
const NETNS_ETC = '/etc/netns';

export interface LinkInfo {
  /** Address of the host on the link to its previous place. */
  address: string;
  /** Address of the previous place on that link. */
  peerAddress: string;
  /** Interface name inside the host's namespace / inside the previous place's namespace. */
  ifname: string;
  peerIfname: string;
  /** An address on the same link that nobody answers: static ARP entry, frames silently dropped. */
  blackhole: string;
}

export function linkOf(host: HostName): LinkInfo {
  const n = LINK[host];
  return {
    address: `10.241.${n}.2`,
    peerAddress: `10.241.${n}.1`,
    ifname: `eth-${SHORT[PREVIOUS[host]]}`,
    peerIfname: `eth-${SHORT[host]}`,
    blackhole: `10.241.${n}.99`,
  };
}

export function nsName(labId: string, place: Place): string {
  return `${NS_PREFIX}${labId}-${SHORT[place]}`;
}

const BLACKHOLE_MAC = '02:6a:6c:61:62:63';

/** Creates the namespaces and links. `created` is filled as namespaces appear (for teardown). */
export async function createNetwork(labId: string, created: string[]): Promise<void> {
  const ip = tool('ip');
  const sysctl = tool('sysctl');
  await Promise.all(
    PLACES.map(async (place) => {
      const ns = nsName(labId, place);
      await run(ip, ['netns', 'add', ns]);
      created.push(ns);
      // IPv4 settings of a new namespace are inherited from the root namespace: force them.
      await run(ip, [
        'netns',
        'exec',
        ns,
        sysctl,
        '-q',
        '-w',
        'net.ipv4.ip_forward=0',
        'net.ipv6.conf.all.disable_ipv6=1',
        'net.ipv6.conf.default.disable_ipv6=1',
      ]);
      await run(ip, ['-n', ns, 'link', 'set', 'lo', 'up']);
    }),
  );
  await Promise.all(
    HOSTS.map(async (host) => {
      const l = linkOf(host);
      const ns = nsName(labId, host);
      const prev = nsName(labId, PREVIOUS[host]);
      const veth = ['type', 'veth', 'peer', 'name', l.peerIfname, 'netns', prev];
      await run(ip, ['link', 'add', 'name', l.ifname, 'netns', ns, ...veth]);
      await Promise.all([
        run(ip, ['-n', ns, 'addr', 'add', `${l.address}/24`, 'dev', l.ifname]),
        run(ip, ['-n', prev, 'addr', 'add', `${l.peerAddress}/24`, 'dev', l.peerIfname]),
      ]);
      await Promise.all([
        run(ip, ['-n', ns, 'link', 'set', l.ifname, 'up']),
        run(ip, ['-n', prev, 'link', 'set', l.peerIfname, 'up']),
      ]);
      const neigh = ['lladdr', BLACKHOLE_MAC, 'dev', l.peerIfname, 'nud', 'permanent'];
      await run(ip, ['-n', prev, 'neigh', 'replace', l.blackhole, ...neigh]);
    }),
  );
}

function nsswitchText(): string {
  let base = 'passwd: files\ngroup: files\nshadow: files\n';
  try {
    base = readFileSync('/etc/nsswitch.conf', 'utf8');
  } catch {
    // keep the minimal default
  }
  const lines = base.split('\n').filter((l) => !/^\s*hosts\s*:/.test(l));
  return `${lines.join('\n').trimEnd()}\nhosts: files\n`;
}

/** Writes /etc/netns/<ns>/{hosts,nsswitch.conf,resolv.conf}. */
export function writeNetnsEtc(ns: string, hosts: ReadonlyMap<string, string>): void {
  const dir = join(NETNS_ETC, ns);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  writeFileSync(join(dir, 'nsswitch.conf'), nsswitchText(), { mode: 0o644 });
  // Only loopback of the namespace itself; "hosts: files" means it is never consulted anyway.
  writeFileSync(join(dir, 'resolv.conf'), 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n', {
    mode: 0o644,
  });
  writeHostsFile(ns, hosts);
}

/**
 * Rewrites the hosts file in place (same inode): running sshds see it through the bind mount
 * `ip netns exec` made when they started; a rename would leave them on the old file.
 */
export function writeHostsFile(ns: string, hosts: ReadonlyMap<string, string>): void {
  let text = '127.0.0.1\tlocalhost\n';
  for (const [name, address] of hosts) text += `${address}\t${name}\n`;
  writeFileSync(join(NETNS_ETC, ns, 'hosts'), text, { mode: 0o644 });
}

/** Kills every process in the namespace, deletes it and its /etc/netns directory. Sync, never throws. */
export function destroyNamespaceSync(ns: string): void {
  const ip = tool('ip');
  for (let round = 0; round < 50; round++) {
    const pids = runSync(ip, ['netns', 'pids', ns])
      .stdout.split(/\s+/)
      .filter((s) => /^\d+$/.test(s))
      .map(Number)
      .filter(isAlive);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    runSync('/bin/sleep', ['0.02']);
  }
  runSync(ip, ['netns', 'delete', ns]);
  rmSync(join(NETNS_ETC, ns), { recursive: true, force: true });
  try {
    rmdirSync(NETNS_ETC); // only when empty
  } catch {
    // other namespaces use it
  }
}

export function listNamespaces(): string[] {
  const r = runSync(tool('ip'), ['netns', 'list']);
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n !== '');
}

/** Owner pid encoded in a lab name (`jlab-<pid>-<seq>-<role>`), if any. */
export function ownerPid(ns: string): number | undefined {
  const m = /^jlab-(\d+)-/.exec(ns);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Removes lab namespaces (and /etc/netns dirs) whose owning process is gone. */
export function removeStaleNamespaces(): string[] {
  const removed: string[] = [];
  const names = new Set(listNamespaces().filter((n) => n.startsWith(NS_PREFIX)));
  if (existsSync(NETNS_ETC)) {
    for (const n of readdirSync(NETNS_ETC)) if (n.startsWith(NS_PREFIX)) names.add(n);
  }
  for (const ns of names) {
    const pid = ownerPid(ns);
    if (pid !== undefined && isAlive(pid)) continue; // a live process (maybe this one) owns it
    destroyNamespaceSync(ns);
    removed.push(ns);
  }
  return removed;
}
