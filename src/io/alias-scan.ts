/**
 * The concrete host aliases and the tags of a configuration, for shell completion: every file
 * ssh would read (the entry files, then each Include, globbed and nested, relative paths under
 * ~/.ssh for user files and /etc/ssh for the system file, as readconf.c resolves them), read as
 * text: only their Host and Include lines are lexed, and tag lines only in a file that has one.
 * Nothing is parsed or resolved: on a 10,000-host configuration completion must answer while
 * the user waits for the TAB. Patterns and negations are never aliases.
 */
import { fileTags, hostsAndIncludes, isLiteralPattern, TAG_MARKER } from '../core/config/index.js';
import { entryFiles, readConfigText } from './config-files.js';
import { glob } from './glob.js';

/** readconf.c's READCONF_MAX_DEPTH: deeper Includes are an error to ssh, and not followed here. */
const MAX_DEPTH = 16;

/**
 * Calls `visit` with the text and Host patterns of every file the configuration reads, in order;
 * with `hint`, only the Host lines that may name a host starting with it.
 */
function walk(
  configFlag: string | undefined,
  home: string,
  visit: (text: string, hosts: string[]) => void,
  hint = '',
): void {
  const read = (path: string, user: boolean, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    let text: string | undefined;
    try {
      text = readConfigText(path)?.text;
    } catch {
      return; // unreadable: ssh would say so; completion offers what it can read
    }
    if (text === undefined) return;
    const { hosts, includes } = hostsAndIncludes(text, hint);
    visit(text, hosts);
    for (const arg of includes) {
      if (!user && arg.startsWith('~')) continue;
      const pattern =
        arg.startsWith('/') || arg.startsWith('~') ? arg : `${user ? `${home}/.ssh` : '/etc/ssh'}/${arg}`;
      for (const match of glob(pattern, home)) read(match, user, depth + 1);
    }
  };
  for (const entry of entryFiles(configFlag, home)) read(entry.path, entry.user, 0);
}

/** The aliases; at least every one starting with `prefix`. */
export function scanAliases(configFlag: string | undefined, home: string, prefix = ''): string[] {
  const aliases = new Set<string>();
  walk(
    configFlag,
    home,
    (_text, hosts) => {
      for (const h of hosts) if (isLiteralPattern(h)) aliases.add(h);
    },
    prefix,
  );
  return [...aliases];
}

export function scanTags(configFlag: string | undefined, home: string): string[] {
  const tags = new Map<string, string[]>();
  walk(configFlag, home, (text) => {
    // Most files hold no tag: they are not split into lines.
    if (!text.toLowerCase().includes(TAG_MARKER) && !/^[ \t]*tag\b/im.test(text)) return;
    const lines = text.split(/\r?\n/);
    fileTags(lines.length, (n) => lines[n - 1] ?? '', tags);
  });
  return [...new Set([...tags.values()].flat())].sort();
}
