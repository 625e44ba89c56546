import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allPresent,
  forwardedNodes,
  parseHopsOption,
  planSteps,
  type HopReport,
} from '../../src/core/copy-id/plan.js';
import { forwarderWithConfig } from '../../src/core/config/chain/proxy-command.js';
import { ChainCycleError, JumpctlError } from '../../src/core/errors.js';
import { chains } from '../helpers/mem-config.js';

const three = [
  'Host target\n HostName 10.0.0.5\n ProxyJump jump2\n',
  'Host jump2\n HostName j2.example\n Port 2222\n ProxyJump jump1\n',
  'Host jump1\n HostName j1.example\n User ops\n',
].join('');

const plan = (cfg: string, host: string, hops?: string, cli = {}) =>
  planSteps(chains({ '/cfg': cfg }).chain(host, cli), cli, parseHopsOption(hops));

test('every hop from the client outwards, then the target, each reached through the ones before', () => {
  const steps = plan(three, 'target');
  assert.deepEqual(
    steps.map((s) => [s.alias, `${s.user}@${s.hostname}:${s.port}`, s.role, s.through.join(',')]),
    [
      ['jump1', 'ops@j1.example:22', 'jump', ''],
      ['jump2', 'u@j2.example:2222', 'jump', 'jump1'],
      ['target', 'u@10.0.0.5:22', 'target', 'jump1,jump2'],
    ],
  );
  assert.ok(steps.every((s) => s.requested));
});

test('each hop keeps the command line ssh gives its process (ProxyJump a,b; user@host:port)', () => {
  const cfg = 'Host t\n ProxyJump a,ops@b:2200\nHost b\n ProxyJump c\n User other\n';
  const steps = plan(cfg, 't');
  assert.deepEqual(
    steps.map((s) => [s.alias, s.cli]),
    [
      ['a', {}],
      ['b', { user: 'ops', port: 2200, jump: 'a' }],
      ['t', {}],
    ],
  );
  assert.equal(steps[1]?.user, 'ops');
  const withUser = plan(three, 'target', undefined, { user: 'root' });
  assert.deepEqual(withUser[2]?.cli, { user: 'root' });
  assert.equal(withUser[2]?.user, 'root');
});

test('--hops limits what is installed; the others are passed through', () => {
  const req = (hops: string) => plan(three, 'target', hops).map((s) => s.requested);
  assert.deepEqual(req('all'), [true, true, true]);
  assert.deepEqual(req('target'), [false, false, true]);
  assert.deepEqual(req('jump2, target'), [false, true, true]);
  assert.deepEqual(req('jump1'), [true, false, false]);
  assert.throws(
    () => plan(three, 'target', 'jump3'),
    (e: unknown) =>
      e instanceof JumpctlError &&
      e.exitCode === 2 &&
      /"jump3"/.test(e.message) &&
      /jump1 → jump2 → target/.test(e.hint ?? ''),
  );
  assert.throws(() => parseHopsOption(' , '), /empty/);
});

test('a direct host is one step; a looping chain is refused before anything is planned', () => {
  assert.deepEqual(
    plan('Host h\n HostName h.example\n', 'h').map((s) => s.alias),
    ['h'],
  );
  assert.throws(
    () => plan('Host *\n ProxyJump b\nHost b\n ProxyJump a\nHost a\n ProxyJump b\n', 'x'),
    ChainCycleError,
  );
});

test('success means every requested hop holds the key', () => {
  const steps = plan(three, 'target', 'jump2,target');
  const report = (statuses: HopReport['status'][]): HopReport[] =>
    steps.map((s, i) => ({ ...s, status: statuses[i] ?? 'skipped', notes: [] }));
  assert.equal(allPresent(report(['skipped', 'present', 'installed'])), true);
  assert.equal(allPresent(report(['skipped', 'installed', 'failed'])), false);
  assert.equal(allPresent(report(['skipped', 'failed', 'not-reached'])), false);
});

test('hops reached by a ProxyCommand ssh -W forwarder are found, and get the run config with -F', () => {
  const cfg =
    'Host target\n ProxyCommand ssh -W %h:%p jump2\n' +
    'Host jump2\n ProxyJump jump1\n' +
    'Host jump1\n HostName j1.example\n';
  const chain = chains({ '/cfg': cfg }).chain('target', {});
  assert.deepEqual(
    forwardedNodes(chain, {}).map((n) => n.alias),
    ['target'],
  );
  assert.deepEqual(forwardedNodes(chains({ '/cfg': three }).chain('target', {}), {}), []);
  assert.equal(
    forwarderWithConfig('ssh -q -W %h:%p ops@jump2', '/tmp/jcid-1/config'),
    'ssh -F /tmp/jcid-1/config -q -W %h:%p ops@jump2',
  );
  assert.equal(
    forwarderWithConfig('/usr/bin/ssh -W [%h]:%p j', '/tmp/c'),
    '/usr/bin/ssh -F /tmp/c -W [%h]:%p j',
  );
  // Its own -F, another program, or a path that would need quoting: left as it is.
  assert.equal(forwarderWithConfig('ssh -F /etc/other -W %h:%p j', '/tmp/c'), null);
  assert.equal(forwarderWithConfig('nc %h %p', '/tmp/c'), null);
  assert.equal(forwarderWithConfig('ssh -W %h:%p j', '/tmp/a b/c'), null);
});
