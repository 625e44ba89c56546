/**
 * The tags of a configuration, for shell completion: the same files alias-scan.ts reads (the
 * entry files and every Include, globbed and nested), each read as text only.
 */
import { fileTags, hostsAndIncludes, TAG_MARKER } from '../core/config/index.js';
import { entryFiles, readConfigText } from './config-files.js';
import { glob } from './glob.js';

const MAX_DEPTH = 16;

export function scanTags(configFlag: string | undefined, home: string): string[] {
  const tags = new Map<string, string[]>();
  const visit = (path: string, user: boolean, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    let text: string | undefined;
    try {
      text = readConfigText(path)?.text;
    } catch {
      return; // unreadable: completion offers what it can read
    }
    if (text === undefined) return;
    // Most files hold no tag: they are not split into lines.
    if (text.toLowerCase().includes(TAG_MARKER) || /^[ \t]*tag\b/im.test(text)) {
      const lines = text.split(/\r?\n/);
      fileTags(lines.length, (n) => lines[n - 1] ?? '', tags);
    }
    for (const arg of hostsAndIncludes(text).includes) {
      if (!user && arg.startsWith('~')) continue;
      const pattern =
        arg.startsWith('/') || arg.startsWith('~') ? arg : `${user ? `${home}/.ssh` : '/etc/ssh'}/${arg}`;
      for (const match of glob(pattern, home)) visit(match, user, depth + 1);
    }
  };
  for (const entry of entryFiles(configFlag, home)) visit(entry.path, entry.user, 0);
  return [...new Set([...tags.values()].flat())].sort();
}
