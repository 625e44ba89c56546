// `jumpctl doctor` as a user runs it: static checks, --offline, --json, exit codes, and the live
// part's orchestration against a stand-in ssh that replays stderr captured from the lab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempHome } from '../helpers/run-cli.js';
import type { Report } from '../helpers/doctor-report.js';

const LAB_LIKE = [
  'Host jump1',
  '  HostName jump1.lab',
  'Host jump2',
  '  HostName jump2.lab',
  '  Port 2222',
  '  ProxyJump jump1',
  'Host target',
  '  HostName target.lab',
  '  ProxyJump jump2',
  '',
].join('\n');

const report = (stdout: string) => JSON.parse(stdout) as Report;
const problems = (r: Report) => r.checks.filter((c) => c.severity !== 'ok').map((c) => c.id);

/**
 * A stand-in ssh on PATH: `-V` and `-G` go to the real ssh; anything else logs its argv, keeps a
 * copy of the -F file it was given, prints the chain or link stderr and exits with its code.
 */
function fakeSsh(
  home: string,
  chain: { stderr: string; exit: number },
  link?: { stderr: string; exit: number },
) {
  const bin = join(home, 'bin');
  writeFileSync(join(home, 'chain.stderr'), chain.stderr);
  if (link) writeFileSync(join(home, 'link.stderr'), link.stderr);
  const script = [
    '#!/bin/sh',
    'case "$1" in -V) exec /usr/bin/ssh -V ;; -G) exec /usr/bin/ssh "$@" ;; esac',
    `D='${home}'`,
    'printf "%s\\n" "$*" >> "$D/ssh.log"',
    'prev=""; for a in "$@"; do [ "$prev" = "-F" ] && cp "$a" "$D/probe.copy" && echo "$a" > "$D/probe.path"; prev="$a"; done',
    'case " $* " in *" -W "*) cat "$D/link.stderr" >&2; exit ' + String(link?.exit ?? 255) + ' ;; esac',
    `cat "$D/chain.stderr" >&2; exit ${chain.exit}`,
    '',
  ].join('\n');
  writeFileSync(join(bin, 'ssh'), script, { mode: 0o755 });
  return { PATH: `${bin}:${process.env.PATH ?? ''}` };
}

const fixture = (name: string) => readFileSync(join(ROOT, 'fixtures', 'doctor', name), 'utf8');
const log = (home: string) =>
  existsSync(join(home, 'ssh.log')) ? readFileSync(join(home, 'ssh.log'), 'utf8').trim().split('\n') : [];

test('--offline --json without a target: exactly ok/checks/hops/failure, exit 0 on a clean config', () => {
  const home = tempHome({ '.ssh/config': LAB_LIKE });
  const r = runCli(['doctor', '--offline', '--json'], home);
  assert.equal(r.code, 0, r.stderr);
  const doc = report(r.stdout);
  assert.deepEqual(Object.keys(doc), ['ok', 'checks', 'hops', 'failure']);
  assert.equal(doc.ok, true);
  assert.deepEqual(doc.hops, []);
  assert.equal(doc.failure, null);
  for (const c of doc.checks) assert.deepEqual(Object.keys(c), ['id', 'severity', 'message', 'where', 'fix']);
  assert.ok(doc.checks.some((c) => c.id === 'chain' && /3 hosts: no loops/.test(c.message)));
});

test('--offline with a target lists its hops, not probed', () => {
  const home = tempHome({ '.ssh/config': LAB_LIKE, 'bin/.keep': '' });
  const env = fakeSsh(home, { stderr: '', exit: 0 });
  const r = runCli(['doctor', 'target', '--offline', '--json'], home, env);
  assert.equal(r.code, 0, r.stderr);
  const doc = report(r.stdout);
  assert.deepEqual(
    doc.hops.map((h) => `${h.alias}=${h.hostname}:${h.port}:${h.status}`),
    [
      'jump1=jump1.lab:22:not-reached',
      'jump2=jump2.lab:2222:not-reached',
      'target=target.lab:22:not-reached',
    ],
  );
  assert.deepEqual(log(home), [], 'no ssh run with --offline');
});

test('a bad config line is a failed E_CONFIG check with file:line, and nothing is probed', () => {
  const home = tempHome({ '.ssh/config': `${LAB_LIKE}  Bogus yes\n`, 'bin/.keep': '' });
  const env = fakeSsh(home, { stderr: '', exit: 0 });
  const r = runCli(['doctor', 'target', '--json'], home, env);
  assert.equal(r.code, 1);
  const doc = report(r.stdout);
  const bad = doc.checks.find((c) => c.id === 'config.parse');
  assert.equal(bad?.severity, 'error');
  assert.equal(bad?.where, `${home}/.ssh/config:10`);
  assert.equal(doc.failure?.code, 'E_CONFIG');
  assert.deepEqual(log(home), []);
});

test('a loop: E_CHAIN_CYCLE with the loop named, and no ssh started', () => {
  const cfg = 'Host *\n  ProxyJump bastion\nHost app\n  HostName 10.0.0.9\n';
  const home = tempHome({ '.ssh/config': cfg, 'bin/.keep': '' });
  const env = fakeSsh(home, { stderr: '', exit: 0 });
  const r = runCli(['doctor', 'app', '--json'], home, env);
  assert.equal(r.code, 1);
  const doc = report(r.stdout);
  assert.equal(doc.failure?.code, 'E_CHAIN_CYCLE');
  assert.equal(doc.failure?.hop, 'app');
  assert.match(doc.failure?.message ?? '', /bastion → bastion/);
  assert.deepEqual(log(home), []);
});

test('a private key readable by others fails the static checks (exit 1) with chmod as the fix', () => {
  // ssh expands ~ to the passwd home, not $HOME: name the key by its full path.
  const home = tempHome({ '.ssh/config': '' });
  writeFileSync(join(home, '.ssh', 'config'), `Host a\n  IdentityFile ${home}/.ssh/id_ed25519\n`, {
    mode: 0o600,
  });
  copyFileSync(join(ROOT, 'fixtures', 'doctor', 'keys', 'k_ed.pub'), join(home, '.ssh', 'id_ed25519.pub'));
  writeFileSync(join(home, '.ssh', 'id_ed25519'), 'not really a key\n', { mode: 0o644 });
  chmodSync(join(home, '.ssh', 'id_ed25519'), 0o644);
  const r = runCli(['doctor', '--offline', '--json'], home);
  assert.equal(r.code, 1);
  const c = report(r.stdout).checks.find((x) => x.id === 'identity.permissions');
  assert.equal(c?.severity, 'error');
  assert.equal(c?.fix?.startsWith(`chmod 600 '${home}/.ssh/id_ed25519'`), true);
});

test('ssh refusing ~/.ssh/config for its mode is reported, not thrown', () => {
  const home = tempHome({ '.ssh/config': LAB_LIKE });
  chmodSync(join(home, '.ssh', 'config'), 0o666);
  const r = runCli(['doctor', '--offline', '--json'], home);
  assert.equal(r.code, 1);
  const c = report(r.stdout).checks.find((x) => x.id === 'config.parse');
  assert.match(c?.message ?? '', /Bad owner or permissions/);
});

test('live, healthy: one probe through a generated -F config, removed afterwards; every hop ok', () => {
  const home = tempHome({ '.ssh/config': LAB_LIKE, 'bin/.keep': '' });
  const env = fakeSsh(home, { stderr: fixture('healthy.stderr'), exit: 0 });
  const r = runCli(['doctor', 'target', '--json', '--timeout', '4'], home, env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const doc = report(r.stdout);
  assert.equal(doc.ok, true);
  assert.deepEqual(
    doc.hops.map((h) => h.status),
    ['ok', 'ok', 'ok'],
  );
  const calls = log(home);
  assert.equal(calls.length, 1, calls.join('\n'));
  assert.match(calls[0] ?? '', /^-F \S+probe\.conf -T -o RemoteCommand=none -- target true$/);
  const conf = readFileSync(join(home, 'probe.copy'), 'utf8');
  assert.match(conf, /^BatchMode yes$/m);
  assert.match(conf, /^ConnectTimeout 4$/m);
  assert.match(conf, new RegExp(`^Include "${home}/\\.ssh/config"$`, 'm'));
  assert.equal(
    existsSync(readFileSync(join(home, 'probe.path'), 'utf8').trim()),
    false,
    'probe config removed',
  );
});

test('live, failing: the chain probe, then one link probe through the last proven jump', () => {
  const home = tempHome({ '.ssh/config': LAB_LIKE, 'bin/.keep': '' });
  const env = fakeSsh(
    home,
    { stderr: fixture('forwarding-jump2.stderr'), exit: 255 },
    { stderr: fixture('forwarding-jump2.link2.stderr'), exit: 255 },
  );
  const r = runCli(['doctor', 'target', '--json'], home, env);
  assert.equal(r.code, 1);
  const doc = report(r.stdout);
  assert.deepEqual(
    { hop: doc.failure?.hop, via: doc.failure?.via, code: doc.failure?.code },
    { hop: 'target', via: 'jump2', code: 'E_FORWARDING_DENIED' },
  );
  assert.match(doc.failure?.raw ?? '', /administratively prohibited/);
  assert.deepEqual(
    doc.hops.map((h) => h.status),
    ['ok', 'ok', 'failed'],
  );
  const calls = log(home);
  assert.equal(calls.length, 2);
  // As ssh itself reaches target: `ssh -W [target.lab]:22 jump2`, jump2's own ProxyJump applying.
  assert.match(calls[1] ?? '', /^-F \S+ -W \[target\.lab\]:22 -- jump2$/);
});

test('live, healthy with sharing off, but ControlPath’s directory is missing: E_CONTROLPATH at that hop', () => {
  const home = tempHome({ 'bin/.keep': '', '.ssh/config': '' });
  const cfg = `${LAB_LIKE.trimEnd()}\n  ControlMaster auto\n  ControlPath ${home}/cm/%C\n`;
  writeFileSync(join(home, '.ssh', 'config'), cfg, { mode: 0o600 });
  const env = fakeSsh(home, { stderr: fixture('healthy.stderr'), exit: 0 });
  const doc = report(runCli(['doctor', 'target', '--json'], home, env).stdout);
  assert.deepEqual(
    { hop: doc.failure?.hop, via: doc.failure?.via, code: doc.failure?.code },
    { hop: 'target', via: 'jump2', code: 'E_CONTROLPATH' },
  );
  assert.equal(doc.failure?.fix, `mkdir -m 700 '${home}/cm'`);
  assert.deepEqual(
    doc.hops.map((h) => h.status),
    ['ok', 'ok', 'failed'],
  );
});

test('human output: a checklist with ✓/✗ and the failure with its fix', () => {
  const home = tempHome({ '.ssh/config': LAB_LIKE, 'bin/.keep': '' });
  const env = fakeSsh(home, { stderr: fixture('auth-jump2.stderr'), exit: 255 }, { stderr: '', exit: 0 });
  const r = runCli(['doctor', 'target'], home, env);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✓ configuration parses/);
  assert.match(r.stdout, /✓ jump1 +jump1\.lab:22/);
  assert.match(r.stdout, /✗ jump2 +jump2\.lab:2222 +E_AUTH/);
  assert.match(r.stdout, /✗ E_AUTH at jump2 via jump1: /);
  assert.match(r.stdout, /fix: Authorise/);
  assert.equal(r.stderr, '', 'no spinner without a terminal');
});

test('bad input: a --timeout that is not whole seconds, a target with shell characters (exit 2)', () => {
  const home = tempHome({ '.ssh/config': LAB_LIKE });
  assert.equal(runCli(['doctor', 'target', '--timeout', 'soon'], home).code, 2);
  assert.equal(runCli(['doctor', 'x;rm -rf ~'], home).code, 2);
  assert.deepEqual(problems(report(runCli(['doctor', '--offline', '--json'], home).stdout)), []);
});
