/**
 * The concrete host aliases of a configuration, for shell completion: every file ssh would read
 * (the entry files, then each Include, globbed and nested, relative paths under ~/.ssh for user
 * files and /etc/ssh for the system file, as readconf.c resolves them), reading only their Host
 * and Include lines. Nothing is parsed or resolved: on a 10,000-host configuration completion
 * must answer while the user waits for the TAB. Patterns and negations are never aliases.
 */
import { hostsAndIncludes, isLiteralPattern } from '../core/config/index.js';
import { entryFiles, readConfigText } from './config-files.js';
import { glob } from './glob.js';

/** readconf.c's READCONF_MAX_DEPTH: deeper Includes are an error to ssh, and not followed here. */
const MAX_DEPTH = 16;

export function scanAliases(configFlag: string | undefined, home: string): string[] {
  const aliases = new Set<string>();
  const visit = (path: string, user: boolean, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    let text: string | undefined;
    try {
      text = readConfigText(path)?.text;
    } catch {
      return; // unreadable: ssh would say so; completion offers what it can read
    }
    if (text === undefined) return;
    const { hosts, includes } = hostsAndIncludes(text);
    for (const h of hosts) if (isLiteralPattern(h)) aliases.add(h);
    for (const arg of includes) {
      if (!user && arg.startsWith('~')) continue;
      const pattern =
        arg.startsWith('/') || arg.startsWith('~') ? arg : `${user ? `${home}/.ssh` : '/etc/ssh'}/${arg}`;
      for (const match of glob(pattern, home)) visit(match, user, depth + 1);
    }
  };
  for (const entry of entryFiles(configFlag, home)) visit(entry.path, entry.user, 0);
  return [...aliases];
}
