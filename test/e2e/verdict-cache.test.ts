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
