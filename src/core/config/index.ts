/**
 * The config engine's one public entry: reading OpenSSH client config files into a program,
 * resolving a host the way `ssh -G` does, and following its jump chain. Everything outside
 * src/core/config/ imports the engine from here (a lint rule says so); the folders behind it are
 * its own business:
 * - syntax/: lines, tokens and one file's parse;
 * - keywords/: the client's keyword table, how each keyword's value is read and combined;
 * - program/: the files of one configuration, Include expanded, as ordered steps;
 * - resolve/: Host and Match evaluation, the options of one host as `ssh -G` prints them;
 * - chain/: ProxyJump and `ssh -W` ProxyCommand hops, the whole chain to a host.
 * Pure: no file system, processes or terminal; the edges supply those (see ResolveContext and
 * FileSystemView).
 */
export { formatRef, joinLines, type RawLine, type SourceRef } from './syntax/source.js';
export {
  hostsAndIncludes,
  parseFile,
  parseLine,
  type ParsedFile,
  type ParsedLine,
} from './syntax/parse-file.js';

export {
  compareVersion,
  KEYWORDS,
  lookupKeyword,
  type KeywordContext,
  type KeywordSpec,
  type SshVersion,
} from './keywords/keywords.js';
export { FALLBACK_BASELINE } from './keywords/fallback-baseline.js';

export {
  buildProgram,
  type EntryFile,
  type FileSystemView,
  type Program,
  type Scope,
  type Segment,
  type Step,
  type VerdictStore,
} from './program/program.js';
export type { FileVerdict } from './program/file-outline.js';
export { listHosts, type HostEntry, type PatternEntry } from './program/hosts.js';
export { fileTags, hostTags, ownAlias, TAG_MARKER, tagLineWords, tagsMatch } from './program/tags.js';

export { configProblems, resolveHost, type Resolution } from './resolve/resolve.js';
export type { CommandLine, ResolveContext } from './resolve/context.js';
export type { OptionValue } from './resolve/effective.js';
export { clientPathExpand, tildeExpand } from './resolve/expand.js';
export { connectionTokens } from './resolve/connection-tokens.js';
export { isLiteralPattern, matchHostLine, matchPatternList } from './resolve/pattern.js';

export { ChainResolver, looksLikeUnknownAlias, type Chain, type ChainNode } from './chain/chain.js';
export { parseHop, type JumpHop } from './chain/jump.js';
export { forwarderWithConfig, parseSshWCommand } from './chain/proxy-command.js';
