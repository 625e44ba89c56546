/**
 * The host picker: an inquirer search list, fuzzy-filtered as you type, recent hosts first, in
 * aligned columns (alias, user@hostname:port, the jumps). Esc leaves it as Ctrl-C does: the
 * prompt is aborted, and the run ends as cancelled (exit 130).
 * inquirer is an ES module only, loaded with import() when the picker is really shown.
 */
import type { Key } from 'node:readline';
import { fuzzyScore } from '../core/fuzzy.js';

export interface PickEntry {
  readonly alias: string;
  readonly hostname: string;
  readonly user: string;
  readonly port: number;
  readonly chain: readonly string[];
}

const width = (s: string) => [...s].length;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/** One line per entry, the columns as wide as their widest cell over all entries. */
export function pickLabels(entries: readonly PickEntry[]): string[] {
  const address = (e: PickEntry) => `${e.user}@${e.hostname}:${e.port}`;
  const w0 = Math.max(0, ...entries.map((e) => width(e.alias)));
  const w1 = Math.max(0, ...entries.map((e) => width(address(e))));
  return entries.map((e) =>
    `${pad(e.alias, w0)}  ${pad(address(e), w1)}  ${e.chain.length > 0 ? `via ${e.chain.join(' → ')}` : ''}`.trimEnd(),
  );
}

export async function pickHost(entries: readonly PickEntry[]): Promise<string> {
  const labels = pickLabels(entries);
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
          const scored = entries
            .map((e, i) => ({ e, i, score: fuzzyScore(term ?? '', `${e.alias} ${e.hostname}`) }))
            .filter((x) => x.score !== undefined);
          if (term) scored.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.i - b.i);
          return scored.map(({ e, i }) => ({ name: labels[i] ?? e.alias, value: e.alias, short: e.alias }));
        },
      },
      { signal: esc.signal },
    );
  } finally {
    process.stdin.off('keypress', onKey);
  }
}
