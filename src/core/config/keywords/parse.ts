/**
 * Value grammars shared by the keyword table, reproducing the C helpers ssh uses (strtonum,
 * strtol, convtime, scan_scaled, a2port, a2tun, parse_ipqos, vis, valid_domain, …) including their
 * quirks, so that a value is accepted or rejected exactly when OpenSSH 9.2 does.
 */
import { matchPattern, matchPatternList as patternList } from '../resolve/pattern.js';

export { matchPattern };
import type { ParseResult } from './spec.js';
import { IPQOS, TCP_SERVICES } from './names.js';

export const ok = (...values: string[]): ParseResult => ({ values });
export const fail = (error: string): ParseResult => ({ error });
export const extraArgs = (keyword: string): ParseResult =>
  fail(`keyword ${keyword} extra arguments at end of line`);

export const INT_MAX = 2147483647;

/** C-locale isspace(): strtol and friends skip these before a number. */
export function isCSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * strtol/strtoll: returns the value (unbounded, as a bigint) and how many characters were
 * consumed; `end` is 0 when no digits were found, like `endptr == nptr` in C.
 */
export function cStrtol(s: string, base: 0 | 8 | 10): { value: bigint; end: number } {
  let i = 0;
  while (isCSpace(s[i])) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') negative = s[i++] === '-';
  let radix: number = base;
  if (base === 0) {
    if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && digitValue(s[i + 2], 16) >= 0) {
      radix = 16;
      i += 2;
    } else radix = s[i] === '0' ? 8 : 10;
  }
  const start = i;
  let value = 0n;
  while (i < s.length && digitValue(s[i], radix) >= 0) {
    value = value * BigInt(radix) + BigInt(digitValue(s[i], radix));
    i++;
  }
  if (i === start) return { value: 0n, end: 0 };
  return { value: negative ? -value : value, end: i };
}

function digitValue(c: string | undefined, radix: number): number {
  if (c === undefined) return -1;
  const v = DIGITS.indexOf(c.toLowerCase());
  return v >= 0 && v < radix ? v : -1;
}

/** OpenBSD strtonum(): decimal only, whole string, range-checked. */
export function strtonum(
  s: string,
  min: number,
  max: number,
): number | 'invalid' | 'too small' | 'too large' {
  const { value, end } = cStrtol(s, 10);
  if (end === 0 || end !== s.length) return 'invalid';
  if (value < BigInt(min)) return 'too small';
  if (value > BigInt(max)) return 'too large';
  return Number(value);
}

/** atoi_err(): the "integer value …" family of errors. */
export function parseInt32(arg: string | undefined): number | string {
  if (arg === undefined || arg === '') return 'integer value missing.';
  const v = strtonum(arg, 0, INT_MAX);
  return typeof v === 'number' ? v : `integer value ${v}.`;
}

/** a2port(): 0–65535 (callers reject 0 themselves), else a TCP service name, else -1. */
export function a2port(s: string): number {
  const v = strtonum(s, 0, 65535);
  if (typeof v === 'number') return v;
  return TCP_SERVICES.get(s) ?? -1;
}

/** convtime(): `90`, `10m`, `1h30m`, units s/m/h/d/w (either case); -1 when invalid. */
export function convtime(s: string): number {
  if (s === '') return -1;
  const mult: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  let total = 0;
  let p = 0;
  while (p < s.length) {
    const rest = s.slice(p);
    const { value, end } = cStrtol(rest, 10);
    if (end === 0 || value < 0n) return -1;
    const unit = rest[end];
    let m = 1;
    let next = p + end;
    if (unit !== undefined) {
      const u = mult[unit.toLowerCase()];
      if (u === undefined) return -1;
      m = u;
      next++;
    }
    if (value > BigInt(Math.floor(INT_MAX / m))) return -1;
    const secs = Number(value) * m;
    if (total > INT_MAX - secs) return -1;
    total += secs;
    p = next;
  }
  return total;
}

/** scan_scaled(): byte counts with optional fraction and B/K/M/G/T/P/E suffix. */
export function scanScaled(s: string): bigint | 'Invalid argument' | 'Numerical result out of range' {
  const LLONG_MAX = 2n ** 63n - 1n;
  const MAX_DIGITS = 21;
  let p = 0;
  while (isCSpace(s[p])) p++;
  let sign = 0n;
  while (s[p] === '-' || s[p] === '+') {
    if (sign !== 0n) return 'Invalid argument';
    sign = s[p] === '-' ? -1n : 1n;
    p++;
  }
  let whole = 0n;
  let fpart = 0n;
  let ndigits = 0;
  let fractDigits = 0;
  for (; p < s.length && /[0-9.]/.test(s[p] ?? ''); p++) {
    if (s[p] === '.') {
      if (fractDigits > 0) return 'Invalid argument';
      fractDigits = 1;
      continue;
    }
    const d = BigInt(Number(s[p]));
    if (fractDigits > 0) {
      if (fractDigits >= MAX_DIGITS - 1) continue;
      fractDigits++;
      fpart = fpart * 10n + d;
      if (fpart > LLONG_MAX) return 'Numerical result out of range';
    } else {
      if (++ndigits >= MAX_DIGITS) return 'Numerical result out of range';
      whole = whole * 10n + d;
      if (whole > LLONG_MAX) return 'Numerical result out of range';
    }
  }
  if (sign !== 0n) whole *= sign;
  if (p >= s.length) return whole;
  const unit = 'BKMGTPE'.indexOf((s[p] ?? '').toUpperCase());
  if (unit < 0 || /[A-Za-z0-9]/.test(s[p + 1] ?? '')) return 'Invalid argument';
  const scale = 1024n ** BigInt(unit);
  if (whole > LLONG_MAX / scale || whole < -LLONG_MAX / scale) return 'Numerical result out of range';
  whole *= scale;
  while (fpart >= LLONG_MAX / scale) {
    fpart /= 10n;
    fractDigits--;
  }
  fpart *= scale;
  for (let i = 0; i < fractDigits - 1; i++) fpart /= 10n;
  return sign === -1n ? whole - fpart : whole + fpart;
}

export function parseIpqos(s: string): number {
  const named = IPQOS.find(([n]) => n === s.toLowerCase());
  if (named) return named[1];
  const { value, end } = cStrtol(s, 0);
  if (s === '' || end !== s.length || value < 0n || value > 255n) return -1;
  return Number(value);
}

export function iptos2str(v: number): string {
  return IPQOS.find(([, n]) => n === v)?.[0] ?? `0x${v.toString(16).padStart(2, '0')}`;
}

/** EscapeChar: `none`, one character, or `^X`; -1 when invalid. */
export function parseEscapeChar(arg: string): number | 'none' {
  if (arg === 'none') return 'none';
  const bytes = new TextEncoder().encode(arg);
  if (bytes.length === 1) return bytes[0] ?? -1;
  const c = bytes[1] ?? 0;
  if (bytes.length === 2 && arg[0] === '^' && c >= 64 && c < 128) return c & 31;
  return -1;
}

/** vis(c, VIS_WHITE): how dump_client_config shows the escape character. */
export function visChar(c: number): string {
  if (c === 0x5c) return '\\\\';
  if (c > 0x20 && c < 0x7f) return String.fromCharCode(c);
  if ((c & 0x7f) === 0x20) return `\\${(c >> 6) & 7}${(c >> 3) & 7}${c & 7}`;
  let out = '\\';
  let low = c;
  if (c & 0x80) {
    low = c & 0x7f;
    out += 'M';
  }
  if (low < 0x20 || low === 0x7f) return `${out}^${low === 0x7f ? '?' : String.fromCharCode(low + 64)}`;
  return `${out}-${String.fromCharCode(low)}`;
}

export const SSH_TUNID_ANY = 0x7fffffff;
const SSH_TUNID_MAX = SSH_TUNID_ANY - 2;

/** a2tun(): `N`, `any`, `L:R`; undefined when invalid. */
export function parseTunnelDevice(s: string): string | undefined {
  const one = (x: string): number | undefined => {
    if (x.toLowerCase() === 'any') return SSH_TUNID_ANY;
    const v = strtonum(x, 0, SSH_TUNID_MAX);
    return typeof v === 'number' ? v : undefined;
  };
  const colon = s.indexOf(':');
  const local = one(colon < 0 ? s : s.slice(0, colon));
  const remote = colon < 0 ? SSH_TUNID_ANY : one(s.slice(colon + 1));
  if (local === undefined || remote === undefined) return undefined;
  const show = (n: number): string => (n === SSH_TUNID_ANY ? 'any' : String(n));
  return `${show(local)}:${show(remote)}`;
}

/** valid_domain(name, makelower=1): the normalised domain or an error message. */
export function validDomain(name: string): { domain: string } | { error: string } {
  if (name === '') return { error: 'empty domain name' };
  if (!/^[A-Za-z0-9]/.test(name)) return { error: `domain name "${name}" starts with invalid character` };
  // ssh lower-cases in place while scanning, so its message shows the prefix already lowered.
  for (let i = 0; i < name.length; i++) {
    const shown = name.slice(0, i + 1).toLowerCase() + name.slice(i + 1);
    if (name[i] === '.' && name[i - 1] === '.')
      return { error: `domain name "${shown}" contains consecutive separators` };
    if (!/[A-Za-z0-9._-]/.test(name[i] ?? ''))
      return { error: `domain name "${shown}" contains invalid characters` };
  }
  const lower = name.toLowerCase();
  return { domain: lower.endsWith('.') ? lower.slice(0, -1) : lower };
}

export function validEnvName(name: string): boolean {
  return /^[A-Za-z0-9_]+$/.test(name);
}

/**
 * The checks ssh makes on an agent socket path (IdentityAgent, ForwardAgent): `${VAR}` syntax
 * must be well formed and a legacy `$VAR` must name a valid variable. Whether the variable is
 * set depends on the environment and is left to the resolver.
 */
export function agentPathError(arg: string): string | undefined {
  for (let i = arg.indexOf('${'); i >= 0; i = arg.indexOf('${', i + 2)) {
    const close = arg.indexOf('}', i + 2);
    if (close < 0 || close === i + 2) return `Invalid environment expansion ${arg}.`;
    i = close - 1;
  }
  if (arg[0] === '$' && arg[1] !== '{' && !validEnvName(arg.slice(1)))
    return `Invalid environment name ${arg}.`;
  return undefined;
}

/** match_pattern_list() without lower-casing (pattern.ts holds the matcher). */
export function matchPatternList(s: string, list: string): 1 | 0 | -1 {
  return patternList(s, list, false);
}
