/**
 * The OpenSSH client keyword table: which keywords exist, how a line's arguments are read and
 * checked, how repeated occurrences combine, and how `ssh -G` prints the value.
 *
 * Modelled on readconf.c (keywords[] and process_config_line_depth) and checked against the
 * real `ssh -G` of the local client. Pure data and pure functions: no I/O.
 *
 * Conventions beyond the interface below:
 * - a `first` keyword whose line parses to no values (`ConnectTimeout none`, deprecated and
 *   ignored keywords) obtains nothing: a later line may still set the option;
 * - `parse([])` answers like ssh for a line whose arguments are only a comment
 *   (`BatchMode #x` is an error, `SendEnv #x` is not); a line with nothing at all after the
 *   keyword is the lexer's `no argument after keyword "x"` error, for every keyword;
 * - ProxyJump, like the command keywords, reads the raw rest of the line (`input: 'verbatim'`);
 * - the few values ssh expands before printing (HostName, ControlPath, UserKnownHostsFile,
 *   IdentityAgent, ForwardAgent paths, RemoteCommand, forward socket paths) are returned raw.
 */
import { TABLE } from './table.js';

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

/** An OpenSSH release as [major, minor], e.g. [9, 2]. */
export type SshVersion = readonly [number, number];

export interface KeywordContext {
  /** The version of the OpenSSH client whose behaviour we reproduce. */
  readonly version: SshVersion;
}

/** The values one config line contributes, exactly as `ssh -G` would print them. */
export type ParseResult = { readonly values: readonly string[] } | { readonly error: string };

export interface KeywordSpec {
  /** The name `ssh -G` prints (lower case, except `canonicalizePermittedcnames`). */
  readonly name: string;
  /**
   * `tokens`: the rest of the line split like OpenSSH's argv_split (quotes removed, `#` at the
   * start of a token ends the line). `verbatim`: the raw rest of the line, leading whitespace and
   * `=` skipped, trailing whitespace stripped, passed as the single argument (ProxyCommand,
   * LocalCommand, RemoteCommand, KnownHostsCommand).
   */
  readonly input: 'tokens' | 'verbatim';
  /**
   * How occurrences on active lines combine:
   * - `first`: the first value obtained wins (the OpenSSH default);
   * - `append`: every active line adds its values, exact duplicates dropped (IdentityFile,
   *   CertificateFile, LocalForward, RemoteForward, DynamicForward);
   * - `first-line`: the first active line wins as a whole, all its values (SetEnv,
   *   UserKnownHostsFile, GlobalKnownHostsFile, CanonicalDomains, …);
   * - `sendenv`: appended across lines, `-pattern` removes earlier matching entries;
   * - `ignored`: accepted and ignored (deprecated or unsupported keywords).
   */
  readonly combine: 'first' | 'append' | 'first-line' | 'sendenv' | 'ignored';
  /** `lines`: `ssh -G` prints one line per value (JSON array); `line`: values joined by one space. */
  readonly print: 'line' | 'lines';
  /** First OpenSSH release that knows the keyword; older clients reject it as unknown. */
  readonly since?: SshVersion;
  /** Deprecated/unsupported keywords: ssh logs and ignores them. */
  readonly status?: 'deprecated' | 'unsupported';
  /**
   * Check one line's arguments the way readconf.c does and return what `ssh -G` prints for
   * them (e.g. `ControlPersist 10m` → `["600"]`, `ControlMaster yes` → `["true"]`,
   * `LocalForward 8080 localhost:80` → `["8080 [localhost]:80"]`). Errors use ssh's wording
   * where practical ("no argument after keyword", "extra arguments at end of line", …).
   */
  parse(args: readonly string[], ctx: KeywordContext): ParseResult;
}

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

export function compareVersion(a: SshVersion, b: SshVersion): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}
