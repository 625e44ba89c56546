/**
 * `jumpctl completion <shell> [--ssh]` prints a completion script; the scripts call the hidden
 * `jumpctl __complete`, answered here from the program's own commands and options and the
 * configuration's aliases (read without parsing: alias-scan.ts).
 */
import { KEYWORDS, lookupKeyword, type SshVersion } from '../core/config/index.js';
import { complete, completeSshTool, type ProgramSpec, type Sources } from '../core/completion/complete.js';
import { completionScript, type Shell } from '../core/completion/scripts.js';
import { canonicalKeyword } from '../core/edit/directive.js';
import { scanAliases, scanTags } from '../io/alias-scan.js';

import { home } from '../io/own-files.js';
import { clientInfo } from '../ssh/client-info.js';

export function script(shell: Shell, ssh: boolean): { shell: Shell; ssh: boolean; script: string } {
  return { shell, ssh, script: completionScript(shell, ssh) };
}

/**
 * Words a closed-list keyword may take: each is offered when the keyword's own reader accepts
 * it for this client, and only for keywords that refuse an arbitrary word.
 */
const VOCABULARY = [
  'yes',
  'no',
  'ask',
  'auto',
  'autoask',
  'confirm',
  'accept-new',
  'off',
  'always',
  'never',
  'force',
  'none',
  'any',
  'inet',
  'inet6',
  'point-to-point',
  'ethernet',
  'subsystem',
  'default',
  'QUIET',
  'FATAL',
  'ERROR',
  'INFO',
  'VERBOSE',
  'DEBUG',
  'DEBUG1',
  'DEBUG2',
  'DEBUG3',
  'md5',
  'sha256',
];

/** Thrown by the keyword sources before the client's version is known (see candidates()). */
const NEED_VERSION = Symbol('the client version is needed');

function sources(version: SshVersion | undefined): Sources {
  const aliases = new Map<string, readonly string[]>();
  const ctx = () => {
    if (version === undefined) throw NEED_VERSION;
    return { version };
  };
  return {
    aliases: (configFlag, prefix) => {
      const key = `${configFlag ?? ''}\0${prefix}`;
      let got = aliases.get(key);
      if (!got) aliases.set(key, (got = scanAliases(configFlag, home(), prefix)));
      return got;
    },
    keywords: () => {
      const c = ctx();
      return [
        ...new Set([...KEYWORDS.keys()].filter((k) => lookupKeyword(k, c)).map(canonicalKeyword)),
      ].sort();
    },
    keywordValues: (keyword) => {
      const c = ctx();
      const spec = lookupKeyword(keyword, c);
      if (!spec || spec.input !== 'tokens' || !('error' in spec.parse(['jumpctl-no-such-value'], c)))
        return [];
      return VOCABULARY.filter((w) => !('error' in spec.parse([w], c)));
    },
    tags: (configFlag) => scanTags(configFlag, home()),
  };
}

/**
 * The candidates for `jumpctl <words>` (the last word is the one being completed). Keywords
 * depend on the client's release, which is asked (or read from its cache) only when a keyword
 * is being completed: a host alias needs nothing but the config files.
 */
export async function candidates(program: ProgramSpec, words: readonly string[]): Promise<string[]> {
  try {
    return complete(program, words, sources(undefined));
  } catch (e) {
    if (e !== NEED_VERSION) throw e;
    return complete(program, words, sources((await clientInfo()).version));
  }
}

/** The candidates for an ssh, scp, sftp or rsync command line. */
export function sshToolCandidates(tool: string, words: readonly string[]): string[] {
  return completeSshTool(tool, words, (configFlag, prefix) => scanAliases(configFlag, home(), prefix));
}
