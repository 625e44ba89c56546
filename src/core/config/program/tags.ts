/**
 * Host tags, read from the configuration's text. jumpctl keeps a host's tags in the host's own
 * block as a comment line, `# jumpctl-tags: prod db`: ssh ignores comments on every version, so
 * the tags travel with the file at no cost to ssh. OpenSSH's own `Tag` keyword (9.4+) in the
 * host's own block is read as a tag too.
 *
 * A host's own block is a Host block whose positive patterns are all its alias (`Host db`,
 * `Host db !db-old`): tags in a block shared by several hosts are not read, so that what
 * `jumpctl tag` writes and what is read are the same lines.
 */
import type { Program } from './program.js';
import { hostLinePatterns } from '../syntax/parse-file.js';
import { isLiteralPattern } from '../resolve/pattern.js';

/** The one form jumpctl writes and reads (the marker is matched without regard to case). */
export const TAG_MARKER = 'jumpctl-tags:';
const TAG_LINE = /^[ \t]*#[ \t]*jumpctl-tags:(.*)$/i;
const TAG_KEYWORD = /^[ \t]*tag(?:[ \t]*=[ \t]*|[ \t]+)"?([^"\s]+)"?/i;
const MATCH_LINE = /^[ \t]*match\b/i;

/** The tags of a `# jumpctl-tags:` line, or undefined when the line is not one. */
export function tagLineWords(text: string): string[] | undefined {
  const m = TAG_LINE.exec(text);
  return m ? (m[1] ?? '').split(/\s+/).filter((w) => w !== '') : undefined;
}

/** The alias whose own block a Host line opens, or undefined for a shared or pattern block. */
export function ownAlias(patterns: readonly string[]): string | undefined {
  const positive = patterns.filter((p) => !p.startsWith('!'));
  const first = positive[0];
  if (first === undefined || !isLiteralPattern(first)) return undefined;
  return positive.every((p) => p.toLowerCase() === first.toLowerCase()) ? first : undefined;
}

/**
 * Tags per alias (keyed in lower case, as ssh compares host names) in one file's lines, given
 * by their count and text. Plain text only: no line is parsed unless it could be a Host line.
 */
export function fileTags(count: number, lineText: (n: number) => string, into = new Map<string, string[]>()) {
  let owner: string | undefined;
  for (let n = 1; n <= count; n++) {
    const text = lineText(n);
    const patterns = hostLinePatterns(text);
    if (patterns) {
      owner = ownAlias(patterns)?.toLowerCase();
      continue;
    }
    if (MATCH_LINE.test(text)) owner = undefined;
    if (owner === undefined) continue;
    const keyword = TAG_KEYWORD.exec(text)?.[1];
    const words = tagLineWords(text) ?? (keyword !== undefined ? [keyword] : []);
    if (words.length === 0) continue;
    const tags = into.get(owner) ?? [];
    for (const w of words) if (!tags.includes(w)) tags.push(w);
    into.set(owner, tags);
  }
  return into;
}

/** Every host's tags in the configuration, keyed by alias in lower case. */
export function hostTags(program: Program): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const file of program.files) {
    fileTags(file.lines.length, (n) => file.lineText(n), out);
  }
  return out;
}

/** Whether a host's tags satisfy every selector: `prod` must be there, `!staging` must not. */
export function tagsMatch(tags: readonly string[], selectors: readonly string[]): boolean {
  return selectors.every((s) => (s.startsWith('!') ? !tags.includes(s.slice(1)) : tags.includes(s)));
}
