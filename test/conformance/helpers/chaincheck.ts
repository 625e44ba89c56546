/** Assertions for `jumpctl chain --json` against the chain the real ssh spawned (see wrapper.ts). */
import assert from 'node:assert/strict';
import { describeRun, isRecord, type JumpctlResult } from './jumpctl.js';
import type { Hop, Truth } from './wrapper.js';

/** expect.json for chain cases: per target, the hop aliases (client outwards), "cycle" or "error". */
export type ChainExpectation = Record<string, string[] | 'cycle' | 'error'>;

export function assertTruthMatchesExpectation(truth: Truth, want: string[] | 'cycle' | 'error'): void {
  if (want === 'cycle' || want === 'error') {
    assert.equal(truth.kind, want, `ssh did not behave as expected: ${JSON.stringify(truth)}`);
    return;
  }
  assert.equal(truth.kind, 'chain', `ssh did not spawn a chain: ${JSON.stringify(truth)}`);
  if (truth.kind !== 'chain') return;
  assert.deepEqual(
    truth.hops.map((h) => h.alias),
    want,
  );
}

function normHop(v: unknown): unknown {
  if (!isRecord(v)) return v;
  const str = (x: unknown): unknown => (typeof x === 'number' ? String(x) : x);
  return { alias: v.alias, hostname: v.hostname, port: str(v.port), user: v.user };
}

export function assertJumpctlChain(truth: Truth, r: JumpctlResult, host: string): void {
  const doc = r.json;
  if (truth.kind === 'chain') {
    assert.ok(r.status === 0 && isRecord(doc), `ssh spawned a chain, jumpctl failed: ${describeRun(r)}`);
    assert.equal(doc.host, host, 'top-level "host" must be the argument as typed');
    const hops = Array.isArray(doc.hops) ? doc.hops.map(normHop) : doc.hops;
    const want: { hops: Hop[]; target: Hop; proxy: string | null } = {
      hops: truth.hops,
      target: truth.target,
      proxy: truth.proxy,
    };
    const got = { hops, target: normHop(doc.target), proxy: doc.proxy };
    assert.deepEqual(
      got,
      want,
      `chain differs\n  ssh:     ${JSON.stringify(want)}\n  jumpctl: ${JSON.stringify(got)}`,
    );
    return;
  }
  assert.equal(r.status, 1, `ssh: ${truth.reason}; jumpctl should exit 1: ${describeRun(r)}`);
  assert.ok(isRecord(doc) && isRecord(doc.error), `no {"error": …} document: ${describeRun(r)}`);
  if (truth.kind === 'error') return;
  const err = doc.error;
  assert.equal(err.code, 'E_CHAIN_CYCLE', `ssh: ${truth.reason}; jumpctl: ${describeRun(r)}`);
  assert.ok(Array.isArray(err.cycle), `error.cycle must be an array: ${describeRun(r)}`);
  const named = new Set(err.cycle.map(String));
  for (const alias of truth.loop) {
    assert.ok(
      named.has(alias),
      `the loop goes through ${alias} (ssh: ${truth.loop.join(' > ')}); cycle: ${[...named]}`,
    );
  }
  const known = new Set([host, ...truth.seen, ...truth.loop]);
  for (const name of named) assert.ok(known.has(name), `cycle names ${name}, which ssh never visited`);
}
