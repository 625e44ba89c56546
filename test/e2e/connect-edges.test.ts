// connect at the edges: what must never stop a connection or choose the wrong ssh, and the
// inputs a run's checks depend on beyond the files (a jump's own config, the reader's groups).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cliEnv, runCli, tempHome } from '../helpers/run-cli.js';
import { calls, fake } from '../helpers/fake-ssh.js';
import { audit, CONFIG, connect } from '../helpers/connect.js';

test('a working directory that is gone does not stop a connection', () => {
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

test('an ssh that cannot be started is reported', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'ssh'), '#!/nonexistent/interpreter\n', { mode: 0o755 });
  for (let i = 0; i < 2; i++) {
    const r = connect(home, ['db', '--', 'true'], { PATH: `${bin}:${process.env.PATH ?? ''}` });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /could not start .*bin\/ssh/);
  }
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
  connect(home, ['db', '--', 'true']);
  const file = join(home, '.cache', 'jumpctl', 'client.json');
  const evil = join(home, 'evil');
  writeFileSync(evil, `#!/bin/sh\ntouch ${evil}-ran\n`, { mode: 0o755 });
  const cached = JSON.parse(readFileSync(file, 'utf8')) as { info: { path: string } };
  cached.info.path = evil;
  writeFileSync(file, JSON.stringify(cached), { mode: 0o600 });
  const r = connect(home, ['db', '--', 'true']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(existsSync(`${evil}-ran`), false);
  assert.equal(calls(home).length, 2, 'the ssh on PATH ran');
});

// A file readable only through a supplementary group: with that group dropped, the saved outline
// is not used (a stat of the file would still pass), and the checks report what ssh would.
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

test(
  'the groups a run has key the saved outlines: a file readable only through one',
  { skip: asNobody },
  () => {
    const home = tempHome({});
    chmodSync(home, 0o755);
    const team = join(home, 'team.conf');
    writeFileSync(team, 'Host bastion\n  HostName bastion.example.com\n', { mode: 0o640 });
    spawnSync('chown', ['0:50', team]);
    const main = join(home, 'main.cfg');
    writeFileSync(main, `Include ${team}\nHost db\n  HostName 10.0.0.5\n  ProxyJump bastion\n`, {
      mode: 0o644,
    });
    const cache = join(home, 'cache');
    for (const d of [cache, join(home, 'state')]) {
      mkdirSync(d, { mode: 0o700 });
      spawnSync('chown', ['65534:65534', d]);
    }
    const env = cliEnv(home, {
      XDG_CACHE_HOME: cache,
      XDG_STATE_HOME: join(home, 'state'),
      ...fake(home),
      JUMPCTL_FAKE_SSH_LOG: '',
    });
    const as = (groups: string, ...args: string[]) =>
      spawnSync(
        'setpriv',
        ['--reuid=65534', '--regid=65534', groups, process.execPath, CLI, '-F', main, ...args],
        {
          encoding: 'utf8',
          env,
        },
      );
    // With the group: the checks read team.conf; the saved outline is made.
    assert.equal(as('--groups=50', 'connect', 'db', '--', 'true').status, 0);
    assert.equal(as('--groups=50', 'show', 'db').status, 0);
    // Without it, what ssh would say: the file cannot be read (a stat of it still passes).
    const dropped = as('--clear-groups', 'connect', 'db', '--', 'true');
    assert.equal(dropped.status, 1, dropped.stderr);
    assert.match(dropped.stderr, /cannot read .*team\.conf/);
    const show = as('--clear-groups', 'show', 'db');
    assert.equal(show.status, 1, show.stderr);
    assert.match(show.stderr, /cannot read .*team\.conf/);
  },
);

test('a client facts file others could write is replaced by one of the user’s own', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  assert.equal(runCli(['show', 'db'], home).code, 0);
  const file = join(home, '.cache', 'jumpctl', 'client.json');
  chmodSync(file, 0o664);
  assert.equal(runCli(['show', 'db'], home).code, 0);
  assert.equal(statSync(file).mode & 0o777, 0o600);
});
