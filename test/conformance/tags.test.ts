/**
 * Tags against the real ssh, on every config fixture (the round-trip fixtures and every `ssh -G`
 * conformance case): tagging hosts (their own block, or a new one for a host on a shared Host
 * line) leaves the real `ssh -G` of every host exactly as it was, and undoing each tag gives back
 * the file's exact bytes. A refused tag leaves the file untouched.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseEnv, listCases, materialize, ROOT } from './helpers/fixtures.js';
import { run } from './helpers/run.js';
import { sshG } from './helpers/sshg.js';

const CLI = join(ROOT, 'bin', 'jumpctl.js');

interface Case {
  readonly config: string;
  readonly home: string;
  readonly hosts: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

async function jumpctl(c: Case, args: string[]) {
  const env = { ...c.env, XDG_STATE_HOME: join(c.home, '.state'), XDG_CACHE_HOME: join(c.home, '.cache') };
  const r = await run(process.execPath, [CLI, '-F', c.config, ...args, '--json'], { env, timeoutMs: 60_000 });
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    // a crash: asserted on through status/stderr
  }
  return { ...r, json };
}

async function allG(c: Case, hosts: readonly string[]): Promise<string[]> {
  return Promise.all(hosts.map(async (h) => `${(await sshG(c.config, h, c.env)).stdout}`));
}

async function check(c: Case): Promise<void> {
  const original = readFileSync(c.config);
  const listed = await jumpctl(c, ['list']);
  const aliases = ((listed.json.hosts ?? []) as { alias: string }[]).map((h) => h.alias);
  const hosts = [...new Set([...c.hosts, ...aliases])];
  const before = await allG(c, hosts);
  let tagged = 0;
  // A few hosts per fixture keeps the suite quick; the first ones include shared Host lines.
  for (const alias of aliases.slice(0, 4)) {
    const r = await jumpctl(c, ['tag', alias, 'jc-t', '--yes']);
    if (r.status !== 0) {
      const code = (r.json.error as { code?: string } | undefined)?.code;
      assert.ok(
        code === 'E_CONFIG' || code === 'E_INVALID_INPUT',
        `unexpected refusal: ${r.stdout}${r.stderr}`,
      );
      continue;
    }
    if (r.json.written === true) tagged++;
    const l = await jumpctl(c, ['list', '--tag', 'jc-t']);
    assert.ok(
      ((l.json.hosts ?? []) as { alias: string }[]).some((h) => h.alias === alias),
      `list --tag jc-t shows ${alias}`,
    );
  }
  assert.deepEqual(await allG(c, hosts), before, 'ssh -G unchanged for every host after tagging');
  for (let i = 0; i < tagged; i++) assert.equal((await jumpctl(c, ['undo'])).status, 0);
  assert.deepEqual(readFileSync(c.config), original, 'undoing every tag restores the exact bytes');
}

describe('tags against ssh -G', { concurrency: 3 }, () => {
  for (const file of readdirSync(join(ROOT, 'fixtures', 'ssh-configs')).sort()) {
    test(`tags leave ssh -G unchanged: ssh-configs/${file}`, async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'jc-tags-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      chmodSync(dir, 0o755);
      const home = join(dir, 'home');
      mkdirSync(home, { mode: 0o755 });
      const config = join(dir, 'config');
      copyFileSync(join(ROOT, 'fixtures', 'ssh-configs', file), config);
      chmodSync(config, 0o644);
      const env = {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        SHELL: '/bin/sh',
        LANG: 'C',
        LC_ALL: 'C',
      };
      await check({ config, home, hosts: [], env });
    });
  }
  for (const name of listCases('show')) {
    test(`tags leave ssh -G unchanged: show/${name}`, async (t) => {
      const m = materialize('show', name);
      t.after(() => m.cleanup());
      await check({ config: m.config, home: m.home, hosts: m.hosts, env: caseEnv(m) });
    });
  }
});
