/**
 * The OpenSSH client keyword table: which keywords exist, how a line's arguments are read and
 * checked, how repeated occurrences combine, and how `ssh -G` prints the value.
 *
 * Modelled on readconf.c (keywords[] and process_config_line_depth) and checked against the
 * real `ssh -G` of the local client. Pure data and pure functions: no I/O.
 *
 * Conventions beyond the KeywordSpec interface (spec.ts):
 * - a `first` keyword whose line parses to no values (`ConnectTimeout none`, deprecated and
 *   ignored keywords) obtains nothing: a later line may still set the option;
 * - `parse([])` answers like ssh for a line whose arguments are only a comment
 *   (`BatchMode #x` is an error, `SendEnv #x` is not); a line with nothing at all after the
 *   keyword is the lexer's `no argument after keyword "x"` error, for every keyword;
 * - ProxyJump, like the command keywords, reads the raw rest of the line (`input: 'verbatim'`);
 * - the few values ssh expands before printing (HostName, ControlPath, UserKnownHostsFile,
 *   IdentityAgent, ForwardAgent paths, RemoteCommand, forward socket paths) are returned raw.
 */
import { compareVersion, type KeywordContext, type KeywordSpec } from './spec.js';
import { TABLE } from './table.js';

export { compareVersion } from './spec.js';
export type { KeywordContext, KeywordSpec, ParseResult, SshVersion } from './spec.js';
export { resolveFirst, applySendEnv, CLEARED_BY_NONE, effectiveValueError } from './combine.js';
export type { ConfigLineArgs } from './combine.js';
export {
  parseForward,
  parseForwardArgs,
  formatForward,
  forwardKey,
  dumpForwardLines,
  parseProxyJump,
} from './forward.js';
export type { Forward, ForwardKind } from './forward.js';
export { assembleNames, ALGORITHM_LISTS } from './algorithms.js';
export { convtime, scanScaled, a2port, matchPattern, matchPatternList } from './parse.js';
export { TCP_SERVICES, MULTISTATE } from './names.js';

/** Every keyword ssh accepts, keyed by lower-case keyword, aliases included. */
export const KEYWORDS: ReadonlyMap<string, KeywordSpec> = new Map(
  TABLE.flatMap(([keywords, spec]) => keywords.map((k) => [k, spec] as const)),
);

/** Looks a keyword up case-insensitively, honouring the version gate. */
export function lookupKeyword(keyword: string, ctx: KeywordContext): KeywordSpec | undefined {
  const spec = KEYWORDS.get(keyword.toLowerCase());
  if (!spec) return undefined;
  if (spec.since && compareVersion(ctx.version, spec.since) < 0) return undefined;
  return spec;
}
