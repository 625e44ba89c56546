// connect's memo (src/io/connect-memo.ts): the second identical command line runs ssh without
// checking the chain again, and any change to what the checks read sends it through the checks.
// JUMPCTL_DEBUG=memo makes each run say whether it used the memo, and if not, why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cliEnv, runCli, tempHome } from '../helpers/run-cli.js';
import { calls, fake } from '../helpers/fake-ssh.js';

const CONFIG =
  'Host bastion\n  HostName bastion.example.com\nHost db\n  HostName 10.0.0.5\n  ProxyJump bastion\n';

function connect(home: string, args: string[], env: Record<string, string> = {}) {
  return runCli(['connect', ...args], home, { ...fake(home), JUMPCTL_DEBUG: 'memo', ...env });
}

function memoUse(stderr: string): string {
  return /jumpctl: connect memo: (.*)/.exec(stderr)?.[1] ?? '(the fast path did not run)';
}

function audit(home: string): { target: string; hops: string[]; exitCode: number }[] {
  const p = join(home, '.state', 'jumpctl', 'audit.jsonl');
  return existsSync(p)
    ? readFileSync(p, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { target: string; hops: string[]; exitCode: number })
    : [];
}

const memoFile = (home: string) => join(home, '.cache', 'jumpctl', 'connect-memo.json');

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

test('the memo never stops a connection: a working directory that is gone', () => {
  const home = tempHome({ '.ssh/config': CONFIG, 'gone/.keep': '' });
  connect(home, ['db', '--', 'true']); // the client's facts are cached from here on
  const gone = join(home, 'gone');
  const r = spawnSync(
    'sh',
    [
      '-c',
      `cd "${gone}" && rm -r "${gone}" && exec "$0" "$@"`,
      process.execPath,
      CLI,
      'connect',
      'db',
      '--',
      'true',
    ],
    { encoding: 'utf8', env: cliEnv(home, fake(home)) },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.equal(calls(home).length, 2);
});

test('an ssh that cannot be started is reported, and not memoized', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'ssh'), '#!/nonexistent/interpreter\n', { mode: 0o755 });
  for (let i = 0; i < 2; i++) {
    const r = connect(home, ['db', '--', 'true'], { PATH: `${bin}:${process.env.PATH ?? ''}` });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /could not start .*bin\/ssh/);
    assert.match(memoUse(r.stderr), /^not used/);
  }
  assert.equal(existsSync(memoFile(home)), false);
  assert.equal(audit(home).length, 0);
});

test('a Match exec in a jump’s own -F file is evaluated: the loop it makes is refused', () => {
  const home = tempHome({});
  const hop = join(home, 'hop.cfg');
  const ran = join(home, 'exec-ran');
  writeFileSync(
    join(home, 'main.cfg'),
    `Host db\n  HostName 10.0.0.5\n  ProxyCommand ssh -F ${hop} -W %h:%p jump\n`,
  );
  writeFileSync(
    hop,
    `Match host jump exec "touch ${ran}"\n  ProxyJump db\nHost jump\n  HostName j.example\n`,
  );
  const r = runCli(['-F', join(home, 'main.cfg'), 'connect', 'db', '--', 'true'], home, fake(home));
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /jump chain loops/);
  assert.equal(existsSync(ran), true, 'the Match exec command ran');
  assert.deepEqual(calls(home), []);
});

test('cached facts about the ssh client never choose which ssh runs', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  connect(home, ['db', '--', 'true'], { JUMPCTL_MEMO: 'off' });
  const file = join(home, '.cache', 'jumpctl', 'client.json');
  const evil = join(home, 'evil');
  writeFileSync(evil, `#!/bin/sh\ntouch ${evil}-ran\n`, { mode: 0o755 });
  const cached = JSON.parse(readFileSync(file, 'utf8')) as { info: { path: string } };
  cached.info.path = evil;
  writeFileSync(file, JSON.stringify(cached));
  const r = connect(home, ['db', '--', 'true'], { JUMPCTL_MEMO: 'off' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(existsSync(`${evil}-ran`), false);
  assert.equal(calls(home).length, 2, 'the ssh on PATH ran');
});

// A file readable only through a supplementary group: with that group dropped, the memo is not
// used (a stat of the file would still pass), and the checks report what ssh would.
function nobodyCanRun(): boolean {
  const r = spawnSync('setpriv', [
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
    process.execPath,
    CLI,
    '--version',
  ]);
  return r.status === 0;
}
const asNobody =
  process.getuid?.() !== 0 || spawnSync('setpriv', ['--version']).status !== 0
    ? 'needs root and setpriv(1) to run jumpctl as another user with chosen groups'
    : nobodyCanRun()
      ? false
      : `user nobody cannot run ${CLI} (a directory above it is private)`;

test('the groups a run has are part of what the memo is keyed on', { skip: asNobody }, () => {
  const home = tempHome({});
  chmodSync(home, 0o755);
  const team = join(home, 'team.conf');
  writeFileSync(team, 'Host bastion\n  HostName bastion.example.com\n', { mode: 0o640 });
  spawnSync('chown', [`0:50`, team]);
  writeFileSync(
    join(home, 'main.cfg'),
    `Include ${team}\nHost db\n  HostName 10.0.0.5\n  ProxyJump bastion\n`,
    {
      mode: 0o644,
    },
  );
  const cache = join(home, 'cache');
  const run = (groups: string[]) =>
    spawnSync(
      'setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        ...groups,
        process.execPath,
        CLI,
        '-F',
        join(home, 'main.cfg'),
        'connect',
        'db',
        '--',
        'true',
      ],
      {
        encoding: 'utf8',
        env: cliEnv(home, {
          XDG_CACHE_HOME: cache,
          XDG_STATE_HOME: join(home, 'state'),
          ...fake(home),
          JUMPCTL_FAKE_SSH_LOG: '',
          JUMPCTL_DEBUG: 'memo',
        }),
      },
    );
  for (const d of [cache, join(home, 'state')]) {
    mkdirSync(d, { mode: 0o700 });
    spawnSync('chown', ['65534:65534', d]);
  }
  assert.equal(run(['--groups=50']).status, 0);
  assert.equal(memoUse(run(['--groups=50']).stderr), 'used');
  const dropped = run(['--clear-groups']);
  assert.equal(memoUse(dropped.stderr), 'not used (this command line is not memoized here)');
  assert.equal(dropped.status, 1, dropped.stderr);
  assert.match(dropped.stderr, /cannot read .*team\.conf/);
});
