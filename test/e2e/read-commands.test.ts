import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempHome } from '../helpers/run-cli.js';

const CONFIG = [
  '# my hosts',
  'Host bastion',
  '  HostName bastion.example.com',
  '  User ops',
  'Host db',
  '  HostName 10.0.0.5',
  '  ProxyJump bastion',
  '  IdentityFile ~/.ssh/id_db',
  'Host web-*',
  '  User deploy',
  '',
].join('\n');

test('list --json: every concrete alias with its chain, patterns apart', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const r = runCli(['list', '--json'], home);
  assert.equal(r.code, 0, r.stderr);
  const out = r.json() as {
    hosts: { alias: string; chain: string[]; hostname: string }[];
    patterns: { pattern: string; source: string }[];
  };
  assert.deepEqual(
    out.hosts.map((h) => [h.alias, h.hostname, h.chain.join(',')]),
    [
      ['bastion', 'bastion.example.com', ''],
      ['db', '10.0.0.5', 'bastion'],
    ],
  );
  // The system file (/etc/ssh/ssh_config) is read too, as ssh does; its blocks are listed with their source.
  assert.deepEqual(
    out.patterns.filter((p) => p.source.startsWith(home)).map((p) => [p.pattern, p.source]),
    [['Host web-*', `${home}/.ssh/config:9`]],
  );
});

test('show --json: values as ssh -G prints them, with file:line sources', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const r = runCli(['show', 'db', '--json'], home);
  assert.equal(r.code, 0, r.stderr);
  const out = r.json() as {
    host: string;
    options: Record<string, unknown>;
    sources: Record<string, unknown>;
  };
  assert.equal(out.host, 'db');
  assert.equal(out.options.hostname, '10.0.0.5');
  assert.equal(out.options.proxyjump, 'bastion');
  assert.deepEqual(out.options.identityfile, ['~/.ssh/id_db']);
  assert.equal(out.sources.hostname, `${home}/.ssh/config:6`);
  assert.deepEqual(out.sources.identityfile, [`${home}/.ssh/config:8`]);
});

test('show: a host no block matches still resolves, says so and suggests close aliases', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const r = runCli(['show', 'bastoin'], home);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /No Host or Match block applies to "bastoin"/);
  assert.match(r.stdout, /Did you mean: bastion\?/);
  assert.match(r.stdout, /^hostname +bastoin$/m);
});

test('chain --json: hops from the client outwards', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const r = runCli(['chain', 'db', '--json'], home);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.json(), {
    host: 'db',
    hops: [{ alias: 'bastion', hostname: 'bastion.example.com', port: 22, user: 'ops', configured: true }],
    target: {
      alias: 'db',
      hostname: '10.0.0.5',
      port: 22,
      user: process.env.USER ?? 'root',
      configured: true,
    },
    proxy: null,
    suggestions: [],
    unknownJumps: [],
    notes: [],
  });
});

test('chain --format dot and mermaid render the same hops', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const dot = runCli(['chain', 'db', '--format', 'dot'], home);
  assert.match(dot.stdout, /digraph chain/);
  assert.match(dot.stdout, /client -> n0;\n {2}n0 -> n1;/);
  const mer = runCli(['chain', 'db', '--format', 'mermaid'], home);
  assert.match(mer.stdout, /flowchart LR/);
  assert.match(mer.stdout, /n0\["bastion \(ops@bastion\.example\.com:22\)"\]/);
});

test('a cycle: exit 1 and a JSON error naming the loop', () => {
  const home = tempHome({
    '.ssh/config': 'Host *\n  ProxyJump bastion\nHost bastion\n  HostName b.example\n  ProxyJump none\n',
  });
  const r = runCli(['chain', 'app', '--json'], home);
  assert.equal(r.code, 1);
  const err = (r.json() as { error: { code: string; cycle: string[]; message: string } }).error;
  assert.equal(err.code, 'E_CHAIN_CYCLE');
  assert.deepEqual(err.cycle, ['bastion', 'bastion']);
  const human = runCli(['chain', 'app'], home);
  assert.equal(human.code, 1);
  assert.match(human.stderr, /jump chain loops: bastion → bastion/);
});

test('a syntax error names file:line and exits 1', () => {
  const home = tempHome({ '.ssh/config': 'Host a\n  Port nope\n' });
  const r = runCli(['show', 'a'], home);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`${home}/\\.ssh/config:2: `));
  const j = runCli(['list', '--json'], home);
  assert.equal((j.json() as { error: { code: string } }).error.code, 'E_CONFIG');
});

test('a missing ~/.ssh/config is an empty config; a missing -F file is an error', () => {
  const home = tempHome();
  const r = runCli(['list', '--json'], home);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual((r.json() as { hosts: unknown[] }).hosts, []);
  const f = runCli(['-F', `${home}/nope`, 'list'], home);
  assert.equal(f.code, 1);
  assert.match(f.stderr, /nope/);
});

test('-F uses only that file', () => {
  const home = tempHome({ '.ssh/config': CONFIG, 'other.conf': 'Host only\n  HostName only.example\n' });
  const r = runCli(['-F', `${home}/other.conf`, 'list', '--json'], home);
  assert.deepEqual(
    (r.json() as { hosts: { alias: string }[] }).hosts.map((h) => h.alias),
    ['only'],
  );
});

test('hostile host arguments are refused before anything runs', () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  for (const bad of ['-oProxyCommand=touch /tmp/x', 'a;b', 'a b', 'a\nb']) {
    const r = runCli(['show', '--', bad], home);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /invalid host/);
  }
});

test('usage errors exit 2; --version and --help exit 0', () => {
  const home = tempHome();
  assert.equal(runCli(['nonsense'], home).code, 2);
  assert.equal(runCli(['--version'], home).code, 0);
  assert.match(runCli(['--help'], home).stdout, /Usage: jumpctl/);
});
