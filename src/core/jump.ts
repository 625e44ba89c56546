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

/** a2port: a whole decimal number from 1 to 65535. */
export function parsePort(s: string): number | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** hpdelim2 + cleanhostname: `[v6]:port`, `host:port`, `host/port`, or a bare host. */
function splitHostPort(s: string): { host: string; port?: string } | undefined {
  let end: number;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return undefined;
    end = close + 1;
  } else {
    const m = /[:/]/.exec(s);
    end = m ? m.index : s.length;
  }
  const delim = s[end];
  if (delim !== undefined && delim !== ':' && delim !== '/') return undefined;
  let host = s.slice(0, end);
  if (host === '') return undefined;
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return delim === undefined ? { host } : { host, port: s.slice(end + 1) };
}

function parseUserHostPort(spec: string): JumpHop | undefined {
  let rest = spec;
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    if (user === '') return undefined;
    rest = rest.slice(at + 1);
  }
  const hp = splitHostPort(rest);
  if (!hp) return undefined;
  let port: number | undefined;
  if (hp.port !== undefined && hp.port !== '') {
    port = parsePort(hp.port);
    if (port === undefined) return undefined;
  }
  return {
    spec,
    host: hp.host,
    ...(user !== undefined ? { user } : {}),
    ...(port !== undefined ? { port } : {}),
  };
}

/** ssh://[user@]host[:port][/] — a path is an error; `;params` are dropped; the user is url-decoded. */
function parseSshUri(spec: string): JumpHop | undefined | null {
  if (!spec.startsWith('ssh://')) return null;
  let rest = spec.slice(6);
  let user: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    let u = rest.slice(0, at);
    const semi = u.indexOf(';');
    if (semi >= 0) u = u.slice(0, semi);
    try {
      user = decodeURIComponent(u);
    } catch {
      return undefined;
    }
    if (user === '') return undefined;
    rest = rest.slice(at + 1);
  }
  const slash = rest.startsWith('[') ? rest.indexOf('/', rest.indexOf(']')) : rest.indexOf('/');
  if (slash >= 0) {
    if (rest.slice(slash + 1) !== '') return undefined;
    rest = rest.slice(0, slash);
  }
  const hp = splitHostPort(rest);
  if (!hp) return undefined;
  let port: number | undefined;
  if (hp.port !== undefined && hp.port !== '') {
    port = parsePort(hp.port);
    if (port === undefined) return undefined;
  }
  return {
    spec,
    host: hp.host,
    ...(user !== undefined ? { user } : {}),
    ...(port !== undefined ? { port } : {}),
  };
}

/** Parses one hop: a URI or `[user@]host[:port]`. */
export function parseHop(spec: string): JumpHop | undefined {
  const uri = parseSshUri(spec);
  return uri === null ? parseUserHostPort(spec) : uri;
}

/**
 * The part of a ProxyJump line ssh uses: the raw rest cut at the first `#` and, through a quirk of
 * its trimming, at the first whitespace (`ProxyJump a b` means `a`).
 */
export function jumpValue(raw: string): string {
  const hash = raw.indexOf('#');
  const value = hash >= 0 ? raw.slice(0, hash) : raw;
  const ws = value.search(/[ \t\r\n]/);
  return ws >= 0 ? value.slice(0, ws) : value;
}

/** Parses a ProxyJump value (the raw rest of the line). */
export function parseJump(raw: string): JumpParse {
  const value = jumpValue(raw);
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
