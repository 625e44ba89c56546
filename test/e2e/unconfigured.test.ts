/**
 * Rough edge 4 of issue 15: a jump that no Host block configures, and a target no block applies
 * to, are marked by `chain` and `list`, on screen and in JSON (connect refuses such a jump,
 * doctor flags it; show already says a host is not configured).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { runCli, tempHome } from '../helpers/run-cli.js';

const CONFIG = [
  'Host bastion',
  '  HostName bastion.example.com',
  'Host app',
  '  HostName 10.0.0.9',
  '  ProxyJump bastoin',
  'Host db',
  '  HostName 10.0.0.5',
  '  ProxyJump bastion',
  '',
].join('\n');

function home(t: { after: (fn: () => void) => void }, config = CONFIG): string {
  const h = tempHome({ '.ssh/config': config });
  t.after(() => rmSync(h, { recursive: true, force: true }));
  return h;
}

test('chain marks a jump no Host block configures, with where it is named and a suggestion', (t) => {
  const h = home(t);
  const json = runCli(['chain', 'app', '--json'], h);
  assert.equal(json.code, 0, json.stderr);
  const doc = json.json() as {
    hops: { alias: string; configured: boolean }[];
    target: { configured: boolean };
    unknownJumps: { alias: string; source: string; suggestions: string[] }[];
  };
  assert.deepEqual(
    doc.hops.map((x) => [x.alias, x.configured]),
    [['bastoin', false]],
  );
  assert.equal(doc.target.configured, true);
  assert.deepEqual(doc.unknownJumps, [
    {
      alias: 'bastoin',
      source: `${h}/.ssh/config:5`,
      via: 'proxyjump',
      config: null,
      suggestions: ['bastion'],
    },
  ]);
  const human = runCli(['chain', 'app'], h);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /└─ bastoin \S+@bastoin:22 {2}✗ not configured/);
  assert.match(human.stdout, /No Host block configures the jump "bastoin" \(ProxyJump at .*config:5\)/);
  assert.match(human.stdout, /connect refuses it\. Did you mean bastion\?/);
});

test('chain of a host no block applies to says it is not configured (as show does)', (t) => {
  const h = home(t);
  const json = runCli(['chain', 'bastio', '--json'], h);
  assert.equal(json.code, 0, json.stderr);
  const doc = json.json() as { target: { configured: boolean }; suggestions: string[] };
  assert.equal(doc.target.configured, false);
  assert.deepEqual(doc.suggestions, ['bastion']);
  const human = runCli(['chain', 'bastio'], h);
  assert.match(human.stdout, /└─ bastio \S+@bastio:22 {2}✗ not configured/);
  assert.match(
    human.stdout,
    /No Host or Match block applies to "bastio": ssh would connect to it by that name/,
  );
  assert.match(human.stdout, /Did you mean: bastion\?/);
});

test('a configured chain has nothing marked', (t) => {
  const h = home(t);
  const r = runCli(['chain', 'db'], h);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /not configured/);
});

test('list marks the unconfigured jump in the chain column and in JSON', (t) => {
  const h = home(t);
  const json = runCli(['list', '--json'], h);
  assert.equal(json.code, 0, json.stderr);
  const hosts = (json.json() as { hosts: { alias: string; unknownJumps: string[] }[] }).hosts;
  assert.deepEqual(
    hosts.map((x) => [x.alias, x.unknownJumps]),
    [
      ['bastion', []],
      ['app', ['bastoin']],
      ['db', []],
    ],
  );
  const human = runCli(['list'], h);
  assert.match(human.stdout, /^app .*bastoin \(not configured\) → app$/m);
  assert.match(human.stdout, /^db .*bastion → db$/m);
  assert.match(human.stdout, /"not configured" has no Host block: .*connect refuses it/);
});
