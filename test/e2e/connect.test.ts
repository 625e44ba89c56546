import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { calls, fake } from '../helpers/fake-ssh.js';

const CONFIG =
  'Host bastion\n  HostName bastion.example.com\nHost db\n  HostName 10.0.0.5\n  ProxyJump bastion\n';

test('arguments after -- reach ssh untouched, and ssh’s exit code comes back', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const r = runCli(
    ['connect', 'db', '--', '-L', '8080:db:5432', '-N', 'echo $HOME; rm -rf x'],
    home,
    fake(home, 7),
  );
  assert.equal(r.code, 7, r.stderr);
  assert.deepEqual(calls(home), [['db', '-L', '8080:db:5432', '-N', 'echo $HOME; rm -rf x']]);
});

test('every connect appends one audit line; --no-audit does not', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  runCli(['connect', 'db', '--', 'true'], home, fake(home, 3));
  const log = join(home, '.state', 'jumpctl', 'audit.jsonl');
  const lines = readFileSync(log, 'utf8').trim().split('\n');
  assert.equal(lines.length, 1);
  const e = JSON.parse(lines[0] ?? '{}') as {
    target: string;
    hops: string[];
    exitCode: number;
    durationMs: number;
    time: string;
  };
  assert.equal(e.target, 'db');
  assert.deepEqual(e.hops, ['bastion']);
  assert.equal(e.exitCode, 3);
  assert.ok(e.durationMs >= 0 && !Number.isNaN(Date.parse(e.time)));
  runCli(['connect', 'db', '--no-audit', '--', 'true'], home, fake(home));
  assert.equal(readFileSync(log, 'utf8').trim().split('\n').length, 1);
});

test('--dry-run prints the exact command, quoted, and runs nothing', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const r = runCli(
    ['-F', join(home, '.ssh/config'), 'connect', 'db', '--via', 'bastion', '--dry-run', '--', 'echo', "it's"],
    home,
    fake(home),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), `ssh -F ${join(home, '.ssh/config')} -J bastion db echo 'it'\\''s'`);
  assert.deepEqual(calls(home), []);
});

test('a cyclic config is refused before any ssh connection is started', () => {
  const home = tempHome({
    '.ssh/config': 'Host *\n  ProxyJump bastion\nHost bastion\n  HostName b.example\n  ProxyJump none\n',
  });
  const r = runCli(['connect', 'app', '--', 'true'], home, fake(home));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /jump chain loops: bastion → bastion/);
  assert.deepEqual(calls(home), []);
});

test('an unknown jump alias is reported with suggestions; hostile targets are refused', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const r = runCli(['connect', 'db', '--via', 'bastoin', '--', 'true'], home, fake(home));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /jump host "bastoin" is not configured/);
  assert.match(r.stderr, /Did you mean bastion\?/);
  for (const bad of ['-oProxyCommand=touch /tmp/pwned', 'a;b']) {
    const b = runCli(['connect', '--', bad], home, fake(home));
    assert.equal(b.code, 2, bad);
  }
  assert.deepEqual(calls(home), []);
});

test('no target and no terminal: a clear error naming what to pass', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const r = runCli(['connect'], home, fake(home));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no target given, and no terminal/);
});

test('an audit log that cannot be written is said on stderr; ssh’s exit code stays the command’s', () => {
  const home = tempHome({ '.ssh/config': CONFIG, 'not-a-dir': '' });
  const env = { ...fake(home, 5), XDG_STATE_HOME: join(home, 'not-a-dir') };
  const r = runCli(['connect', 'db', '--', 'true'], home, env);
  assert.equal(r.code, 5, r.stderr);
  assert.match(r.stderr, /jumpctl: this connection is not in the audit log: .*not-a-dir/);
  assert.equal(calls(home).length, 1);
});
