/**
 * The host picker: an inquirer search list, fuzzy-filtered as you type, recent hosts first, in
 * aligned columns (alias, user@hostname:port, its tags, the jumps); `tag:prod` in the search
 * keeps the hosts tagged so (the rest of the search is fuzzy). Esc leaves it as Ctrl-C does: the
 * prompt is aborted, and the run ends as cancelled (exit 130).
 * inquirer is an ES module only, loaded with import() when the picker is really shown.
 */
import type { Key } from 'node:readline';
import { fuzzyScore } from '../core/fuzzy.js';
import { vis } from '../core/vis.js';

export interface PickEntry {
  readonly alias: string;
  readonly hostname: string;
  readonly user: string;
  readonly port: number;
  readonly chain: readonly string[];
  readonly tags?: readonly string[];
}

const width = (s: string) => [...s].length;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/** One line per entry, the columns as wide as their widest cell over all entries. */
export function pickLabels(entries: readonly PickEntry[]): string[] {
  const address = (e: PickEntry) => `${e.user}@${e.hostname}:${e.port}`;
  const w0 = Math.max(0, ...entries.map((e) => width(e.alias)));
  const w1 = Math.max(0, ...entries.map((e) => width(address(e))));
  const tags = (e: PickEntry) => (e.tags ?? []).map((t) => `#${t}`).join(' ');
  const w2 = Math.max(0, ...entries.map((e) => width(tags(e))));
  const tagCell = (e: PickEntry) => (w2 > 0 ? `${pad(tags(e), w2)}  ` : '');
  return entries.map((e) =>
    `${pad(e.alias, w0)}  ${pad(address(e), w1)}  ${tagCell(e)}${e.chain.length > 0 ? `via ${e.chain.join(' → ')}` : ''}`.trimEnd(),
  );
}

/**
 * The entries a search keeps, best first: each `tag:<prefix>` word must match one of the host's
 * tags (a prefix, so the list narrows as the tag is typed), the rest is fuzzy-matched against
 * the alias and host name. Indexes into `entries`.
 */
export function pickFilter(entries: readonly PickEntry[], term: string): number[] {
  const words = term.split(/\s+/).filter((w) => w !== '');
  const tagWords = words.filter((w) => w.startsWith('tag:')).map((w) => w.slice(4));
  const rest = words.filter((w) => !w.startsWith('tag:')).join(' ');
  const scored = entries
    .map((e, i) => ({ i, score: fuzzyScore(rest, `${e.alias} ${e.hostname}`) }))
    .filter((x) => x.score !== undefined)
    .filter(({ i }) => tagWords.every((w) => (entries[i]?.tags ?? []).some((t) => t.startsWith(w))));
  if (rest) scored.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.i - b.i);
  return scored.map((x) => x.i);
}

export async function pickHost(entries: readonly PickEntry[]): Promise<string> {
  // Names and addresses come from the config: control characters shown, not obeyed (vis.ts).
  const labels = pickLabels(entries).map((l) => vis(l));
  const { search } = await import('@inquirer/prompts');
  // inquirer's search has no Esc binding: abort the prompt on it (AbortPromptError, a cancel).
  const esc = new AbortController();
  const onKey = (_: string | undefined, key: Key | undefined) => {
    if (key?.name === 'escape') esc.abort();
  };
  process.stdin.on('keypress', onKey);
  try {
    return await search<string>(
      {
        message: 'Connect to',
        pageSize: 15,
        source: (term) => {
          const scored = pickFilter(entries, term ?? '').map((i) => ({ e: entries[i] as PickEntry, i }));
          return scored.map(({ e, i }) => ({
            name: labels[i] ?? e.alias,
            value: e.alias,
            short: vis(e.alias),
          }));
        },
      },
      { signal: esc.signal },
    );
  } finally {
    process.stdin.off('keypress', onKey);
  }
}
