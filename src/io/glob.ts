/**
 * glob(3) as ssh calls it for Include (GLOB_TILDE, no braces): `*`, `?` and `[...]` per path
 * component, a leading `.` only matched explicitly, results in byte order. Written here because
 * the npm glob libraries expand braces and sort differently, which would change which files
 * ssh reads and in which order.
 */
import { readdirSync, statSync } from 'node:fs';

const MAGIC = /[*?[]/;

/** fnmatch(3) without flags other than the leading-period rule. */
export function fnmatch(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  const re = new RegExp(`^${toRegex(pattern)}$`, 's');
  return re.test(name);
}

function toRegex(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = p.slice(i + 1, close);
      const neg = body.startsWith('!') || body.startsWith('^');
      if (neg) body = body.slice(1);
      out += `[${neg ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else if (c === '\\' && i + 1 < p.length) out += escape(p[++i] as string);
    else out += escape(c);
  }
  return out;
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export function glob(pattern: string, home: string): string[] {
  let p = pattern;
  if (p === '~' || p.startsWith('~/')) p = home + p.slice(1);
  if (!MAGIC.test(p)) {
    try {
      statSync(p);
      return [p];
    } catch {
      return [];
    }
  }
  const absolute = p.startsWith('/');
  const parts = p.split('/').filter((x, i) => x !== '' || i === 0);
  let bases = [absolute ? '/' : '.'];
  for (const part of parts.slice(absolute ? 1 : 0)) {
    const next: string[] = [];
    for (const base of bases) {
      const join = (n: string) => (base === '/' ? `/${n}` : base === '.' && !absolute ? n : `${base}/${n}`);
      if (!MAGIC.test(part)) {
        next.push(join(part));
        continue;
      }
      let names: string[];
      try {
        names = readdirSync(base === '' ? '.' : base);
      } catch {
        continue;
      }
      for (const n of names.sort(byteOrder)) if (fnmatch(part, n)) next.push(join(n));
    }
    bases = next;
  }
  return bases
    .filter((f) => {
      try {
        statSync(f);
        return true;
      } catch {
        return false;
      }
    })
    .sort(byteOrder);
}
