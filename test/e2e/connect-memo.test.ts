// connect's memo (src/io/connect-memo.ts): the second identical command line runs ssh without
// checking the chain again, and any change to what the checks read sends it through the checks.
// JUMPCTL_DEBUG=memo makes each run say whether it used the memo, and if not, why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cliEnv, tempHome } from '../helpers/run-cli.js';
import { calls, fake } from '../helpers/fake-ssh.js';
import { audit, CONFIG, connect, memoFile, memoUse } from '../helpers/connect.js';

test('the second identical connect runs ssh from the memo: same command, exit code and audit line', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const args = ['db', '--', '-L', '8080:db:5432', 'echo $HOME'];
  const first = connect(home, args, { JUMPCTL_FAKE_SSH_EXIT: '7' });
  assert.equal(first.code, 7, first.stderr);
  assert.match(memoUse(first.stderr), /^not used \(no memo yet\)/);
  const second = connect(home, args, { JUMPCTL_FAKE_SSH_EXIT: '7' });
  assert.equal(second.code, 7, second.stderr);
  assert.equal(memoUse(second.stderr), 'used');
  const [a, b] = calls(home);
  assert.deepEqual(a, ['db', '-L', '8080:db:5432', 'echo $HOME']);
  assert.deepEqual(b, a);
  const lines = audit(home).map(({ target, hops, exitCode }) => ({ target, hops, exitCode }));
  assert.deepEqual(lines, [
    { target: 'db', hops: ['bastion'], exitCode: 7 },
    { target: 'db', hops: ['bastion'], exitCode: 7 },
  ]);
});

test('an edited config is checked again: a new jump is used, a loop is refused', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  connect(home, ['db', '--', 'true']);
  const cfg = join(home, '.ssh', 'config');
  writeFileSync(
    cfg,
    `${CONFIG}Host bastion2\n  HostName b2.example\n`.replace('ProxyJump bastion\n', 'ProxyJump bastion2\n'),
  );
  const edited = connect(home, ['db', '--', 'true']);
  assert.equal(edited.code, 0, edited.stderr);
  assert.equal(memoUse(edited.stderr), `not used (${cfg} changed)`);
  assert.deepEqual(audit(home).at(-1)?.hops, ['bastion2']);
  assert.equal(memoUse(connect(home, ['db', '--', 'true']).stderr), 'used');
  writeFileSync(cfg, 'Host db\n  ProxyJump db2\nHost db2\n  ProxyJump db\n');
  const looped = connect(home, ['db', '--', 'true']);
  assert.equal(looped.code, 1);
  assert.match(looped.stderr, /jump chain loops/);
  assert.equal(calls(home).length, 3, 'no ssh for the loop');
});

test('a file an Include pattern finds now is read', () => {
  const home = tempHome({ '.ssh/config': `Include conf.d/*\n${CONFIG}`, '.ssh/conf.d/.keep': '' });
  connect(home, ['db', '--', 'true']);
  assert.equal(memoUse(connect(home, ['db', '--', 'true']).stderr), 'used');
  writeFileSync(
    join(home, '.ssh', 'conf.d', 'db'),
    'Host db\n  ProxyJump jump9\nHost jump9\n  HostName j9\n',
    {
      mode: 0o600,
    },
  );
  const r = connect(home, ['db', '--', 'true']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(memoUse(r.stderr), /^not used \(the files of Include .*conf\.d\/\* changed\)$/);
  assert.deepEqual(audit(home).at(-1)?.hops, ['jump9']);
});

test('another ssh first on PATH, or config permissions ssh would refuse, are checked again', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const other = join(home, 'otherbin');
  mkdirSync(other);
  const PATH = `${other}:${fake(home).PATH ?? ''}`;
  connect(home, ['db', '--', 'true'], { PATH });
  assert.equal(memoUse(connect(home, ['db', '--', 'true'], { PATH }).stderr), 'used');
  copyFileSync(join(CLI, '..', '..', 'fixtures', 'bin', 'ssh'), join(other, 'ssh'));
  chmodSync(join(other, 'ssh'), 0o755);
  const r = connect(home, ['db', '--', 'true'], { PATH });
  assert.equal(memoUse(r.stderr), 'not used (the ssh client changed)');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(memoUse(connect(home, ['db', '--', 'true'], { PATH }).stderr), 'used');
  chmodSync(join(home, '.ssh', 'config'), 0o666);
  const refused = connect(home, ['db', '--', 'true'], { PATH });
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /Bad owner or permissions/);
  assert.equal(calls(home).length, 4);
});

test('a relative -F names another file in another directory', () => {
  const home = tempHome({
    'a/cfg': CONFIG,
    'b/cfg': `Host outer\n  HostName o.example\nHost bastion\n  ProxyJump outer\n${CONFIG}`,
  });
  const run = (dir: string) =>
    spawnSync(process.execPath, [CLI, '-F', 'cfg', 'connect', 'db', '--', 'true'], {
      cwd: join(home, dir),
      encoding: 'utf8',
      env: cliEnv(home, { ...fake(home), JUMPCTL_DEBUG: 'memo' }),
    });
  run('a');
  assert.equal(memoUse(run('a').stderr), 'used');
  const b = run('b');
  assert.equal(b.status, 0, b.stderr);
  assert.equal(memoUse(b.stderr), 'not used (this command line is not memoized here)');
  assert.deepEqual(
    audit(home).map((l) => l.hops),
    [['bastion'], ['bastion'], ['outer', 'bastion']],
  );
});

test('what the memo never holds: refused chains and Match exec answers', () => {
  const home = tempHome({ '.ssh/config': `${CONFIG}Host app\n  ProxyJump bastoin\n` });
  for (let i = 0; i < 2; i++) {
    const r = connect(home, ['app', '--', 'true']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /jump host "bastoin" is not configured/);
  }
  assert.equal(existsSync(memoFile(home)), false);
  const exec = tempHome({ '.ssh/config': `Match host db exec "true"\n  User viaexec\n${CONFIG}` });
  for (let i = 0; i < 2; i++) {
    const r = connect(exec, ['db', '--', 'true']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(memoUse(r.stderr), /^not used/);
  }
  assert.equal(existsSync(memoFile(exec)), false);
});

test('--no-audit and the settings file are honoured from the memo; JUMPCTL_MEMO=off neither uses nor keeps it', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  connect(home, ['db', '--no-audit', '--', 'true']);
  const quiet = connect(home, ['db', '--no-audit', '--', 'true']);
  assert.equal(memoUse(quiet.stderr), 'used');
  assert.equal(audit(home).length, 0);
  connect(home, ['db', '--', 'true']);
  mkdirSync(join(home, '.config', 'jumpctl'), { recursive: true });
  writeFileSync(join(home, '.config', 'jumpctl', 'config.json'), '{"audit": false}');
  assert.equal(memoUse(connect(home, ['db', '--', 'true']).stderr), 'used');
  assert.equal(audit(home).length, 1, 'only the run before audit was turned off');

  const off = tempHome({ '.ssh/config': CONFIG });
  for (let i = 0; i < 2; i++) {
    const r = connect(off, ['db', '--', 'true'], { JUMPCTL_MEMO: 'off' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(memoUse(r.stderr), 'not used (JUMPCTL_MEMO=off)');
  }
  assert.equal(existsSync(memoFile(off)), false);
});

test('a memo file others can write is ignored', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  connect(home, ['db', '--', 'true']);
  chmodSync(memoFile(home), 0o666);
  const r = connect(home, ['db', '--', 'true']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(memoUse(r.stderr), /not the user's own, or others can write it/);
  // That run's checks wrote a new memo, the user's own and private.
  assert.equal(memoUse(connect(home, ['db', '--', 'true']).stderr), 'used');
});
