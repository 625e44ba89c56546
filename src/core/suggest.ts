/**
 * "Did you mean": the one suggestion function, for hosts, jumps and keywords alike (commander
 * suggests commands and options itself).
 */

/** Optimal string alignment distance: Levenshtein, and a swap of two neighbours costs one. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const up = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * Whether `typed` is plausibly a slip for `candidate` (both lower-case): a few edits for its
 * length that leave some of it standing, or one containing the other when the shorter is a
 * real part of it (so `bastoin` does not suggest every one-letter alias, nor `hostnmae` host).
 */
function close(typed: string, candidate: string, d: number): boolean {
  const [short, long] = typed.length <= candidate.length ? [typed, candidate] : [candidate, typed];
  const limit = Math.min(3, Math.max(1, Math.floor(long.length / 3)));
  if (d <= limit && d < short.length) return true;
  if (short.length < 3) return false;
  // An abbreviation (`bast` for bastion), or most of one within the other.
  return (
    (short === typed && candidate.startsWith(typed)) ||
    (long.includes(short) && short.length * 2 > long.length)
  );
}

/** Up to `max` candidates close to `name`, the closest first (case-insensitive). */
export function suggest(name: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = name.toLowerCase();
  const scored: [number, string][] = [];
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const cl = c.toLowerCase();
    const d = editDistance(lower, cl);
    if (close(lower, cl, d)) scored.push([d, c]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))
    .slice(0, max)
    .map(([, c]) => c);
}

/** "Did you mean a?", "Did you mean a or b?", "Did you mean a, b or c?"; undefined for none. */
export function didYouMean(names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const last = names[names.length - 1] as string;
  return `Did you mean ${names.length === 1 ? last : `${names.slice(0, -1).join(', ')} or ${last}`}?`;
}
