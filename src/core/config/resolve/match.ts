/**
 * `Match` lines: parsed once (errors are static, like ssh's), evaluated per host with the state
 * obtained so far, as readconf.c match_cfg_line does in OpenSSH 9.x before 9.9 (tokens split
 * with strdelim, so `host=x` works and `#` at a token's start ends the line).
 */
import { strdelim } from '../syntax/tokenize.js';
import { matchHostname, matchPatternList } from './pattern.js';

export type MatchAttribute =
  'all' | 'canonical' | 'final' | 'host' | 'originalhost' | 'user' | 'localuser' | 'exec';

export interface MatchCriterion {
  readonly negate: boolean;
  readonly attr: MatchAttribute;
  readonly arg?: string;
}

export type MatchParse = { criteria: MatchCriterion[]; extra: boolean } | { error: string };

const WITH_ARG = new Set(['host', 'originalhost', 'user', 'localuser', 'exec']);

export function parseMatch(rest: string): MatchParse {
  const criteria: MatchCriterion[] = [];
  let cp: string | undefined = rest;
  let attributes = 0;
  for (;;) {
    const d: ReturnType<typeof strdelim> = cp === undefined ? null : strdelim(cp);
    if (d === null || d.token === '') break;
    cp = d.rest;
    if (d.token.startsWith('#')) {
      cp = undefined;
      break;
    }
    const negate = d.token.startsWith('!');
    const attr = (negate ? d.token.slice(1) : d.token).toLowerCase();
    if (attr === 'all') {
      const next = cp === undefined ? null : strdelim(cp);
      if (attributes > 1 || (next !== null && next.token !== '' && !next.token.startsWith('#'))) {
        return { error: `'${d.token}' cannot be combined with other Match attributes` };
      }
      criteria.push({ negate, attr: 'all' });
      return { criteria, extra: false };
    }
    attributes++;
    if (attr === 'canonical' || attr === 'final') {
      criteria.push({ negate, attr });
      continue;
    }
    if (!WITH_ARG.has(attr)) return { error: `Unsupported Match attribute ${attr}` };
    const a = cp === undefined ? null : strdelim(cp);
    if (a === null || a.token === '' || a.token.startsWith('#'))
      return { error: `Missing Match criteria for ${attr}` };
    cp = a.rest;
    criteria.push({ negate, attr: attr as MatchAttribute, arg: a.token });
  }
  if (attributes === 0) return { error: 'One or more attributes required for Match' };
  return { criteria, extra: cp !== undefined && cp !== '' };
}

export interface MatchState {
  /** The host `host` criteria see: the final HostName in the final pass, else HostName-so-far with %h expanded. */
  readonly host: string;
  readonly originalHost: string;
  /** User obtained so far, else the local user. */
  readonly remoteUser: string;
  readonly localUser: string;
  readonly finalPass: boolean;
  /** Runs an `exec` criterion (after token expansion); undefined when exec may not run here. */
  readonly exec: (command: string) => boolean | undefined;
  readonly expandExec: (command: string) => string;
}

/** True, false, or 'unknown' when an exec criterion was needed but not run. */
export function evaluateMatch(criteria: readonly MatchCriterion[], s: MatchState): boolean | 'unknown' {
  let result: boolean | 'unknown' = true;
  for (const c of criteria) {
    let r: boolean;
    switch (c.attr) {
      case 'all':
        return result === true ? !c.negate : result;
      case 'canonical':
      case 'final':
        r = s.finalPass;
        break;
      case 'host':
        r = matchHostname(s.host, c.arg ?? '') === 1;
        break;
      case 'originalhost':
        r = matchHostname(s.originalHost, c.arg ?? '') === 1;
        break;
      case 'user':
        r = matchPatternList(s.remoteUser, c.arg ?? '', false) === 1;
        break;
      case 'localuser':
        r = matchPatternList(s.localUser, c.arg ?? '', false) === 1;
        break;
      case 'exec': {
        // ssh skips exec once an earlier criterion on the line has failed.
        if (result !== true) continue;
        const ran = s.exec(s.expandExec(c.arg ?? ''));
        if (ran === undefined) {
          result = 'unknown';
          continue;
        }
        r = ran;
        break;
      }
    }
    if (r === c.negate) result = false;
  }
  return result;
}

/** `Match final` anywhere asks ssh for a second pass, even when negated or inactive (9.2). */
export function requestsFinalPass(criteria: readonly MatchCriterion[]): boolean {
  return criteria.some((c) => c.attr === 'final');
}
