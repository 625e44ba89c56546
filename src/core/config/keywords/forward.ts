/**
 * Port forwards (parse_forward/parse_fwd_field, dump_cfg_forwards), ProxyJump (parse_jump and
 * the proxyjump line of dump_client_config) and PermitRemoteOpen, as OpenSSH 9.2 reads and
 * prints them.
 */
import type { ParseResult } from './spec.js';
import { a2port, fail, ok, validDomain } from './parse.js';

/** PORT_STREAMLOCAL: the port of a Unix-socket end. */
const STREAMLOCAL = -2;
const NI_MAXHOST = 1025;
/** sizeof(sun_path) on Linux. */
const PATH_MAX_SUN = 108;

export type ForwardKind = 'localforward' | 'remoteforward' | 'dynamicforward';

/** One struct Forward; `null` host = none given (printed as a bare port). */
export interface Forward {
  readonly listenHost: string | null;
  readonly listenPort: number;
  readonly listenPath: string | null;
  readonly connectHost: string | null;
  readonly connectPort: number;
  readonly connectPath: string | null;
}

interface Field {
  arg: string;
  isPath: boolean;
}

/** parse_fwd_field(): `[literal]`, backslash escapes, `/` marks a path, `:` separates. */
function splitFields(spec: string): Field[] | undefined {
  const fields: Field[] = [];
  let p = 0;
  while (p < spec.length && fields.length < 4) {
    if (spec[p] === '[') {
      const close = spec.indexOf(']', p + 1);
      if (close < 0) return undefined;
      const after = spec[close + 1];
      if (after !== ':' && after !== undefined) return undefined;
      const arg = spec.slice(p + 1, close);
      fields.push({ arg, isPath: arg.includes('/') });
      p = after === undefined ? close + 1 : close + 2;
      continue;
    }
    let arg = '';
    let isPath = false;
    for (; p < spec.length; p++) {
      const c = spec[p];
      if (c === '\\') {
        if (++p >= spec.length) return undefined;
        arg += spec[p];
      } else if (c === ':') {
        p++;
        break;
      } else {
        if (c === '/') isPath = true;
        arg += c;
      }
    }
    fields.push({ arg, isPath });
  }
  return p < spec.length ? undefined : fields;
}

/** parse_forward(): the Forward, or undefined for "Bad forwarding specification". */
export function parseForward(spec: string, dynamic: boolean, remote: boolean): Forward | undefined {
  const f = splitFields(spec.replace(/^[ \t\n\v\f\r]+/, ''));
  if (!f) return undefined;
  const [a, b, c, d] = f;
  let fwd: Forward;
  const base = { listenHost: null, listenPath: null, connectHost: null, connectPath: null, connectPort: 0 };
  if (f.length === 1 && a) {
    fwd = a.isPath
      ? { ...base, listenPath: a.arg, listenPort: STREAMLOCAL, connectHost: 'socks' }
      : { ...base, listenPort: a2port(a.arg), connectHost: 'socks' };
  } else if (f.length === 2 && a && b) {
    if (a.isPath && b.isPath)
      fwd = {
        ...base,
        listenPath: a.arg,
        listenPort: STREAMLOCAL,
        connectPath: b.arg,
        connectPort: STREAMLOCAL,
      };
    else if (b.isPath)
      fwd = { ...base, listenPort: a2port(a.arg), connectPath: b.arg, connectPort: STREAMLOCAL };
    else fwd = { ...base, listenHost: a.arg, listenPort: a2port(b.arg), connectHost: 'socks' };
  } else if (f.length === 3 && a && b && c) {
    if (a.isPath)
      fwd = {
        ...base,
        listenPath: a.arg,
        listenPort: STREAMLOCAL,
        connectHost: b.arg,
        connectPort: a2port(c.arg),
      };
    else if (c.isPath)
      fwd = {
        ...base,
        listenHost: a.arg,
        listenPort: a2port(b.arg),
        connectPath: c.arg,
        connectPort: STREAMLOCAL,
      };
    else fwd = { ...base, listenPort: a2port(a.arg), connectHost: b.arg, connectPort: a2port(c.arg) };
  } else if (f.length === 4 && a && b && c && d) {
    fwd = {
      ...base,
      listenHost: a.arg,
      listenPort: a2port(b.arg),
      connectHost: c.arg,
      connectPort: a2port(d.arg),
    };
  } else return undefined;

  if (dynamic) {
    if (f.length > 2) return undefined;
  } else {
    if (f.length < 3 && fwd.connectPath === null && fwd.listenPath === null) return undefined;
    if (fwd.connectPort <= 0 && fwd.connectPath === null) return undefined;
  }
  if ((fwd.listenPort < 0 && fwd.listenPath === null) || (!remote && fwd.listenPort === 0)) return undefined;
  if ((fwd.connectHost?.length ?? 0) >= NI_MAXHOST || (fwd.listenHost?.length ?? 0) >= NI_MAXHOST)
    return undefined;
  if ((fwd.connectPath?.length ?? 0) >= PATH_MAX_SUN || (fwd.listenPath?.length ?? 0) >= PATH_MAX_SUN)
    return undefined;
  return fwd;
}

/** The LocalForward/RemoteForward/DynamicForward case of process_config_line. */
export function parseForwardArgs(kind: ForwardKind, args: readonly string[]): Forward | { error: string } {
  const [arg, arg2] = args;
  if (!arg) return { error: 'Missing argument.' };
  let dynamic = kind === 'dynamicforward';
  let spec = arg;
  if (!dynamic) {
    if (!arg2) {
      if (kind === 'remoteforward') dynamic = true;
      else return { error: 'Missing target argument.' };
    } else spec = `${arg}:${arg2}`.slice(0, 255); // ssh builds it in a 256-byte buffer
  }
  const fwd = parseForward(spec, dynamic, kind === 'remoteforward');
  if (!fwd) return { error: 'Bad forwarding specification.' };
  const used = dynamic ? 1 : 2;
  if (args.length > used) return { error: `keyword ${kind} extra arguments at end of line` };
  return fwd;
}

function showEnd(host: string | null, port: number, path: string | null): string {
  if (port === STREAMLOCAL) return path ?? '';
  return host === null ? String(port) : `[${host}]:${port}`;
}

/** The text after the keyword on a dump_cfg_forwards line. */
export function formatForward(kind: ForwardKind, f: Forward): string {
  const listen = showEnd(f.listenHost, f.listenPort, f.listenPath);
  return kind === 'dynamicforward'
    ? listen
    : `${listen} ${showEnd(f.connectHost, f.connectPort, f.connectPath)}`;
}

export function parseForwardValue(kind: ForwardKind, args: readonly string[]): ParseResult {
  const r = parseForwardArgs(kind, args);
  return 'error' in r ? r : ok(formatForward(kind, r));
}

/**
 * forward_equals(): forwards are de-duplicated on their parsed fields; the formatted text is
 * a faithful key because every field shows in it.
 */
export function forwardKey(f: Forward): string {
  return JSON.stringify([
    f.listenHost,
    f.listenPort,
    f.listenPath,
    f.connectHost,
    f.connectPort,
    f.connectPath,
  ]);
}

/**
 * The `ssh -G` forward lines. LocalForward and DynamicForward share one list in ssh (pass them
 * in config order); dump_cfg_forwards shows a dynamicforward line for every entry whose
 * connect host is "socks" or absent, so `LocalForward 8080 /tmp/sock` also yields
 * `dynamicforward 8080`.
 */
export function dumpForwardLines(local: readonly Forward[], remote: readonly Forward[]): string[] {
  const lines: string[] = [];
  for (const f of local)
    if (f.connectHost === null || f.connectHost === 'socks')
      lines.push(`dynamicforward ${formatForward('dynamicforward', f)}`);
  for (const f of local)
    if (f.connectHost !== 'socks') lines.push(`localforward ${formatForward('localforward', f)}`);
  for (const f of remote) lines.push(`remoteforward ${formatForward('remoteforward', f)}`);
  return lines;
}

interface Hop {
  user: string | null;
  host: string;
  port: number;
}

/** hpdelim2(): host part (brackets kept) and the remainder after `:`/`/`, or undefined. */
function hpdelim(s: string): { host: string; rest: string | null; delim: string | null } | undefined {
  let end: number;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return undefined;
    end = close + 1;
  } else {
    const m = /[:/]/.exec(s);
    end = m ? m.index : s.length;
  }
  const c = s[end];
  if (c === undefined) return { host: s, rest: null, delim: null };
  if (c !== ':' && c !== '/') return undefined;
  return { host: s.slice(0, end), rest: s.slice(end + 1), delim: c };
}

function cleanHostname(h: string): string {
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

function urldecode(s: string): string | undefined {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '+') out += ' ';
    else if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else out += c;
  }
  return out;
}

/** parse_user_host_port(): `[user@]host[:port]`, user split at the last `@`. */
function parseUserHostPort(s: string): Hop | undefined {
  const at = s.lastIndexOf('@');
  const user = at >= 0 ? s.slice(0, at) : null;
  if (user === '') return undefined;
  const hp = hpdelim(at >= 0 ? s.slice(at + 1) : s);
  if (!hp || hp.delim === '/' || hp.host === '') return undefined;
  let port = -1;
  if (hp.rest) {
    port = a2port(hp.rest);
    if (port <= 0) return undefined;
  }
  return { user, host: cleanHostname(hp.host), port };
}

/** parse_ssh_uri(): undefined if not an ssh:// URI, 'bad' if an invalid one. */
function parseSshUri(s: string): Hop | 'bad' | undefined {
  if (!s.startsWith('ssh://')) return undefined;
  let rest = s.slice(6);
  let user: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const info = rest.slice(0, at).split(';')[0] ?? '';
    if (info === '') return 'bad';
    const decoded = urldecode(info);
    if (decoded === undefined) return 'bad';
    user = decoded;
    rest = rest.slice(at + 1);
  }
  const hp = hpdelim(rest);
  if (!hp || hp.host === '') return 'bad';
  const host = cleanHostname(hp.host);
  if ('error' in validDomain(host)) return 'bad';
  let port = -1;
  let path = hp.rest;
  if (hp.rest && hp.delim === ':') {
    const slash = hp.rest.indexOf('/');
    port = a2port(slash < 0 ? hp.rest : hp.rest.slice(0, slash));
    if (port <= 0) return 'bad';
    path = slash < 0 ? null : hp.rest.slice(slash + 1);
  }
  return path ? 'bad' : { user, host, port };
}

/**
 * ProxyJump, from the raw rest of the line: the value `ssh -G` prints (`none` when it is
 * `none`). ssh cuts the value at the first `#` and, through an rtrim() bug, at the first blank,
 * so `ProxyJump a b` means `a`; only the last hop is re-formatted, earlier ones print verbatim.
 */
/** The part of a ProxyJump line ssh uses: cut at the first `#` and, past its first character, at the first blank. */
export function proxyJumpValue(raw: string): string {
  const s = raw.replace(/^[ \t\r\n=]+/, '').replace(/[ \t\r\n\f]+$/, '');
  if (s.toLowerCase() === 'none') return s;
  const cut = s.split('#')[0] ?? '';
  return cut.slice(0, 1) + (cut.slice(1).split(/[ \t\n\v\f\r]/)[0] ?? '');
}

/** One hop of a ProxyJump list: an ssh:// URI or `[user@]host[:port]`; undefined when invalid. */
export function parseJumpHop(piece: string): { user: string | null; host: string; port: number } | undefined {
  const uri = parseSshUri(piece);
  return uri === undefined ? parseUserHostPort(piece) : uri === 'bad' ? undefined : uri;
}

export function parseProxyJump(raw: string): ParseResult {
  const s = raw.replace(/^[ \t\r\n=]+/, '').replace(/[ \t\r\n\f]+$/, '');
  const bad = fail(`Invalid ProxyJump "${s}"`);
  if (s.toLowerCase() === 'none') return ok('none');
  const cut = proxyJumpValue(raw);
  const hops = cut.split(',');
  let last: Hop | undefined;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseJumpHop(hops[i] ?? '');
    if (!hop) return bad;
    last ??= hop;
  }
  if (!last) return bad;
  const comma = cut.lastIndexOf(',');
  const extra = comma > 0 ? `${cut.slice(0, comma)},` : '';
  const bracket = last.host.includes(':') || /^[0-9.]*$/.test(last.host);
  const host = bracket ? `[${last.host}]` : last.host;
  return ok(
    `${extra}${last.user === null ? '' : `${last.user}@`}${host}${last.port > 0 ? `:${last.port}` : ''}`,
  );
}

/** PermitRemoteOpen: `any`, `none` (alone), or `host:port` entries with port `*` allowed. */
export function parsePermitRemoteOpen(args: readonly string[]): ParseResult {
  const kw = 'permitremoteopen';
  if (args.length === 0 || args[0] === '') return fail(`missing ${kw} specification`);
  for (const arg of args) {
    const lower = arg.toLowerCase();
    if (lower === 'any' || lower === 'none') {
      if (args.length > 1) return fail(`keyword ${kw} "${lower}" argument must appear alone.`);
      continue;
    }
    const hp = hpdelim(arg);
    if (!hp || hp.delim === '/') return fail(`missing host in ${kw}`);
    if (hp.rest === null || (hp.rest !== '*' && a2port(hp.rest) <= 0))
      return fail(`bad port number in ${kw}`);
  }
  return ok(...args);
}
