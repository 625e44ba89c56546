/**
 * The lines of a generated Host block: HostName, User, Port, the jump (ProxyJump, or the
 * `ProxyCommand ssh -W` form older clients need), the identity, and connection sharing.
 */
import { compareVersion, type SshVersion, parseHop, type JumpHop } from '../config/index.js';
import { shellQuote } from '../argv.js';
import type { Setting } from './plan-host.js';

export interface NewHost {
  readonly alias: string;
  /** Left out for a pattern block: each host it matches keeps its own name. */
  readonly hostname?: string;
  readonly user?: string;
  readonly port?: number;
  /** Jump specs from the client outwards: aliases or [user@]host[:port]. */
  readonly via?: readonly string[];
  readonly identity?: string;
  readonly controlPath?: string;
}

export const PROXYJUMP_SINCE: SshVersion = [7, 3];

export function supportsProxyJump(version: SshVersion): boolean {
  return compareVersion(version, PROXYJUMP_SINCE) >= 0;
}

/**
 * `ssh -W %h:%p <jump>`: the ProxyCommand that reaches through one jump (OpenSSH 5.4+), its user
 * and port as -l/-p. Under -F, that file too: ssh hands -F on to ProxyJump hops itself, but a
 * ProxyCommand's ssh would read ~/.ssh/config. ssh %-expands the command, so `%` is doubled.
 */
export function forwarderTo(spec: string, configFile?: string): string {
  const hop = parseHop(spec) as JumpHop;
  const args = ['ssh'];
  if (configFile !== undefined) args.push('-F', configFile);
  if (hop.user !== undefined) args.push('-l', hop.user);
  if (hop.port !== undefined) args.push('-p', String(hop.port));
  const quoted = args.map((a) => shellQuote(a).replace(/%/g, '%%'));
  return [...quoted, '-W', '%h:%p', shellQuote(hop.host).replace(/%/g, '%%')].join(' ');
}

/**
 * The new block's lines. With `proxycommand`, the block reaches only the last jump; the jumps
 * before it are chained in their own blocks (plan-nest.ts).
 */
export function settingsFor(
  h: NewHost,
  jumpAs: 'proxyjump' | 'proxycommand',
  configFile?: string,
): Setting[] {
  const s: Setting[] = h.hostname !== undefined ? [['HostName', [h.hostname]]] : [];
  if (h.user !== undefined) s.push(['User', [h.user]]);
  if (h.port !== undefined) s.push(['Port', [String(h.port)]]);
  if (h.via && h.via.length > 0) {
    if (jumpAs === 'proxyjump') s.push(['ProxyJump', [h.via.join(',')]]);
    else s.push(['ProxyCommand', [forwarderTo(h.via[h.via.length - 1] as string, configFile)]]);
  }
  if (h.identity !== undefined) {
    s.push(['IdentityFile', [h.identity]]);
    // Only this key is offered: servers count every key tried against MaxAuthTries.
    s.push(['IdentitiesOnly', ['yes']]);
  }
  if (h.controlPath !== undefined) {
    s.push(['ControlMaster', ['auto']]);
    s.push(['ControlPath', [h.controlPath]]);
    s.push(['ControlPersist', ['5m']]);
  }
  return s;
}

/** sun_path: 108 bytes on Linux, 104 on macOS, the terminating NUL included. */
export function socketLimit(platform: string): number {
  return platform === 'linux' ? 108 : 104;
}

/** ssh binds the master socket at the path plus a 17-byte random suffix, then renames it. */
export const CONTROL_SUFFIX = 17;

export function controlPathProblem(expanded: string, platform: string): string | undefined {
  const bytes = new TextEncoder().encode(expanded).length + CONTROL_SUFFIX + 1;
  const limit = socketLimit(platform);
  return bytes > limit
    ? `${expanded} is too long for a socket: ${bytes} bytes with ssh's temporary suffix, the limit is ${limit}`
    : undefined;
}
