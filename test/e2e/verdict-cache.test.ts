// The saved outline of an unchanged file must give exactly what a full parse gives, and any
// change to the file must be seen on the next run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/run-cli.js';

const CONFIG = [
  'Include conf.d/*.conf',
  'IgnoreUnknown UseKeychain',
  'Host *.prod',
  '  UseKeychain yes',
  '  StreamLocalBindMask 0077',
  'Host a',
  '  HostName a.example',
  '  # a comment',
  '',
  '  User alice',
  'Match host b.example',
  '  Port 2200',
  '',
].join('\n');

test('a second run from the saved outline resolves exactly like the first', () => {
  const home = tempHome({
    '.ssh/config': CONFIG,
    '.ssh/conf.d/1.conf': 'Host b\n  HostName b.example\n  User bob\n',
  });
  for (const host of ['a', 'b', 'x.prod']) {
    const first = runCli(['show', host, '--json'], home);
    const second = runCli(['show', host, '--json'], home);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(second.json(), first.json(), host);
  }
  assert.equal(
    (runCli(['show', 'b', '--json'], home).json() as { options: { port: string } }).options.port,
    '2200',
  );
});

test('an edit after the outline was saved is seen, even a bad line', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  assert.equal(
    (runCli(['show', 'a', '--json'], home).json() as { options: { user: string } }).options.user,
    'alice',
  );
  writeFileSync(join(home, '.ssh/config'), CONFIG.replace('User alice', 'User carol'), { mode: 0o600 });
  assert.equal(
    (runCli(['show', 'a', '--json'], home).json() as { options: { user: string } }).options.user,
    'carol',
  );
  writeFileSync(join(home, '.ssh/config'), CONFIG.replace('User alice', 'User'), { mode: 0o600 });
  const bad = runCli(['show', 'a'], home);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /config:10: no argument after keyword "user"/);
});

test('hosts in runs of literal Host blocks resolve and list the same from the saved outline', () => {
  const hosts = Array.from(
    { length: 40 },
    (_, i) => `Host h${i} alias${i}\n  HostName 10.0.0.${i}\n  User u${i}\n`,
  );
  const home = tempHome({
    '.ssh/config': [
      'Include conf.d/*.conf',
      'Host bastion\n  HostName bastion.example\n',
      'Host h1 h7\n  Port 2201\n',
      'Host *\n  User fallback\n  ProxyJump bastion\n',
    ].join('\n'),
    '.ssh/conf.d/a.conf': hosts.slice(0, 20).join('\n'),
    '.ssh/conf.d/b.conf': `${hosts.slice(20).join('\n')}\nHost h3\n  Port 2203\n  User late\n`,
  });
  const names = ['h1', 'h3', 'h7', 'alias25', 'h39', 'bastion', 'h', 'h10x', 'nowhere'];
  const first = names.map((h) => runCli(['show', h, '--json'], home));
  const firstList = runCli(['list', '--json'], home);
  const second = names.map((h) => runCli(['show', h, '--json'], home));
  names.forEach((h, i) => {
    assert.equal(first[i]?.code, 0, first[i]?.stderr);
    assert.deepEqual(second[i]?.json(), first[i]?.json(), h);
  });
  assert.deepEqual(runCli(['list', '--json'], home).json(), firstList.json());
  const h3 = second[1]?.json() as { options: Record<string, string> };
  assert.equal(h3.options.port, '2203');
  assert.equal(h3.options.user, 'u3');
  // An edit inside a run is seen on the next run.
  writeFileSync(
    join(home, '.ssh/conf.d/a.conf'),
    hosts.slice(0, 20).join('\n').replace('User u3\n', 'User edited\n'),
    {
      mode: 0o600,
    },
  );
  assert.equal(
    (runCli(['show', 'h3', '--json'], home).json() as { options: { user: string } }).options.user,
    'edited',
  );
});
