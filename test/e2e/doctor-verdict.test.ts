/**
 * Rough edge 8 of issue 15, through the built CLI: doctor's verdict follows its own static
 * findings, a finding names every host it is about and is said once, the system file's
 * overridden lines are no fault of the user's, weak algorithms say what is weak, Match exec
 * runs for every host only when asked, and a bad --timeout is echoed back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/run-cli.js';
import type { Report } from '../helpers/doctor-report.js';

type T = { after: (fn: () => void) => void };

function home(t: T, config: string): string {
  const h = tempHome({ '.ssh/config': config });
  t.after(() => rmSync(h, { recursive: true, force: true }));
  return h;
}

/** An ssh on PATH that answers -V and -G with the real one and logs (and fails) anything else. */
function loggingSsh(h: string): Record<string, string> {
  const bin = join(h, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'ssh'),
    `#!/bin/sh\ncase "$1" in -V|-G) exec /usr/bin/ssh "$@" ;; esac\necho "$*" >> '${h}/ssh.log'\nexit 255\n`,
    { mode: 0o755 },
  );
  return { PATH: `${bin}:${process.env.PATH ?? ''}` };
}

const doc = (stdout: string) => JSON.parse(stdout) as Report;
const ids = (r: Report) => r.checks.map((c) => c.id);

test('a jump no Host block configures is the verdict (E_UNKNOWN_JUMP at it), and nothing is probed', (t) => {
  const h = home(
    t,
    'Host bastion\n  HostName bastion.example.com\nHost app\n  HostName 10.0.0.9\n  ProxyJump bastoin\n',
  );
  const env = loggingSsh(h);
  const r = runCli(['doctor', 'app', '--json'], h, env);
  assert.equal(r.code, 1, r.stderr);
  const d = doc(r.stdout);
  assert.equal(d.failure?.code, 'E_UNKNOWN_JUMP');
  assert.equal(d.failure?.hop, 'bastoin');
  assert.match(d.failure?.fix ?? '', /Did you mean bastion\?/);
  assert.deepEqual(
    d.hops.map((x) => `${x.alias}:${x.status}`),
    ['bastoin:failed', 'app:not-reached'],
  );
  assert.equal(existsSync(join(h, 'ssh.log')), false, 'no probe was run');
  const human = runCli(['doctor', 'app'], h, env);
  assert.match(human.stdout, /✗ E_UNKNOWN_JUMP at bastoin: not probed: jump "bastoin"/);
  assert.doesNotMatch(human.stdout, /E_DNS/);
  // The failure restates the failed check: one problem, not two.
  assert.match(human.stdout, /✗ 1 problem found/);
});

test('ForwardAgent on for four jumps from one block is one finding that names all four', (t) => {
  const h = home(t, 'Host a b c d\n  ForwardAgent yes\nHost web\n  ProxyJump a,b,c,d\n');
  const r = runCli(['doctor', '--offline', '--json'], h);
  const found = doc(r.stdout).checks.filter((c) => c.id === 'security.forwardagent-jump');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.match(found[0]?.message ?? '', /^ForwardAgent is on for the jumps a, b, c and d:/);
});

test('a ProxyJump/ProxyCommand conflict is reported once', (t) => {
  const h = home(
    t,
    'Host j\n  HostName j.example\nHost legacy\n  ProxyCommand ssh -W %h:%p j\n  ProxyJump j\n',
  );
  const r = runCli(['doctor', '--offline', '--json'], h);
  const d = doc(r.stdout);
  assert.equal(ids(d).filter((id) => id === 'chain.proxy-conflict').length, 1);
  assert.ok(
    !d.checks.some((c) => c.id === 'config.dead-line' && c.where?.endsWith('config:5')),
    'the ignored ProxyJump is not also a dead line',
  );
});

test('a system-file line the user overrides is an info line, never "delete it"', (t) => {
  const system = existsSync('/etc/ssh/ssh_config') ? readFileSync('/etc/ssh/ssh_config', 'utf8') : '';
  const keyword = ['HashKnownHosts', 'GSSAPIAuthentication', 'ForwardX11Trusted'].find((k) =>
    new RegExp(`^\\s*${k}\\s`, 'mi').test(system),
  );
  if (keyword === undefined)
    return t.skip('the system ssh_config sets none of the keywords this test overrides');
  // Set it first, for every host, so the system file's line never takes effect.
  const h = home(t, `Host *\n  ${keyword} no\n`);
  const r = runCli(['doctor', '--offline', '--json'], h);
  const d = doc(r.stdout);
  const system_ = d.checks.filter((c) => (c.where ?? '').startsWith('/etc/ssh/'));
  assert.ok(
    system_.every((c) => c.severity === 'info' && !/delete/i.test(`${c.message} ${c.fix ?? ''}`)),
    JSON.stringify(system_),
  );
  const info = d.checks.find((c) => c.id === 'config.system-overridden');
  assert.match(
    info?.message ?? '',
    new RegExp(`overrides .* /etc/ssh/ssh_config: .*${keyword} \\(line \\d+, by `),
  );
  assert.equal(info?.fix, null);
});

test('weak algorithms each say what is weak about them', (t) => {
  const h = home(
    t,
    'Host old\n  HostName old.example\n  Ciphers +aes128-cbc\n  KexAlgorithms +diffie-hellman-group1-sha1\n  HostKeyAlgorithms +ssh-rsa\n',
  );
  const r = runCli(['doctor', '--offline', '--json'], h);
  const weak = doc(r.stdout)
    .checks.filter((c) => c.id === 'security.weak-algorithms')
    .map((c) => c.message);
  assert.equal(weak.length, 3, weak.join('\n'));
  assert.match(weak[0] ?? '', /aes128-cbc \(CBC mode: /);
  assert.match(
    weak[1] ?? '',
    /diffie-hellman-group1-sha1 \(a 1024-bit Diffie-Hellman group open to Logjam, and SHA-1\)/,
  );
  assert.match(weak[2] ?? '', /ssh-rsa \(RSA signatures with SHA-1/);
  for (const m of weak) assert.doesNotMatch(m, /SHA-1 signatures, weak DH groups, CBC or weak MACs/);
});

test('without a target, Match exec runs only with --match-exec (as list); the report says what was not run', (t) => {
  const h = home(t, '');
  writeFileSync(
    join(h, '.ssh', 'config'),
    `Host a\n  HostName a.example\nMatch exec "touch ${h}/ran-%n"\n  User other\n`,
    { mode: 0o600 },
  );
  const ran = () => readdirSync(h).filter((n) => n.startsWith('ran-'));
  const plain = runCli(['doctor', '--offline', '--json'], h);
  assert.equal(plain.code, 0, plain.stdout + plain.stderr);
  assert.deepEqual(ran(), []);
  const note = doc(plain.stdout).checks.find((c) => c.id === 'config.match-exec-not-run');
  assert.equal(note?.severity, 'info');
  assert.equal(note?.where, `${h}/.ssh/config:3`);
  assert.match(note?.message ?? '', /was not run .*\(user\) was not checked/);

  const asked = runCli(['doctor', '--offline', '--match-exec', '--json'], h);
  assert.equal(asked.code, 0, asked.stderr);
  assert.ok(ran().includes('ran-a'), ran().join(','));
  assert.ok(!doc(asked.stdout).checks.some((c) => c.id === 'config.match-exec-not-run'));
});

test('--offline hops read "not probed"', (t) => {
  const h = home(t, 'Host j\n  HostName j.example\nHost t\n  ProxyJump j\n');
  const r = runCli(['doctor', 't', '--offline'], h);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /· j +j\.example:22 +not probed/);
});

test('--timeout abc echoes the input (exit 2), on stderr and as a JSON error', (t) => {
  const h = home(t, 'Host j\n  HostName j.example\n');
  const r = runCli(['doctor', 'j', '--timeout', 'abc'], h);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--timeout must be a whole number of seconds from 1 to 3600, not "abc"/);
  assert.doesNotMatch(r.stderr, /NaN/);
  const j = runCli(['doctor', 'j', '--timeout', '1.5', '--json'], h);
  assert.equal(j.code, 2);
  const err = (JSON.parse(j.stdout) as { error: { code: string; message: string } }).error;
  assert.equal(err.code, 'E_USAGE');
  assert.match(err.message, /not "1\.5"/);
});
