/**
 * OpenSSH's config-line lexer, ported from misc.c (strdelim, argv_split) and
 * readconf.c (process_config_line_depth). Kept faithful rather than tidy: the quirks are the
 * behaviour users' files depend on.
 */

const WHITESPACE = ' \t\r\n';

/** Trailing " \t\r\n\f" is stripped, but never the first character (readconf.c loop stops at 0). */
export function stripTrailing(line: string): string {
  let end = line.length;
  while (end > 1 && (WHITESPACE + '\f').includes(line[end - 1] as string)) end--;
  return line.slice(0, end);
}

function strspn(s: string, from: number, set: string): number {
  let i = from;
  while (i < s.length && set.includes(s[i] as string)) i++;
  return i - from;
}

/**
 * strdelim with split_equals: returns the token and the rest, or null for "no matching quote".
 * The rest is undefined when the string was used up (C's NULL).
 */
export function strdelim(s: string): { token: string; rest: string | undefined } | null {
  let i = 0;
  while (i < s.length && !(WHITESPACE + '"=').includes(s[i] as string)) i++;
  if (i >= s.length) return { token: s, rest: undefined };
  if (s[i] === '"') {
    const body = s.slice(0, i) + s.slice(i + 1);
    const close = body.indexOf('"', i);
    if (close < 0) return null;
    const after = close + 1 + strspn(body, close + 1, WHITESPACE);
    return { token: body.slice(0, close), rest: body.slice(after) };
  }
  const wasEquals = s[i] === '=';
  let next = i + 1 + strspn(s, i + 1, WHITESPACE);
  if (s[next] === '=' && !wasEquals) next += 1 + strspn(s, next + 1, WHITESPACE);
  return { token: s.slice(0, i), rest: s.slice(next) };
}

/** argv_split(s, terminate_on_comment=1): quotes anywhere, four escapes, `#` starting a token ends it. */
export function argvSplit(s: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') break;
    let quote = '';
    let arg = '';
    for (; i < s.length; i++) {
      const ch = s[i] as string;
      const nx = s[i + 1];
      if (ch === '\\') {
        if (nx === "'" || nx === '"' || nx === '\\' || (quote === '' && nx === ' ')) {
          i++;
          arg += nx;
        } else arg += ch;
      } else if (quote === '' && (ch === ' ' || ch === '\t')) break;
      else if (quote === '' && (ch === '"' || ch === "'")) quote = ch;
      else if (quote !== '' && ch === quote) quote = '';
      else arg += ch;
    }
    if (quote !== '') return null;
    out.push(arg);
  }
  return out;
}

export type LexedLine =
  | { kind: 'empty' }
  | { kind: 'error'; message: string }
  | { kind: 'directive'; keyword: string; rest: string };

/**
 * Lines with no quote, escape, comment, `=` or stray CR/LF/FF — nearly all of them — split the
 * same way under strdelim and argv_split as under a plain whitespace split; this path avoids the
 * character-by-character scan, which dominates load time on large configurations.
 */
const SIMPLE = /^[ \t]*([^ \t"'\\#=\r\n\f]+)[ \t]+([^"'\\#=\r\n\f]*?)[ \t\r\n\f]*$/;
const BLANK = /^[ \t\r\n\f]*$/;

export function lexSimple(raw: string): { keyword: string; rest: string; args: string[] } | undefined {
  const m = SIMPLE.exec(raw);
  if (!m || m[2] === '') return undefined;
  const rest = m[2] as string;
  return { keyword: m[1] as string, rest, args: rest.split(/[ \t]+/) };
}

/** Splits one physical line into keyword and the rest, as process_config_line_depth does. */
export function lexLine(raw: string): LexedLine {
  if (raw.length === 0 || BLANK.test(raw)) return { kind: 'empty' };
  const line = stripTrailing(raw);
  let d = strdelim(line);
  if (d === null) return { kind: 'empty' };
  if (d.token === '') {
    if (d.rest === undefined) return { kind: 'empty' };
    d = strdelim(d.rest);
    if (d === null) return { kind: 'empty' };
  }
  const keyword = d.token;
  if (keyword === '' || keyword.startsWith('\n') || keyword.startsWith('#')) return { kind: 'empty' };
  const rest = d.rest === undefined ? '' : d.rest.slice(strspn(d.rest, 0, WHITESPACE));
  if (rest === '') return { kind: 'error', message: `no argument after keyword "${keyword.toLowerCase()}"` };
  return { kind: 'directive', keyword, rest };
}

/**
 * The verbatim argument of command keywords (ProxyCommand, LocalCommand, …): the raw rest of
 * the line after leading whitespace and `=`, with quotes and `#` kept.
 */
export function verbatimRest(rest: string): string {
  return rest.slice(strspn(rest, 0, WHITESPACE + '='));
}
