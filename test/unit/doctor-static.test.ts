// The static checks as a whole, on in-memory configs and a made-up machine: chains, dead lines,
// identity files, ControlPath, permissions, the client, and what blocks a live probe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StaticResult } from '../../src/core/doctor/static.js';
import { HOME } from '../helpers/mem-config.js';
import { CLIENT, ids, runStatic, SSH_DIR } from '../helpers/doctor-facts.js';
import { ROOT } from '../helpers/run-cli.js';

const key = (name: string) => readFileSync(join(ROOT, 'fixtures', 'doctor', 'keys', name), 'utf8');
const find = (r: StaticResult, id: string) => r.checks.filter((c) => c.id === id);

test('a healthy chain: one ✓ per category and nothing else', () => {
  const cfg = 'Host bastion\n  HostName b.example\nHost db\n  HostName 10.0.0.5\n  ProxyJump bastion\n';
  const r = runStatic(cfg, { target: 'db' });
  assert.deepEqual(ids(r.checks), []);
  assert.equal(find(r, 'chain')[0]?.message, 'chain to db: bastion → db');
  assert.equal(r.blocked, undefined);
  assert.deepEqual(
    r.chain?.hops.map((h) => h.alias),
    ['bastion'],
  );
});

test('a loop blocks the probe with E_CHAIN_CYCLE material: the loop and the line', () => {
  const r = runStatic('Host *\n  ProxyJump bastion\nHost app\n  HostName 10.0.0.9\n', { target: 'app' });
  const c = find(r, 'chain.cycle')[0];
  assert.equal(c?.severity, 'error');
  assert.match(c?.message ?? '', /bastion → bastion/);
  assert.equal(c?.where, '/cfg:2');
  assert.equal(r.blocked?.check.id, 'chain.cycle');
});

test('an unknown jump alias is an error with a suggestion', () => {
  const r = runStatic('Host bastion\n  HostName b.example\nHost db\n  ProxyJump bastoin\n', { target: 'db' });
  const c = find(r, 'chain.unknown-jump')[0];
  assert.equal(c?.where, '/cfg:4');
  assert.match(c?.fix ?? '', /Did you mean bastion\?/);
});

test('a line after Host * set the same option never takes effect; a block of only such lines is dead', () => {
  const cfg =
    'Host *\n  User admin\n  Port 2200\nHost db\n  User postgres\n  Port 5432\nHost web\n  User www\n  HostName w.example\n';
  const r = runStatic(cfg);
  assert.deepEqual(
    find(r, 'config.dead-block').map((c) => c.where),
    ['/cfg:4'],
  );
  const line = find(r, 'config.dead-line');
  assert.deepEqual(
    line.map((c) => c.where),
    ['/cfg:8'],
  );
  assert.match(
    line[0]?.message ?? '',
    /User at \/cfg:8 never takes effect: User at \/cfg:2 applies first to every host/,
  );
});

test('a duplicate in a later literal block is dead only for the names of that block', () => {
  const cfg = 'Host db\n  Port 5432\nHost db web\n  Port 22\n';
  assert.deepEqual(ids(runStatic(cfg).checks), []); // still applies to web
  assert.deepEqual(
    find(runStatic('Host db\n  Port 5432\nHost db\n  Port 22\n'), 'config.dead-line').map((c) => c.where),
    ['/cfg:4'],
  );
});

test('ProxyJump and ProxyCommand both applying: the winning line is named', () => {
  const r = runStatic(
    'Host db\n  ProxyJump bastion\nHost *\n  ProxyCommand nc %h %p\nHost bastion\n  ProxyCommand none\n',
    {
      target: 'db',
    },
  );
  const c = find(r, 'chain.proxy-conflict')[0];
  assert.match(c?.message ?? '', /ssh uses ProxyJump at \/cfg:2 and ignores ProxyCommand at \/cfg:4/);
});

test('identity files: 0644 key → E_KEY_PERMISSIONS-class error; missing → warning, error when it is the only key', () => {
  const keyPath = `${HOME}/.ssh/id_ed25519`;
  const r = runStatic(`Host a\n  IdentityFile ~/.ssh/id_ed25519\nHost b\n  IdentityFile ~/.ssh/gone\n`, {
    files: { [keyPath]: { mode: 0o644 }, [`${keyPath}.pub`]: { pub: key('k_ed.pub') } },
  });
  assert.deepEqual(ids(r.checks), ['identity.permissions:error', 'identity.missing:warning']);
  assert.match(find(r, 'identity.permissions')[0]?.fix ?? '', /chmod 600/);
  const only = runStatic('Host a\n  IdentityFile ~/.ssh/gone\n  IdentitiesOnly yes\n');
  assert.deepEqual(ids(only.checks), ['identity.missing:error']);
});

test('identity files: DSA and short RSA keys are high, a default key ssh would try is checked too', () => {
  const r = runStatic('Host a\n  IdentityFile ~/.ssh/old\n', {
    files: {
      [`${HOME}/.ssh/old`]: {},
      [`${HOME}/.ssh/old.pub`]: { pub: key('k_dsa.pub') },
      [`${HOME}/.ssh/id_rsa`]: {},
      [`${HOME}/.ssh/id_rsa.pub`]: { pub: key('k_rsa1024.pub') },
    },
  });
  assert.deepEqual(ids(r.checks).sort(), ['security.key-size:high', 'security.key-type:high']);
});

test('L06c: a private key without a passphrase is a warning, a protected one is not', () => {
  const r = runStatic('Host a\n  IdentityFile ~/.ssh/bare\nHost b\n  IdentityFile ~/.ssh/locked\n', {
    files: {
      [`${HOME}/.ssh/bare`]: { priv: key('k_ed_nopass') },
      [`${HOME}/.ssh/locked`]: { priv: key('rsa3072-passphrase') },
    },
  });
  assert.deepEqual(ids(r.checks), ['security.key-passphrase:medium']);
  assert.equal(find(r, 'security.key-passphrase')[0]?.where, `${HOME}/.ssh/bare`);
  assert.match(find(r, 'security.key-passphrase')[0]?.fix ?? '', /ssh-keygen -p -f/);
  assert.equal(
    r.checks.some((c) => c.severity === 'high' || c.severity === 'error'),
    false,
  );
});

test('ControlPath: too long, missing directory, and a world-writable directory', () => {
  const long = `ControlPath ${HOME}/${'x'.repeat(90)}/%C`;
  const r = runStatic(
    `Host a\n  ControlMaster auto\n  ${long}\nHost b\n  ControlMaster auto\n  ControlPath /tmp/cm-%C\n`,
    {
      files: { '/tmp': { dir: true, mode: 0o1777, uid: 0 } },
    },
  );
  assert.deepEqual(ids(r.checks), [
    'controlpath.length:error',
    'controlpath.dir:error',
    'security.controlpath-shared-dir:medium',
  ]);
  const win = runStatic('Host a\n  ControlMaster auto\n  ControlPath none\n', {
    facts: { platform: 'win32' },
  });
  assert.deepEqual(ids(win.checks), ['controlpath.windows:error']);
});

test('permissions: an open ~/.ssh, and a group-writable config ssh accepts on Debian', () => {
  const r = runStatic('Host a\n  Port 22\n', {
    files: { [SSH_DIR]: { dir: true, mode: 0o755 }, '/cfg': { mode: 0o664 } },
  });
  assert.deepEqual(ids(r.checks), ['permissions.ssh-dir:medium', 'permissions.config:high']);
});

test('a config ssh refuses is an E_CONFIG check per line, and blocks probing', () => {
  const r = runStatic('Host a\n  Port nope\n  Bogus yes\n', { target: 'a' });
  const bad = find(r, 'config.parse');
  assert.equal(bad[0]?.severity, 'error');
  assert.equal(bad[0]?.where, '/cfg:2');
  assert.equal(r.blocked?.check.id, 'config.parse');
  const unknown = runStatic('Host a\n  Bogus yes\n', { target: 'a' });
  assert.match(find(unknown, 'config.parse')[0]?.message ?? '', /\/cfg:2: Bad configuration option: bogus/);
});

test('the client: missing, too old for ProxyJump, another ssh on PATH', () => {
  assert.deepEqual(ids(runStatic('', { client: { ...CLIENT, path: undefined } }).checks), [
    'ssh.client:error',
  ]);
  const old = { ...CLIENT, versionText: 'OpenSSH_7.2p2', version: [7, 2] as const };
  assert.deepEqual(ids(runStatic('Host a\n  ProxyJump b\n', { client: old }).checks).slice(0, 1), [
    'ssh.proxyjump:error',
  ]);
  const other = { ...CLIENT, others: [{ path: '/opt/old/bin/ssh', versionText: 'OpenSSH_7.2p2' }] };
  assert.deepEqual(ids(runStatic('', { client: other }).checks), ['ssh.jump-binary:warning']);
});

test('names with shell metacharacters in the chain block the probe', () => {
  const r = runStatic("Host t\n  HostName x'$(id)'\n", { target: 't' });
  assert.equal(r.blocked?.check.id, 'security.shell-metacharacters');
});

test('a target no block is written for is a warning with a suggestion', () => {
  const r = runStatic('Host db\n  HostName 10.0.0.5\nHost *\n  ServerAliveInterval 30\n', { target: 'dbb' });
  const c = find(r, 'chain.unknown-target')[0];
  assert.equal(c?.severity, 'warning');
  assert.equal(c?.fix, 'Did you mean db?');
});

test('a ProxyCommand ssh -W hop is noted: the probe options do not reach its ssh', () => {
  const cfg = 'Host bastion\n  HostName b.example\nHost legacy\n  ProxyCommand ssh -W %h:%p bastion\n';
  const c = find(runStatic(cfg, { target: 'legacy' }), 'chain.proxycommand-hop')[0];
  assert.equal(c?.severity, 'info');
  assert.equal(c?.where, '/cfg:4');
  assert.match(c?.fix ?? '', /ProxyJump bastion/);
});
