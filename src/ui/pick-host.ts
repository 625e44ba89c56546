/**
 * The host picker: an inquirer search list, fuzzy-filtered as you type, recent hosts first.
 * inquirer is an ES module only, loaded with import() from the CommonJS build.
 */
import { fuzzyScore } from '../core/fuzzy.js';

export interface PickEntry {
  readonly alias: string;
  readonly hostname: string;
  readonly user: string;
  readonly chain: readonly string[];
}

export async function pickHost(entries: readonly PickEntry[]): Promise<string> {
  const label = (e: PickEntry) =>
    `${e.alias}  ${e.user}@${e.hostname}${e.chain.length > 0 ? `  via ${e.chain.join(' → ')}` : ''}`;
  const { search } = await import('@inquirer/prompts');
  return search<string>({
    message: 'Connect to',
    pageSize: 15,
    source: (term) => {
      const scored = entries
        .map((e, i) => ({ e, i, score: fuzzyScore(term ?? '', `${e.alias} ${e.hostname}`) }))
        .filter((x) => x.score !== undefined);
      if (term) scored.sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.i - b.i);
      return scored.map(({ e }) => ({ name: label(e), value: e.alias }));
    },
  });
}
