/**
 * Safe editing against the real ssh, on every config fixture (the round-trip fixtures and every
 * `ssh -G` conformance case):
 * - `add-host` then `rm` gives back the file's exact bytes;
 * - after `add-host`, the real `ssh -G` gives the requested values for the new host and the very
 *   same output as before for every other host; the diff only adds lines;
 * - when jumpctl refuses, the file is untouched and the real ssh proves the refusal right
 *   (the config is invalid, or a forced write really would not give the requested values).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseEnv, listCases, materialize, ROOT, type Materialized } from './helpers/fixtures.js';
import { run } from './helpers/run.js';
import { sshG, type Options } from './helpers/sshg.js';

const CLI = join(ROOT, 'bin', 'jumpctl.js');
const NEW = 'jcnew';
const ASK = [
  '--hostname',
  'new.example.org',
  '--user',
  'alice',
  '--port',
  '2222',
  '--via',
  'gwuser@gw.example.org:2200',
];
const WANT: Options = {
  hostname: 'new.example.org',
  user: 'alice',
  port: '2222',
  proxyjump: 'gwuser@gw.example.org:2200',
};

interface EditCase {
  readonly name: string;
  readonly config: string;
  readonly home: string;
  readonly hosts: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  cleanup(): void;
}

function fromRoundTrip(file: string): EditCase {
  const dir = mkdtempSync(join(tmpdir(), 'jc-edit-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'home'), { mode: 0o755 });
  const config = join(dir, 'config');
  copyFileSync(join(ROOT, 'fixtures', 'ssh-configs', file), config);
  chmodSync(config, 0o644);
  const home = join(dir, 'home');
  return {
    name: file,
    config,
    home,
    hosts: [],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, SHELL: '/bin/sh', LANG: 'C', LC_ALL: 'C' },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function fromShowCase(c: Materialized): EditCase {
  return {
    name: c.name,
    config: c.config,
    home: c.home,
    hosts: c.hosts,
    env: caseEnv(c),
    cleanup: c.cleanup,
  };
}

async function jumpctl(c: EditCase, args: string[]) {
  const env = {
    ...c.env,
    XDG_STATE_HOME: join(c.home, '.state'),
    XDG_CACHE_HOME: join(c.home, '.cache'),
    NO_COLOR: '1',
  };
  const r = await run(process.execPath, [CLI, '-F', c.config, ...args, '--json'], { env, timeoutMs: 60_000 });
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    // a crash: asserted on by the caller through status/stderr
  }
  return { ...r, json };
}

async function allG(c: EditCase, hosts: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const h of hosts) {
    const r = await sshG(c.config, h, c.env);
    out.set(h, `${r.status}\n${r.stdout}`);
  }
  return out;
}

async function hostsOf(c: EditCase): Promise<string[]> {
  const r = await jumpctl(c, ['list']);
  const aliases = ((r.json.aliases ?? r.json.hosts ?? []) as { alias: string }[]).map((h) => h.alias);
  return [...new Set([...c.hosts, ...aliases, 'unconfigured.example.net'])].filter((h) => h !== NEW);
}

async function check(c: EditCase): Promise<void> {
  const original = readFileSync(c.config);
  const hosts = await hostsOf(c);
  const before = await allG(c, hosts);
  const add = await jumpctl(c, ['add-host', NEW, ...ASK, '--yes']);
  if (add.status !== 0) {
    assert.deepEqual(readFileSync(c.config), original, 'a refused edit leaves the file untouched');
    const code = (add.json.error as { code?: string } | undefined)?.code;
    if (code === 'E_CONFIG') {
      const g = await sshG(c.config, 'x', c.env);
      assert.equal(g.status, 255, `jumpctl called the config invalid, ssh must too: ${add.stdout}`);
      return;
    }
    if (code === 'E_CHAIN_CYCLE') {
      // ssh would loop through the existing hosts: the cycle is in the config already.
      const cycle = (add.json.error as { cycle: string[] }).cycle;
      assert.ok(!cycle.includes(NEW), `the loop is among existing hosts: ${cycle.join(' → ')}`);
      const chain = await jumpctl(c, ['chain', cycle[0] as string]);
      assert.equal((chain.json.error as { code?: string } | undefined)?.code, 'E_CHAIN_CYCLE');
      return;
    }
    assert.equal(code, 'E_SHADOWED', `unexpected refusal: ${add.stdout}${add.stderr}`);
    const forced = await jumpctl(c, ['add-host', NEW, ...ASK, '--yes', '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    const g = await sshG(c.config, NEW, c.env);
    const off = Object.entries(WANT).filter(([k, v]) => g.options[k] !== v);
    assert.ok(
      off.length > 0,
      'ssh -G shows the refusal was right: some requested value does not take effect',
    );
    return;
  }
  const data = add.json as { files: { diff: string }[] };
  const diffLines = data.files.flatMap((f) => f.diff.split('\n'));
  assert.ok(
    diffLines.some((l) => l.startsWith('+') && !l.startsWith('+++')),
    'the diff adds lines',
  );
  assert.deepEqual(
    diffLines.filter((l) => l.startsWith('-') && !l.startsWith('---')),
    [],
    'the diff removes or changes no line',
  );
  const g = await sshG(c.config, NEW, c.env);
  assert.equal(g.status, 0, g.stderr);
  for (const [k, v] of Object.entries(WANT)) assert.equal(g.options[k], v, `ssh -G ${NEW}: ${k}`);
  const after = await allG(c, hosts);
  for (const h of hosts) assert.equal(after.get(h), before.get(h), `ssh -G ${h} unchanged by adding ${NEW}`);

  const rm = await jumpctl(c, ['rm', NEW, '--yes']);
  assert.equal(rm.status, 0, rm.stdout + rm.stderr);
  assert.deepEqual(readFileSync(c.config), original, 'add-host then rm restores the exact bytes');
}

describe('edit round trips', { concurrency: 3 }, () => {
  for (const file of readdirSync(join(ROOT, 'fixtures', 'ssh-configs')).sort()) {
    test(`edit round trip against ssh -G: ssh-configs/${file}`, async (t) => {
      const c = fromRoundTrip(file);
      t.after(() => c.cleanup());
      await check(c);
    });
  }

  for (const name of listCases('show')) {
    test(`edit round trip against ssh -G: show/${name}`, async (t) => {
      const c = fromShowCase(materialize('show', name));
      t.after(() => c.cleanup());
      await check(c);
    });
  }
});
