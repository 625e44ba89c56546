/**
 * add-host, set, unset, rm, rename, undo and backups on the built CLI, each checked by what the
 * real `ssh -G` then says and by the exact bytes of the files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { ownPasswdHomeSkip, runCli, runInOwnPasswdHome, tempHome } from '../helpers/run-cli.js';

const BASE =
  '# my hosts\nHost bastion\n    HostName bastion.example.com\n    User ops\n\nHost *\n    ServerAliveInterval 60\n';

function g(home: string, host: string): Record<string, string> {
  const r = spawnSync('ssh', ['-G', '-F', join(home, '.ssh', 'config'), host], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home },
  });
  assert.equal(r.status, 0, r.stderr);
  return Object.fromEntries(r.stdout.split('\n').map((l) => [l.split(' ')[0], l.slice(l.indexOf(' ') + 1)]));
}

const cfg = (home: string) => readFileSync(join(home, '.ssh', 'config'), 'utf8');
type Json = { error?: { code: string; message: string; hint?: string }; files?: { diff: string }[] };
const json = (r: ReturnType<typeof runCli>) => r.json() as Json;

test('add-host goes before Host * and takes effect; --dry-run shows the diff and writes nothing', () => {
  const home = tempHome({ '.ssh/config': BASE });
  const dry = runCli(
    ['add-host', 'web', '--hostname', '10.0.0.5', '--user', 'deploy', '--via', 'bastion', '--dry-run'],
    home,
  );
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^\+Host web$/m);
  assert.match(dry.stdout, /^\+ {4}ProxyJump bastion$/m);
  assert.match(dry.stdout, /nothing was written/);
  assert.equal(cfg(home), BASE);
  const r = runCli(
    ['add-host', 'web', '--hostname', '10.0.0.5', '--user', 'deploy', '--via', 'bastion', '--yes'],
    home,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.ok(cfg(home).indexOf('Host web') < cfg(home).indexOf('Host *'));
  const web = g(home, 'web');
  assert.equal(web.hostname, '10.0.0.5');
  assert.equal(web.user, 'deploy');
  assert.equal(web.proxyjump, 'bastion');
  assert.equal(web.serveraliveinterval, '60');
});

test('add-host refuses a duplicate alias (suggesting set) and an unknown jump alias (with a hint)', () => {
  const home = tempHome({ '.ssh/config': BASE });
  const dup = runCli(['--json', 'add-host', 'bastion', '--hostname', 'x', '--yes'], home);
  assert.equal(dup.code, 1);
  assert.equal(json(dup).error?.code, 'E_HOST_EXISTS');
  assert.match(json(dup).error?.hint ?? '', /jumpctl set bastion/);
  const unknown = runCli(['--json', 'add-host', 'web', '--hostname', 'x', '--via', 'bastoin', '--yes'], home);
  assert.equal(unknown.code, 1);
  assert.equal(json(unknown).error?.code, 'E_UNKNOWN_JUMP');
  assert.match(json(unknown).error?.hint ?? '', /Did you mean bastion\?.*jumpctl add-host bastoin/);
  assert.equal(cfg(home), BASE);
});

test('a global line that would shadow a requested value is refused with its file:line; --force writes', () => {
  const text = `User root\n${BASE}`;
  const home = tempHome({ '.ssh/config': text });
  const r = runCli(['--json', 'add-host', 'web', '--hostname', 'w', '--user', 'deploy', '--yes'], home);
  assert.equal(r.code, 1);
  assert.equal(json(r).error?.code, 'E_SHADOWED');
  assert.match(
    json(r).error?.message ?? '',
    new RegExp(`user for web would not take effect: ${join(home, '.ssh', 'config')}:1 sets it first`),
  );
  assert.equal(cfg(home), text);
  assert.equal(
    runCli(['add-host', 'web', '--hostname', 'w', '--user', 'deploy', '--yes', '--force'], home).code,
    0,
  );
  assert.equal(g(home, 'web').user, 'root', 'ssh agrees: the global User wins');
});

test('--proxy-command nests ssh -W forwarders, and the chain is the same hops as with ProxyJump', () => {
  const home = tempHome({
    '.ssh/config': `${BASE.replace('Host *', 'Host inner\n    HostName inner.example.com\n\nHost *')}`,
  });
  for (const [alias, extra] of [
    ['viapc', ['--proxy-command']],
    ['viapj', []],
  ] as const) {
    const r = runCli(
      ['add-host', alias, '--hostname', 'db.internal', '--via', 'bastion,inner', '--yes', ...extra],
      home,
    );
    assert.equal(r.code, 0, r.stderr);
  }
  // inner is reached through bastion in its own block; viapc forwards through inner.
  assert.match(
    cfg(home),
    /^Host inner\n {4}HostName inner\.example\.com\n {4}ProxyCommand ssh -W %h:%p bastion\n/m,
  );
  assert.match(cfg(home), /^Host viapc\n {4}HostName db\.internal\n {4}ProxyCommand ssh -W %h:%p inner\n/m);
  assert.equal(g(home, 'viapc').proxycommand, 'ssh -W %h:%p inner');
  assert.equal(g(home, 'inner').proxycommand, 'ssh -W %h:%p bastion');
  const hops = (alias: string) =>
    (runCli(['--json', 'chain', alias], home).json() as { hops: { alias: string; hostname: string }[] }).hops;
  assert.deepEqual(hops('viapc'), hops('viapj'));
  assert.deepEqual(
    hops('viapc').map((h) => h.hostname),
    ['bastion.example.com', 'inner.example.com'],
  );
});

test(
  '--control-master writes a private ControlPath with %C and creates its directory 0700 in the passwd home',
  { skip: ownPasswdHomeSkip },
  () => {
    const home = tempHome({ '.ssh/config': BASE });
    // ssh expands ~ in ControlPath to the passwd home, not $HOME: that is where the directory
    // goes. This run's passwd home is a temporary directory, so the real one is never touched.
    const passwdHome = tempHome();
    const r = runInOwnPasswdHome(
      ['add-host', 'web', '--hostname', 'w', '--control-master', '--yes'],
      home,
      passwdHome,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(statSync(join(passwdHome, '.ssh', 'cm')).mode & 0o777, 0o700);
    const web = g(home, 'web');
    assert.equal(web.controlmaster, 'auto');
    assert.equal(web.controlpersist, '300');
    const dir = join(userInfo().homedir, '.ssh', 'cm');
    assert.match(web.controlpath ?? '', new RegExp(`^${dir}/[0-9a-f]{40}$`));
  },
);

test('--identity: a .pub is refused with the private key as hint; a real key is written with IdentitiesOnly', () => {
  const home = tempHome({
    '.ssh/config': BASE,
    '.ssh/id_test': 'PRIVATE',
    '.ssh/id_test.pub': 'ssh-ed25519 AAAA test',
  });
  const pub = runCli(
    [
      '--json',
      'add-host',
      'web',
      '--hostname',
      'w',
      '--identity',
      join(home, '.ssh', 'id_test.pub'),
      '--yes',
    ],
    home,
  );
  assert.equal(pub.code, 2);
  assert.match(json(pub).error?.message ?? '', /public key/);
  assert.match(json(pub).error?.hint ?? '', /--identity .*\/\.ssh\/id_test$/);
  const missing = runCli(
    ['--json', 'add-host', 'web', '--hostname', 'w', '--identity', join(home, 'nope'), '--yes'],
    home,
  );
  assert.equal(missing.code, 2);
  assert.match(json(missing).error?.hint ?? '', /ssh-keygen/);
  const ok = runCli(
    ['add-host', 'web', '--hostname', 'w', '--identity', join(home, '.ssh', 'id_test'), '--yes'],
    home,
  );
  assert.equal(ok.code, 0, ok.stderr);
  // The test's $HOME is not the passwd home ssh expands ~ from, so the path is written in full.
  assert.ok(
    cfg(home).includes(`    IdentityFile ${join(home, '.ssh', 'id_test')}\n    IdentitiesOnly yes\n`),
  );
  assert.equal(g(home, 'web').identitiesonly, 'yes');
});

test('without a terminal, a missing --hostname is an error that names the flag', () => {
  const home = tempHome({ '.ssh/config': BASE });
  const r = runCli(['add-host', 'web'], home);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--hostname is required/);
});

test('add-host --pattern needs no --hostname: the block sets only what is given, for every host it matches', () => {
  const home = tempHome({ '.ssh/config': BASE });
  const r = runCli(['add-host', 'db-*', '--pattern', '--user', 'dbadmin', '--via', 'bastion', '--yes'], home);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    cfg(home),
    BASE.replace('Host *', 'Host db-*\n    User dbadmin\n    ProxyJump bastion\n\nHost *'),
  );
  const db = g(home, 'db-7');
  assert.equal(db.hostname, 'db-7', 'each host keeps its own name');
  assert.equal(db.user, 'dbadmin');
  assert.equal(db.proxyjump, 'bastion');
  // Nothing at all to set is still a usage error, and an alias that is not a pattern still needs --hostname.
  const empty = runCli(['--json', 'add-host', 'web-*', '--pattern', '--yes'], home);
  assert.equal(empty.code, 2);
  assert.match(json(empty).error?.message ?? '', /nothing to set/);
  const plainAlias = runCli(['add-host', 'web', '--user', 'x', '--yes'], home);
  assert.equal(plainAlias.code, 2);
  assert.match(plainAlias.stderr, /--hostname is required/);
});

test('set and unset change the host’s own block in the included file it lives in', () => {
  const inc =
    'Host app  # the app server\n\tHostName app.example.com\n\tuser = olduser   # keep this comment\n';
  const home = tempHome({ '.ssh/config': `Include conf.d/*\n${BASE}`, '.ssh/conf.d/app': inc });
  const r = runCli(['set', 'app', 'User', 'newuser', '--yes'], home);
  assert.equal(r.code, 0, r.stderr);
  const file = join(home, '.ssh', 'conf.d', 'app');
  assert.equal(
    readFileSync(file, 'utf8'),
    inc.replace('olduser', 'newuser'),
    'spelling, separator and comment kept',
  );
  assert.equal(g(home, 'app').user, 'newuser');
  assert.equal(runCli(['set', 'app', 'Port', '2200', '--yes'], home).code, 0);
  assert.match(readFileSync(file, 'utf8'), /\tPort 2200\n$/);
  assert.equal(g(home, 'app').port, '2200');
  assert.equal(runCli(['unset', 'app', 'port', '--yes'], home).code, 0);
  assert.equal(readFileSync(file, 'utf8'), inc.replace('olduser', 'newuser'));
  const none = runCli(['--json', 'unset', 'app', 'Port', '--yes'], home);
  assert.equal(json(none).error?.code, 'E_NOT_SET');
});

test('set on a host that shares its Host line gets its own block first; a shadowed set is refused', () => {
  const text = 'Host web1 web2\n    User shared\n\nHost *\n    Port 2222\n';
  const home = tempHome({ '.ssh/config': text });
  assert.equal(runCli(['set', 'web1', 'User', 'mine', '--yes'], home).code, 0);
  assert.equal(g(home, 'web1').user, 'mine');
  assert.equal(g(home, 'web2').user, 'shared');
  const home2 = tempHome({ '.ssh/config': 'Host *\n    Port 2222\n\nHost web\n    HostName w\n' });
  const r = runCli(['--json', 'set', 'web', 'Port', '22', '--yes'], home2);
  assert.equal(json(r).error?.code, 'E_SHADOWED');
  assert.match(json(r).error?.message ?? '', /config:2 sets it first/);
});

test('set refuses a ProxyJump that makes a loop', () => {
  const home = tempHome({ '.ssh/config': 'Host a\n    ProxyJump b\n\nHost b\n    HostName b.example.com\n' });
  const r = runCli(['--json', 'set', 'b', 'ProxyJump', 'a', '--yes'], home);
  assert.equal(r.code, 1);
  assert.equal(json(r).error?.code, 'E_CHAIN_CYCLE');
  assert.match(json(r).error?.message ?? '', /b → a → b|a → b → a/);
});

test('rm takes only the alias off a shared Host line, and refuses while others jump through it', () => {
  const text = `${BASE.replace('Host *', 'Host web db\n    User app\n\nHost inner\n    ProxyJump bastion\n\nHost *')}`;
  const home = tempHome({ '.ssh/config': text });
  assert.equal(runCli(['rm', 'web', '--yes'], home).code, 0);
  assert.match(cfg(home), /^Host db$/m);
  assert.equal(g(home, 'db').user, 'app');
  const used = runCli(['--json', 'rm', 'bastion', '--yes'], home);
  assert.equal(used.code, 1);
  assert.equal(json(used).error?.code, 'E_IN_USE');
  assert.match(json(used).error?.message ?? '', /inner still jumps through bastion/);
  assert.equal(runCli(['rm', 'bastion', '--yes', '--force'], home).code, 0);
  assert.doesNotMatch(cfg(home), /Host bastion/);
});

test('rename updates every ProxyJump and ProxyCommand across files and keeps the server', () => {
  const home = tempHome({
    '.ssh/config': 'Include conf.d/*\n\nHost gw\n    User ops\n',
    '.ssh/conf.d/a': 'Host a\n    ProxyJump alice@gw:2222,other\nHost b\n    ProxyCommand ssh -W %h:%p gw\n',
  });
  const before = g(home, 'gw');
  const r = runCli(['rename', 'gw', 'gateway', '--yes'], home);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(cfg(home), 'Include conf.d/*\n\nHost gateway\n    HostName gw\n    User ops\n');
  assert.equal(
    readFileSync(join(home, '.ssh', 'conf.d', 'a'), 'utf8'),
    'Host a\n    ProxyJump alice@gateway:2222,other\nHost b\n    ProxyCommand ssh -W %h:%p gateway\n',
  );
  const after = g(home, 'gateway');
  assert.equal(after.hostname, before.hostname);
  assert.equal(after.user, before.user);
});

test('undo restores the last change, refuses when the file was edited since, and backups are bounded', () => {
  const home = tempHome({ '.ssh/config': BASE });
  assert.equal(runCli(['add-host', 'web', '--hostname', 'w', '--yes'], home).code, 0);
  const list = runCli(['--json', 'backups'], home).json() as {
    changes: { command: string; undone: boolean }[];
  };
  assert.equal(list.changes[0]?.command, 'add-host web');
  assert.equal(runCli(['undo'], home).code, 0);
  assert.equal(cfg(home), BASE);
  assert.equal(runCli(['add-host', 'web', '--hostname', 'w', '--yes'], home).code, 0);
  writeFileSync(join(home, '.ssh', 'config'), `${cfg(home)}# hand edit\n`);
  const conflict = runCli(['--json', 'undo'], home);
  assert.equal(json(conflict).error?.code, 'E_UNDO_CONFLICT');
  assert.match(cfg(home), /# hand edit/);
  for (let i = 0; i < 22; i++)
    assert.equal(runCli(['set', 'web', 'Port', String(2000 + i), '--yes'], home).code, 0);
  const kept = runCli(['--json', 'backups'], home).json() as { changes: unknown[] };
  assert.equal(kept.changes.length, 20);
  assert.ok(!existsSync(join(home, '.ssh', 'config.bak')));
});
