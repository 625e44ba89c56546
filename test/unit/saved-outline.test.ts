// A configuration read through its saved outline (the verdict cache: ranges, and runs of literal
// Host blocks found by name) must resolve exactly as the same configuration parsed in full. Every
// case of the conformance corpus is checked both ways, for its hosts, its aliases and names no
// block mentions, in both of the outline's modes: searching the text for one host, and the index
// it builds once many hosts are asked for. The conformance suite checks the full parse against
// the real ssh -G; this closes the loop for the cached path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ChainResolver } from '../../src/core/config/chain/chain.js';
import type { FileVerdict } from '../../src/core/config/program/file-outline.js';
import { listHosts } from '../../src/core/config/program/hosts.js';
import {
  buildProgram,
  type FileSystemView,
  type Program,
  type VerdictStore,
} from '../../src/core/config/program/program.js';
import { matchPattern } from '../../src/core/config/resolve/pattern.js';
import { ctx } from '../helpers/mem-config.js';

const corpus = join(import.meta.dirname, '..', '..', 'fixtures', 'conformance');
const DIR = '/case';
const HOME = `${DIR}/home`;

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }).map(String)) {
    const p = join(dir, name);
    if (!statSync(p).isFile()) continue;
    out[`${DIR}/${relative(dir, p)}`] = readFileSync(p, 'latin1')
      .replaceAll('@DIR@', DIR)
      .replaceAll('@PWHOME@', HOME)
      .replaceAll('@USER@', 'u')
      .replaceAll('@UID@', '1000')
      .replaceAll('@LHOST@', 'laptop.local');
  }
  return out;
}

function fsOf(files: Record<string, string>): FileSystemView {
  return {
    // Every file has an identity, so the verdict store is asked.
    read: (p) => (p in files ? { text: files[p] as string, id: 'v1' } : undefined),
    glob: (pattern) =>
      Object.keys(files)
        .filter((f) => matchPattern(f, pattern))
        .sort(),
    permissionProblem: () => undefined,
  };
}

function build(files: Record<string, string>, verdicts?: VerdictStore): Program {
  return buildProgram(
    [{ path: `${DIR}/config`, user: true, required: true, checkPermissions: false }],
    fsOf(files),
    { version: [9, 2], home: HOME },
    verdicts,
  );
}

function memStore(): VerdictStore & { size: () => number } {
  const m = new Map<string, FileVerdict>();
  return { get: (p) => m.get(p), put: (p, _id, v) => void m.set(p, v), size: () => m.size };
}

function outcome(program: Program, host: string): unknown {
  try {
    const r = new ChainResolver(
      () => program,
      ctx({ home: HOME, passwdHome: HOME, env: { HOME } }),
      null,
    ).resolve(host);
    return { options: r.options, sources: r.sources, matched: r.matched };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const cases = ['show', 'regress', 'chain'].flatMap((kind) =>
  readdirSync(join(corpus, kind)).map((name) => ({ kind, name, dir: join(corpus, kind, name) })),
);

test('the corpus has cases whose saved outline keeps literal Host blocks whole', () => {
  let runs = 0;
  for (const c of cases) {
    const store = memStore();
    build(filesOf(c.dir), store);
    const cfg = store.get(`${DIR}/config`, 'v1');
    runs += cfg?.outline.filter((e) => e.k === 'k').length ?? 0;
  }
  assert.ok(runs >= 20, `only ${runs} literal runs in the whole corpus`);
});

for (const c of cases) {
  test(`${c.kind}/${c.name}: the saved outline resolves as the full parse`, () => {
    const files = filesOf(c.dir);
    const full = build(files);
    const store = memStore();
    build(files, store);
    const listed = ['hosts.txt', 'targets.txt'].flatMap((f) =>
      (files[`${DIR}/${f}`] ?? '').split('\n').filter((l) => l.trim() !== ''),
    );
    const names = [
      ...new Set([...listed, ...listHosts(full).aliases.map((a) => a.alias), 'nowhere', 'h', 'x1']),
    ];
    // One program per host: the text is searched for that host alone.
    for (const host of names) {
      const cached = build(files, store);
      assert.deepEqual(outcome(cached, host), outcome(full, host), `${host} (searched)`);
    }
    // One program for all, and the same hosts asked twice: past 16 hosts every block is indexed.
    const shared = build(files, store);
    for (const host of [...names, ...names, ...Array.from({ length: 20 }, (_, i) => `extra${i}`)])
      assert.deepEqual(outcome(shared, host), outcome(full, host), `${host} (indexed)`);
    // Aliases are listed the same, and every step is met in the same order with the same source.
    assert.deepEqual(listHosts(shared), listHosts(full));
    const steps = (p: Program) =>
      p.segments.flatMap((s) => s.steps.map((st) => `${st.ref.file}:${st.ref.line}`));
    assert.deepEqual(steps(build(files, store)), steps(full));
    const seqs = build(files, store).segments.flatMap((s) => s.steps.map((st) => st.seq));
    assert.ok(
      seqs.every((q, i) => i === 0 || q > (seqs[i - 1] as number)),
      'steps are numbered in program order',
    );
  });
}

test('with a saved outline, a file whose Host blocks do not name the host is not read at all', () => {
  const files: Record<string, string> = {
    [`${DIR}/config`]: `Include ${DIR}/conf.d/*.conf\nHost *\n  User everyone\n`,
    [`${DIR}/conf.d/a.conf`]: 'Host a1 a2\n  HostName a.example\nHost a3\n  Port 2200\n',
    [`${DIR}/conf.d/b.conf`]: 'Host b1\n  HostName b.example\n  User bob\n',
  };
  const store = memStore();
  build(files, store);
  const reads = new Map<string, number>();
  const counting: FileSystemView = {
    ...fsOf(files),
    read: (p) =>
      p in files
        ? {
            id: 'v1',
            get text() {
              reads.set(p, (reads.get(p) ?? 0) + 1);
              return files[p] as string;
            },
          }
        : undefined,
  };
  const program = buildProgram(
    [{ path: `${DIR}/config`, user: true, required: true, checkPermissions: false }],
    counting,
    { version: [9, 2], home: HOME },
    store,
  );
  const got = outcome(program, 'b1') as { options: Record<string, unknown> };
  assert.equal(got.options.user, 'bob');
  assert.equal(got.options.hostname, 'b.example');
  assert.equal(reads.get(`${DIR}/conf.d/a.conf`), undefined, 'a.conf was read');
  assert.ok((reads.get(`${DIR}/conf.d/b.conf`) ?? 0) > 0);
});
