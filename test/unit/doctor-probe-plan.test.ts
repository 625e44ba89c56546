// The probe as data: the generated config carries the probe options before the user's files,
// and a link probe repeats the nested command ssh itself runs for that hop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chainProbeArgs,
  includeProblem,
  linkProbeArgs,
  renderProbeConfig,
  wallClockSeconds,
} from '../../src/core/doctor/probe-plan.js';
import { chains } from '../helpers/mem-config.js';

test('probe options come first (ssh keeps the first value), then the user’s files in order', () => {
  const text = renderProbeConfig(['/home/u/.ssh/config', '/etc/ssh/ssh_config'], 4);
  const lines = text.trim().split('\n');
  for (const want of [
    'BatchMode yes',
    'ConnectTimeout 4',
    'StrictHostKeyChecking yes',
    'ControlMaster no',
    'ControlPath none',
    'LogLevel VERBOSE',
  ])
    assert.ok(lines.includes(want), want);
  assert.deepEqual(lines.slice(-2), ['Include "/home/u/.ssh/config"', 'Include "/etc/ssh/ssh_config"']);
  assert.ok(lines.findIndex((l) => l.startsWith('Include')) > lines.indexOf('LogLevel VERBOSE'));
});

test('paths that Include would read as patterns or could not quote are refused', () => {
  assert.equal(includeProblem('/home/u/.ssh/config'), undefined);
  assert.match(includeProblem('relative/config') ?? '', /absolute/);
  assert.match(includeProblem('/home/u/my*config') ?? '', /glob/);
  assert.match(includeProblem('/home/u/a"b') ?? '', /quote/);
});

test('the chain probe runs true on the target after --; a link probe is ssh’s own -W command', () => {
  assert.deepEqual(chainProbeArgs('/run/p.conf', 'db'), [
    '-F',
    '/run/p.conf',
    '-T',
    '-o',
    'RemoteCommand=none',
    '--',
    'db',
    'true',
  ]);
  const cfg = 'Host db\n ProxyJump ops@a:2200,b\nHost b\n HostName b.example\nHost a\n HostName a.example\n';
  const c = chains({ '/cfg': cfg }).chain('db');
  const [a, b] = c.hops;
  assert.ok(a && b);
  // b is reached with `ssh -J ops@a:2200 -W '[b.example]:22' b`, a with `ssh -l ops -p 2200 -W … a`.
  assert.deepEqual(linkProbeArgs('/p', b, { alias: 'db', hostname: c.target.hostname, port: 22 }), [
    '-F',
    '/p',
    '-J',
    'ops@a:2200',
    '-W',
    '[db]:22',
    '--',
    'b',
  ]);
  assert.deepEqual(linkProbeArgs('/p', a, { alias: 'b', hostname: 'b.example', port: 22 }), [
    '-F',
    '/p',
    '-l',
    'ops',
    '-p',
    '2200',
    '-W',
    '[b.example]:22',
    '--',
    'a',
  ]);
});

test('the wall clock leaves every process its connect time-out plus a margin', () => {
  assert.equal(wallClockSeconds(5, 3), 25);
});
