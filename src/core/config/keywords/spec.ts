/**
 * What a keyword is to the table and to its readers: the interface every entry of the keyword
 * table implements, and the client version that gates keywords. Apart from keywords.ts so that
 * the table and the value readers it is made of need not import the module that imports them.
 */
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

export function compareVersion(a: SshVersion, b: SshVersion): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}
