/**
 * OpenSSH's pattern matching (match.c): `*` any run, `?` exactly one character, anchored,
 * case-sensitive; pattern lists are comma-separated with `!` negation that vetoes.
 */

/** match_pattern: iterative glob with backtracking on the last `*`. */
export function matchPattern(s: string, pattern: string): boolean {
  let si = 0;
  let pi = 0;
  let starP = -1;
  let starS = 0;
  while (si < s.length) {
    const pc = pattern[pi];
    if (pc === '*') {
      starP = pi++;
      starS = si;
    } else if (pc !== undefined && (pc === '?' || pc === s[si])) {
      pi++;
      si++;
    } else if (starP >= 0) {
      pi = starP + 1;
      si = ++starS;
    } else return false;
  }
  while (pattern[pi] === '*') pi++;
  return pi === pattern.length;
}

/**
 * match_pattern_list: 1 for a positive match, -1 when a negated pattern matches, 0 otherwise.
 * With `dolower`, the pattern is lower-cased (the caller lower-cases the string).
 */
export function matchPatternList(s: string, list: string, dolower: boolean): 1 | 0 | -1 {
  let got: 1 | 0 = 0;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    let sub = negated ? raw.slice(1) : raw;
    if (dolower) sub = sub.toLowerCase();
    if (matchPattern(s, sub)) {
      if (negated) return -1;
      got = 1;
    }
  }
  return got;
}

/** match_hostname: host names are compared case-insensitively. */
export function matchHostname(host: string, list: string): 1 | 0 | -1 {
  return matchPatternList(host.toLowerCase(), list, true);
}

/**
 * A `Host` line: each argument is one pattern (commas are literal); any matching negated pattern
 * vetoes the whole line; otherwise one positive match is needed.
 */
export function matchHostLine(host: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    if (matchPattern(host, negated ? p.slice(1) : p)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** True when a pattern has no glob characters, so it can only ever match itself. */
export function isLiteralPattern(p: string): boolean {
  return !/[*?]/.test(p) && !p.startsWith('!');
}
