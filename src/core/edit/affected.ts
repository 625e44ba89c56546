/**
 * Which hosts an edit can change, so that proving it does not mean resolving every host of a
 * 10,000-host configuration twice. Sound only in a narrow case, and undefined otherwise (then
 * every host is checked): every changed line lies in a Host block whose patterns are all literal
 * names, and no `Match final`/canonicalization pass re-matches Host lines against host names.
 */
import { diffArrays } from 'diff';
import { isLiteralPattern } from '../config/index.js';
import type { Doc } from './docs.js';

function namesAt(doc: Doc, index: number): readonly string[] | undefined {
  let owner: (typeof doc.blocks)[number] | undefined;
  for (const b of doc.blocks) {
    if (b.header > index) break;
    owner = b;
  }
  if (!owner || owner.kind !== 'host') return undefined;
  const positive = owner.patterns.filter((p) => !p.startsWith('!'));
  return positive.length > 0 && positive.every(isLiteralPattern) ? positive : undefined;
}

export function affectedHosts(pairs: readonly { before: Doc; after: Doc }[]): Set<string> | undefined {
  const names = new Set<string>();
  for (const { before, after } of pairs) {
    const parts = diffArrays(
      before.lines.map((l) => l.text + l.eol),
      after.lines.map((l) => l.text + l.eol),
    );
    let i = 0;
    let j = 0;
    for (const part of parts) {
      const n = part.count ?? part.value.length;
      if (!part.added && !part.removed) {
        i += n;
        j += n;
        continue;
      }
      for (let k = 0; k < n; k++) {
        const got = part.removed ? namesAt(before, i + k) : namesAt(after, j + k);
        if (!got) return undefined;
        for (const name of got) names.add(name.toLowerCase());
      }
      if (part.removed) i += n;
      else j += n;
    }
  }
  return names;
}
