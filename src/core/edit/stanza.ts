/**
 * The lines of a generated Host block: HostName, User, Port, the jump (ProxyJump, or the
 * `ProxyCommand ssh -W` form older clients need), the identity, and connection sharing.
 */
import { JumpctlError } from '../errors.js';
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

/** `ProxyCommand ssh … -W %h:%p <last>` reaching the last jump through the earlier ones with -J. */
export function proxyCommandFor(via: readonly string[], version: SshVersion): string {
  const hops = via.map((v) => parseHop(v) as JumpHop);
  const last = hops[hops.length - 1] as JumpHop;
  const args = ['ssh'];
  if (hops.length > 1) {
    if (!supportsProxyJump(version))
      throw new JumpctlError(
        'E_OLD_CLIENT',
        `this ssh (${version.join('.')}) has no -J, so a ProxyCommand cannot chain ${via.length} jumps in one line`,
        {
          hint: `Give ${via[via.length - 1]} its own jump first (jumpctl set ${via[via.length - 1]} ProxyCommand …), then add this host --via ${via[via.length - 1]}.`,
        },
      );
    args.push('-J', via.slice(0, -1).join(','));
  }
  if (last.user !== undefined) args.push('-l', last.user);
  if (last.port !== undefined) args.push('-p', String(last.port));
  args.push('-W', '%h:%p', last.host);
  return args.map((a) => (a === '%h:%p' ? a : shellQuote(a))).join(' ');
}

export function settingsFor(
  h: NewHost,
  jumpAs: 'proxyjump' | 'proxycommand',
  version: SshVersion,
): Setting[] {
  const s: Setting[] = h.hostname !== undefined ? [['HostName', [h.hostname]]] : [];
  if (h.user !== undefined) s.push(['User', [h.user]]);
  if (h.port !== undefined) s.push(['Port', [String(h.port)]]);
  if (h.via && h.via.length > 0) {
    if (jumpAs === 'proxyjump') s.push(['ProxyJump', [h.via.join(',')]]);
    else s.push(['ProxyCommand', [proxyCommandFor(h.via, version)]]);
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
