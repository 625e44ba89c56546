/**
 * Token expansion as misc.c percent_expand / dollar_expand and ssh.c do it. Unknown tokens are
 * errors in ssh, so they are errors here.
 */

export type Expansion = { ok: true; value: string } | { ok: false; error: string };

/** `%x` → map[x]; `%%` → `%`; an unknown key or a trailing `%` is an error. */
export function percentExpand(s: string, map: Readonly<Record<string, string>>): Expansion {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c !== '%') {
      out += c;
      continue;
    }
    const k = s[i + 1];
    if (k === undefined) return { ok: false, error: 'invalid format (trailing %)' };
    i++;
    if (k === '%') out += '%';
    else if (Object.hasOwn(map, k)) out += map[k];
    else return { ok: false, error: `unknown key %${k}` };
  }
  return { ok: true, value: out };
}

/** `${VAR}` from the environment; an unset variable or a missing `}` is an error. */
export function dollarExpand(s: string, env: Readonly<Record<string, string | undefined>>): Expansion {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      const close = s.indexOf('}', i + 2);
      if (close < 0) return { ok: false, error: 'missing closing brace' };
      const name = s.slice(i + 2, close);
      // Own variables only: `${toString}` is not Object.prototype's.
      const v = Object.hasOwn(env, name) ? env[name] : undefined;
      if (name === '' || v === undefined) return { ok: false, error: `env var \${${name}} has no value` };
      out += v;
      i = close;
    } else out += s[i];
  }
  return { ok: true, value: out };
}

/** `~` and `~/…` become the home directory (a lone `~` gains a slash, as in misc.c); `~user` is left alone. */
export function tildeExpand(s: string, home: string): string {
  if (s === '~') return `${home}/`;
  if (s.startsWith('~/')) return home + s.slice(1);
  return s;
}

/** ssh.c default_client_percent_dollar_expand: tilde, `${ENV}`, then the default token set. */
export function clientPathExpand(
  s: string,
  tokens: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): Expansion {
  const d = dollarExpand(tildeExpand(s, home), env);
  return d.ok ? percentExpand(d.value, tokens) : d;
}
