/**
 * Which segments a host must walk, in program order: an index of the segments that can apply
 * only to literal host names, and the merge of those with the rest and with the literal runs.
 */
import { isLiteralPattern } from '../resolve/pattern.js';
import type { LiteralRun, Scope, Segment } from './segment.js';

/** The literal names a Host scope can match, or undefined when it may match anything. */
function literalNames(scope: Scope): readonly string[] | undefined {
  if (scope.kind !== 'host' || !scope.patterns) return undefined;
  const positive = scope.patterns.filter((p) => !p.startsWith('!'));
  return positive.every(isLiteralPattern) ? positive : undefined;
}

/**
 * A segment whose scope chain contains a literal-only Host line can apply only to those names;
 * indexing them keeps resolving one host cheap in a file with thousands of hosts.
 */
export function indexSegments(segments: readonly Segment[]) {
  const literalIndex = new Map<string, number[]>();
  const always: number[] = [];
  // The outermost literal-only Host scope of a segment's chain decides; one answer per scope.
  const byScope = new Map<Scope, readonly string[] | null>();
  const namesOf = (scope: Scope): readonly string[] | null => {
    let got = byScope.get(scope);
    if (got === undefined) {
      const outer = scope.parent ? namesOf(scope.parent) : null;
      got = outer ?? literalNames(scope) ?? null;
      byScope.set(scope, got);
    }
    return got;
  };
  segments.forEach((seg, i) => {
    const names = namesOf(seg.scope);
    if (!names) {
      always.push(i);
      return;
    }
    for (const n of names.length > 1 ? new Set(names) : names) {
      const list = literalIndex.get(n);
      if (list) list.push(i);
      else literalIndex.set(n, [i]);
    }
  });
  return { literalIndex, always };
}

/** The segments at `indexes`, with each run's blocks put where the run sits. */
export function interleave(
  indexes: Iterable<number>,
  segments: readonly Segment[],
  runs: readonly LiteralRun[],
  blocksOf: (run: LiteralRun) => readonly Segment[],
): Segment[] {
  // Called once per host resolved (ten thousand times for `list`): no allocation but `out`.
  const out: Segment[] = [];
  const addRun = (run: LiteralRun) => {
    for (const seg of blocksOf(run)) out.push(seg);
  };
  let r = 0;
  for (const i of indexes) {
    for (let run = runs[r]; run && run.position <= i; run = runs[++r]) addRun(run);
    const seg = segments[i];
    if (seg) out.push(seg);
  }
  for (let run = runs[r]; run; run = runs[++r]) addRun(run);
  return out;
}

export function mergeSorted(a: readonly number[], b: readonly number[]): readonly number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] as number) < (b[j] as number))) out.push(a[i++] as number);
    else out.push(b[j++] as number);
  }
  return out;
}
