import { parseJumpHop, proxyJumpValue } from '../keywords/forward.js';

/**
 * ProxyJump specs, parsed as readconf.c parse_jump / parse_ssh_uri / parse_user_host_port do.
 */

export interface JumpHop {
  /** The text of this hop as written. */
  readonly spec: string;
  readonly user?: string;
  /** Host name or address, without IPv6 brackets. */
  readonly host: string;
  readonly port?: number;
}

export type JumpParse =
  | { readonly kind: 'none' }
  | { readonly kind: 'hops'; readonly hops: readonly JumpHop[] }
  | { readonly kind: 'error' };

/** Parses one hop (readconf.c parse_ssh_uri / parse_user_host_port, in keywords/forward.ts). */
export function parseHop(spec: string): JumpHop | undefined {
  const h = parseJumpHop(spec);
  if (!h) return undefined;
  return {
    spec,
    host: h.host,
    ...(h.user !== null ? { user: h.user } : {}),
    ...(h.port > 0 ? { port: h.port } : {}),
  };
}

/** Parses a ProxyJump value (the raw rest of the line). */
export function parseJump(raw: string): JumpParse {
  const value = proxyJumpValue(raw);
  if (value.toLowerCase() === 'none') return { kind: 'none' };
  const hops: JumpHop[] = [];
  for (const spec of value.split(',')) {
    const hop = parseHop(spec);
    if (!hop) return { kind: 'error' };
    hops.push(hop);
  }
  return { kind: 'hops', hops };
}

/** How `ssh -G` prints a hop: brackets around addresses with `:` or made only of digits and dots. */
export function formatHop(hop: JumpHop): string {
  const bracket = hop.host.includes(':') || /^[0-9.]+$/.test(hop.host);
  const host = bracket ? `[${hop.host}]` : hop.host;
  return `${hop.user !== undefined ? `${hop.user}@` : ''}${host}${hop.port !== undefined ? `:${hop.port}` : ''}`;
}

/** The `proxyjump` line of `ssh -G`: earlier hops as written, the last one normalised. */
export function formatProxyJump(raw: string, hops: readonly JumpHop[]): string {
  const last = hops[hops.length - 1];
  if (!last) return '';
  const comma = raw.lastIndexOf(',');
  const extra = comma > 0 ? raw.slice(0, comma) : '';
  return `${extra ? `${extra},` : ''}${formatHop(last)}`;
}
