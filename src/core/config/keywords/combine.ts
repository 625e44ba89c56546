/**
 * The few places where OpenSSH 9.2 does not simply keep the first line's value, for a resolver
 * that wants to match `ssh -G` on them too.
 */
import type { KeywordContext, KeywordSpec } from './spec.js';
import { matchPattern } from './parse.js';

export interface ConfigLineArgs {
  /** The line's arguments, as given to `KeywordSpec.parse`. */
  readonly args: readonly string[];
  /** Whether the line is inside an active Host/Match block. */
  readonly active: boolean;
}

const valuesOf = (
  spec: KeywordSpec,
  args: readonly string[],
  ctx: KeywordContext,
): readonly string[] | undefined => {
  const r = spec.parse(args, ctx);
  return 'error' in r ? undefined : r.values;
};

/**
 * What `ssh -G` prints for a `first` keyword given all its lines in config order (undefined:
 * nothing was obtained). Beyond "first line with values wins" it reproduces:
 * - a line parsing to no values (`ConnectTimeout none`) leaves the option unset;
 * - RekeyLimit's size and interval are separate slots (`RekeyLimit 1G` then `RekeyLimit 2G 1h`
 *   prints `1073741824 3600`);
 * - ForwardAgent's flag and socket path are separate slots, and the path is printed if set;
 * - SyslogFacility is taken from the first line even in an inactive block;
 * - StreamLocalBindMask is assigned on every line, active or not, so the last one wins.
 */
export function resolveFirst(
  spec: KeywordSpec,
  lines: readonly ConfigLineArgs[],
  ctx: KeywordContext,
): readonly string[] | undefined {
  const parsed = lines.map((l) => ({ active: l.active, args: l.args, values: valuesOf(spec, l.args, ctx) }));
  const ok = parsed.filter((l) => l.values !== undefined && l.values.length > 0);
  switch (spec.name) {
    case 'syslogfacility':
      return ok[0]?.values;
    case 'streamlocalbindmask':
      return ok[ok.length - 1]?.values;
  }
  const active = ok.filter((l) => l.active);
  if (spec.name === 'rekeylimit') {
    const first = active[0];
    if (!first) return undefined;
    const withInterval = active.find((l) => l.args[1] !== undefined && l.args[1] !== 'none');
    return [first.values?.[0] ?? '0', withInterval?.values?.[1] ?? '0'];
  }
  if (spec.name === 'forwardagent') {
    const first = active[0];
    if (!first) return undefined;
    const path = active.find((l) => l.values?.[0] !== 'yes' && l.values?.[0] !== 'no');
    if (path) return path.values;
    return first.values;
  }
  return active[0]?.values;
}

/** SendEnv across lines: names append (duplicates kept); `-pattern` removes matching names. */
export function applySendEnv(current: readonly string[], lineValues: readonly string[]): string[] {
  let out = [...current];
  for (const v of lineValues) {
    if (v.startsWith('-')) out = out.filter((e) => !matchPattern(e, v.slice(1)));
    else out.push(v);
  }
  return out;
}

/**
 * Keywords whose value `none` (any case) is kept while reading, so it still blocks later lines,
 * but cleared before printing: `ssh -G` shows no line for them. ProxyJump `none` likewise.
 */
export const CLEARED_BY_NONE: ReadonlySet<string> = new Set([
  'proxycommand',
  'proxyjump',
  'localcommand',
  'remotecommand',
  'controlpath',
  'revokedhostkeys',
  'pkcs11provider',
  'securitykeyprovider',
  'knownhostscommand',
]);

/**
 * Checks ssh makes on the final value after reading the configuration, fatal when the value is
 * in effect: the message, or undefined when the value is fine.
 */
export function effectiveValueError(name: string, values: readonly string[]): string | undefined {
  if (name === 'connectionattempts' && values[0] === '0') return 'Invalid number of ConnectionAttempts';
  return undefined;
}
