/**
 * doctor --tag offline: the report of every host with the tags (the same as doctor <host>),
 * one line per host on screen, the reports keyed by host in --json (checked by its schema).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempHome } from '../helpers/run-cli.js';
import { validate, type Schema } from '../schemas/validate.js';

const CONFIG = [
  'Host bastion',
  '  # jumpctl-tags: prod',
  '  HostName 192.0.2.1',
  'Host db',
  '  # jumpctl-tags: prod db',
  '  HostName 192.0.2.5',
  '  ProxyJump bastion',
  'Host web',
  '  # jumpctl-tags: prod',
  '  ProxyJump nowhere',
  'Host other',
  '  HostName 192.0.2.9',
  '',
].join('\n');

const schema = JSON.parse(
  readFileSync(join(ROOT, 'test', 'schemas', 'doctor.schema.json'), 'utf8'),
) as Schema;
type Report = { ok: boolean; failure: unknown; checks: { id: string; severity: string }[] };

test('doctor --tag --offline: every tagged host, each with the report doctor <host> gives', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const r = runCli(['doctor', '--tag', 'prod', '--offline', '--json'], home);
  assert.equal(r.code, 1, r.stderr);
  const doc = r.json() as { ok: boolean; selectedBy: string[]; hosts: Record<string, Report> };
  assert.deepEqual(validate(schema, doc), []);
  assert.deepEqual(Object.keys(doc.hosts), ['bastion', 'db', 'web']);
  assert.equal(doc.ok, false);
  assert.deepEqual(doc.selectedBy, ['prod']);
  for (const host of ['bastion', 'db', 'web']) {
    const one = runCli(['doctor', host, '--offline', '--json'], home).json();
    assert.deepEqual(doc.hosts[host], one, `${host}: the same report as doctor ${host}`);
  }
  assert.equal(doc.hosts.web?.ok, false);

  const screen = runCli(['doctor', '--tag', 'prod', '--offline'], home).stdout;
  assert.match(screen, /^✓ bastion +configuration ok$/m);
  assert.match(screen, /^✓ db +configuration ok$/m);
  assert.match(screen, /^✗ web +jump "nowhere"/m);
  assert.match(screen, /1 of 3 hosts have problems/);

  const fine = runCli(['doctor', '--tag', 'prod', '--tag', '!db', '--tag', '!prod', '--offline'], home);
  assert.equal(fine.code, 1);
  assert.match(fine.stderr + fine.stdout, /no host has the tags prod !db !prod/);
  const ok = runCli(['doctor', '--tag', 'db', '--offline', '--json'], home);
  assert.equal(ok.code, 0, ok.stdout);
  assert.equal(runCli(['doctor', 'db', '--tag', 'prod'], home).code, 2);
});
