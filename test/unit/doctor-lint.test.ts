// Security lint rules (ssh-failures.md section 3): each fires on the configuration it is about,
// with the file:line that set the value, and stays quiet on a clean configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintSubjects } from '../../src/core/doctor/lint.js';
import { lintLines } from '../../src/core/doctor/lint-raw.js';
import { program } from '../helpers/mem-config.js';
import { ids, subjects } from '../helpers/doctor-facts.js';

const lint = (config: string, aliases: string[] = [], jumps: string[] = []) =>
  lintSubjects(subjects(config, aliases, jumps));
const raw = (config: string, names?: string[]) => lintLines(program({ '/cfg': config }), names);

test('a clean configuration has no findings', () => {
  const cfg =
    'Host bastion\n  HostName b.example\nHost db\n  ProxyJump bastion\nHost *\n  ServerAliveInterval 30\n';
  assert.deepEqual(ids(lint(cfg, ['bastion', 'db'], ['bastion'])), []);
  assert.deepEqual(ids(raw(cfg)), []);
});

test('L01 ForwardAgent for every host is high, reported once at its line', () => {
  const got = lint('Host *\n  ForwardAgent yes\n', ['a', 'b']);
  assert.deepEqual(ids(got), ['security.forwardagent-all:high']);
  assert.equal(got[0]?.where, '/cfg:2');
});

test('L02 ForwardAgent on a jump is medium; on a plain host it is not flagged', () => {
  const cfg = 'Host bastion\n  ForwardAgent yes\nHost dev\n  ForwardAgent yes\n';
  assert.deepEqual(ids(lint(cfg, ['bastion', 'dev'], ['bastion'])), ['security.forwardagent-jump:medium']);
});

test('L03 StrictHostKeyChecking no, L04 UserKnownHostsFile /dev/null: high', () => {
  const got = lint('Host lab-*\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n', ['lab-1']);
  assert.deepEqual(ids(got).sort(), [
    'security.known-hosts-null:high',
    'security.stricthostkeychecking:high',
  ]);
  assert.ok(got.every((c) => c.where?.startsWith('/cfg:')));
});

test('GlobalKnownHostsFile /dev/null alone is not a finding (the user file still remembers keys)', () => {
  assert.deepEqual(ids(lint('Host *\n  GlobalKnownHostsFile /dev/null\n', ['a'])), []);
});

test('L05 passwords before keys: medium, high together with StrictHostKeyChecking no', () => {
  assert.deepEqual(ids(lint('Host a\n  PreferredAuthentications password,publickey\n', ['a'])), [
    'security.password-preferred:medium',
  ]);
  const both = lint(
    'Host a\n  PreferredAuthentications keyboard-interactive,publickey\n  StrictHostKeyChecking no\n',
    ['a'],
  );
  assert.ok(ids(both).includes('security.password-preferred:high'));
});

test('L14 trusted X11 forwarding (Debian default ForwardX11Trusted yes); L15, L18, L19, L20, L21, L22', () => {
  const cfg = [
    'Host x',
    '  ForwardX11 yes',
    '  HashKnownHosts no',
    '  GatewayPorts yes',
    '  LocalForward 0.0.0.0:8080 localhost:80',
    '  VerifyHostKeyDNS yes',
    '  SendEnv AWS_*',
    '  User root',
    '  AddKeysToAgent yes',
    '',
  ].join('\n');
  assert.deepEqual(ids(lint(cfg, ['x'])).sort(), [
    'security.addkeystoagent:info',
    'security.forward-all-interfaces:medium',
    'security.forwardx11-trusted:medium',
    'security.gatewayports:medium',
    'security.hashknownhosts:low',
    'security.root-login:low',
    'security.sendenv:low',
    'security.verifyhostkeydns:low',
  ]);
});

test('L07 weak algorithms: high in the global part, medium for one legacy host, nothing for removals', () => {
  const got = raw(
    'Ciphers +aes128-cbc\nHost legacy\n  KexAlgorithms +diffie-hellman-group1-sha1\n  HostKeyAlgorithms -ssh-rsa\n',
  );
  assert.deepEqual(ids(got), ['security.weak-algorithms:high', 'security.weak-algorithms:medium']);
  assert.deepEqual(
    got.map((c) => c.where),
    ['/cfg:1', '/cfg:3'],
  );
});

test('L11 ProxyCommand with unquoted %h suggests ProxyJump; quoted tokens pass', () => {
  const got = raw("Host a\n  ProxyCommand ssh -W %h:%p bastion\nHost b\n  ProxyCommand nc '%h' '%p'\n");
  assert.deepEqual(ids(got), ['security.proxycommand-tokens:medium']);
  assert.match(got[0]?.fix ?? '', /ProxyJump/);
});

test('L12 shell metacharacters in HostName, User and Host patterns are high', () => {
  const got = raw('Host evil\n  HostName x$(id>/tmp/p)\n  User a;b\nHost a,b\n  Port 22\n');
  assert.deepEqual(ids(got), [
    'security.shell-metacharacters:high',
    'security.shell-metacharacters:high',
    'security.shell-metacharacters:high',
  ]);
});

test('L13 PermitLocalCommand and Match exec; L17 IgnoreUnknown; L10b ControlPath without %C', () => {
  const got = raw(
    'IgnoreUnknown *\nHost a\n  PermitLocalCommand yes\n  ControlPath /tmp/cm-%h\nMatch exec "test -f /x"\n  User z\n',
  );
  assert.deepEqual(ids(got), [
    'security.ignoreunknown:medium',
    'security.localcommand:medium',
    'security.controlpath-tokens:medium',
    'security.match-exec:info',
  ]);
});

test('with names, lines of blocks that cannot apply to them are left out', () => {
  const cfg = 'Host legacy\n  Ciphers +aes128-cbc\nHost db\n  Port 2222\n';
  assert.deepEqual(ids(raw(cfg, ['db'])), []);
  assert.deepEqual(ids(raw(cfg, ['legacy'])), ['security.weak-algorithms:medium']);
});

test('L16: several identity files without IdentitiesOnly, or a crowded agent, are low', () => {
  const cfg =
    'Host a\n  IdentityFile ~/.ssh/k1\n  IdentityFile ~/.ssh/k2\nHost b\n  IdentityFile ~/.ssh/k1\n';
  // Two configured files plus two agent keys: four offers, over the limit; b offers one file.
  const two = lintSubjects(subjects(cfg, ['a', 'b']), 2);
  assert.deepEqual(ids(two), ['security.identitiesonly:low']);
  assert.equal(two[0]?.where, '/cfg:2');
  assert.match(two[0]?.fix ?? '', /IdentitiesOnly yes for a/);
  // Without an agent, two files are within the limit.
  assert.deepEqual(ids(lintSubjects(subjects(cfg, ['a', 'b']))), []);
  // IdentitiesOnly for the host silences it there; every other host still offers the whole agent.
  const only = 'Host a\n  IdentitiesOnly yes\n  IdentityFile ~/.ssh/k1\n  IdentityFile ~/.ssh/k2\n';
  const rest = lintSubjects(subjects(only, ['a']), 9);
  assert.deepEqual(ids(rest), ['security.identitiesonly:low']);
  assert.match(rest[0]?.message ?? '', /for every host/);
  assert.deepEqual(ids(lintSubjects(subjects(`Host *\n  IdentitiesOnly yes\n${only}`, ['a']), 9)), []);
  // An agent with many keys and IdentitiesOnly off everywhere: one finding for every host.
  const crowded = lintSubjects(subjects('Host a\n  User u\n', ['a']), 6);
  assert.deepEqual(ids(crowded), ['security.identitiesonly:low']);
  assert.match(crowded[0]?.message ?? '', /agent holds 6 keys/);
});

test('L10c: a long-lived master on a jump is low; on a plain host, or short, it is not flagged', () => {
  const cfg =
    'Host bastion\n  ControlMaster auto\n  ControlPersist 10m\n  ControlPath ~/.ssh/cm/%C\n' +
    'Host b2\n  ControlMaster auto\n  ControlPersist 5m\n  ControlPath ~/.ssh/cm/%C\n' +
    'Host dev\n  ControlMaster auto\n  ControlPersist yes\n  ControlPath ~/.ssh/cm/%C\n';
  const got = lint(cfg, ['bastion', 'b2', 'dev'], ['bastion', 'b2']);
  assert.deepEqual(ids(got), ['security.controlpersist-jump:low']);
  assert.equal(got[0]?.where, '/cfg:3');
  assert.match(got[0]?.message ?? '', /bastion keeps its ControlMaster open 10 minutes/);
  const forever = lint('Host j\n  ControlMaster yes\n  ControlPersist yes\n', ['j'], ['j']);
  assert.match(forever[0]?.message ?? '', /until it is stopped/);
});
