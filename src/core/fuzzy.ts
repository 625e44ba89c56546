/**
 * Fuzzy filtering for the host picker: every typed character must appear in order; tighter and
 * earlier matches score higher.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const q = query.toLowerCase();
  const t = text.toLowerCase();
  if (q === '') return 0;
  let score = 0;
  let last = -1;
  for (const ch of q) {
    const i = t.indexOf(ch, last + 1);
    if (i < 0) return undefined;
    score += i === last + 1 ? 3 : 1;
    if (i === 0) score += 2;
    last = i;
  }
  return score - last / 100;
}
