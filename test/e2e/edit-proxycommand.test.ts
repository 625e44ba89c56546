/**
 * add-host's ProxyCommand form for clients without ProxyJump (before OpenSSH 7.3) and for
 * --proxy-command: the jumps nested in their own blocks (`ssh -W %h:%p <previous>`), proved
 * with the resolver to take the hops ProxyJump would, refused when a jump already routes
 * another way, and checked byte for byte and with the real `ssh -G`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/run-cli.js';

const JUMPS = 'Host a\n    HostName a.example.com\n\nHost b\n    HostName b.example.com\n    User ops\n';
const cfg = (home: string) => readFileSync(join(home, '.ssh', 'config'), 'utf8');
type Json = { error?: { code: string; message: string; hint?: string }; notes?: string[]; jumpAs?: string };

/** An ssh that says it is OpenSSH 7.2 (no -J, no ProxyJump) and is the real one otherwise. */
function oldClient(home: string): Record<string, string> {
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'ssh'),
    '#!/bin/sh\n[ "$1" = -V ] && { echo "OpenSSH_7.2p2 Ubuntu-4ubuntu2.10, OpenSSL 1.0.2g  1 Mar 2016" >&2; exit 0; }\nexec /usr/bin/ssh "$@"\n',
  );
  chmodSync(join(bin, 'ssh'), 0o755);
  return { PATH: `${bin}:${process.env.PATH ?? ''}` };
}

function proxyCommandOf(home: string, host: string, file = join(home, '.ssh', 'config')): string | undefined {
  const r = spawnSync('ssh', ['-G', '-F', file, host], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home },
  });
  assert.equal(r.status, 0, r.stderr);
  return /^proxycommand (.*)$/m.exec(r.stdout)?.[1];
}

const chainOf = (home: string, host: string, env: Record<string, string> = {}) =>
  (runCli(['--json', 'chain', host], home, env).json() as { hops: { alias: string }[] }).hops.map(
    (h) => h.alias,
  );

test('a client without ProxyJump gets the jumps nested: b through a in b’s block, the host through b', () => {
  const home = tempHome({ '.ssh/config': JUMPS });
  const env = oldClient(home);
  const r = runCli(
    ['--json', 'add-host', 'db', '--hostname', 'db.internal', '--via', 'a,b', '--yes'],
    home,
    env,
  );
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const doc = r.json() as Json;
  assert.equal(doc.jumpAs, 'proxycommand');
  assert.ok(
    doc.notes?.some((n) => /b now reaches its server through a/.test(n)),
    JSON.stringify(doc.notes),
  );
  assert.equal(
    cfg(home),
    'Host a\n    HostName a.example.com\n\nHost b\n    HostName b.example.com\n    User ops\n    ProxyCommand ssh -W %h:%p a\n\nHost db\n    HostName db.internal\n    ProxyCommand ssh -W %h:%p b\n',
  );
  assert.equal(proxyCommandOf(home, 'db'), 'ssh -W %h:%p b');
  assert.equal(proxyCommandOf(home, 'b'), 'ssh -W %h:%p a');
  assert.deepEqual(chainOf(home, 'db', env), ['a', 'b']);
});

test('user and port of a jump go on the forwarder that reaches it; a jump already routed the same way is left alone', () => {
  const home = tempHome({ '.ssh/config': `${JUMPS}    ProxyJump a\n\nHost c\n    HostName c.example.com\n` });
  const r = runCli(
    ['add-host', 'db', '--hostname', 'db.internal', '--via', 'a,b,root@c:2222', '--proxy-command', '--yes'],
    home,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    cfg(home),
    'Host a\n    HostName a.example.com\n\nHost b\n    HostName b.example.com\n    User ops\n    ProxyJump a\n\nHost c\n    HostName c.example.com\n    ProxyCommand ssh -W %h:%p b\n\nHost db\n    HostName db.internal\n    ProxyCommand ssh -l root -p 2222 -W %h:%p c\n',
  );
  assert.deepEqual(chainOf(home, 'db'), ['a', 'b', 'c']);
});

test('a jump that already routes another way is refused, naming its line; the file is untouched', () => {
  const text = `${JUMPS}    ProxyJump elsewhere\n\nHost elsewhere\n    HostName e.example.com\n`;
  const home = tempHome({ '.ssh/config': text });
  const r = runCli(
    ['--json', 'add-host', 'db', '--hostname', 'd', '--via', 'a,b', '--proxy-command', '--yes'],
    home,
  );
  assert.equal(r.code, 1);
  const e = (r.json() as Json).error;
  assert.equal(e?.code, 'E_CHAIN_MISMATCH');
  assert.match(
    e?.message ?? '',
    /b already reaches its server another way \(ProxyJump elsewhere, .*config:7\)/,
  );
  assert.match(e?.hint ?? '', /jumpctl set b ProxyCommand 'ssh -W %h:%p a'/);
  assert.equal(cfg(home), text);
});

test('the proof: a jump whose new ProxyCommand an earlier line overrides gives other hops, and is refused', () => {
  const text = `Match host b\n    ProxyCommand none\n\n${JUMPS}`;
  const home = tempHome({ '.ssh/config': text });
  const r = runCli(
    ['--json', 'add-host', 'db', '--hostname', 'd', '--via', 'a,b', '--proxy-command', '--yes'],
    home,
  );
  assert.equal(r.code, 1);
  const e = (r.json() as Json).error;
  assert.equal(e?.code, 'E_CHAIN_MISMATCH');
  assert.match(e?.message ?? '', /db would be reached through b, not a → b as with ProxyJump/);
  assert.equal(cfg(home), text);
});

test('a later jump with no Host block of its own is refused with the add-host that makes one', () => {
  const home = tempHome({ '.ssh/config': JUMPS });
  const r = runCli(
    ['--json', 'add-host', 'db', '--hostname', 'd', '--via', 'a,10.0.0.9', '--proxy-command', '--yes'],
    home,
  );
  assert.equal(r.code, 1);
  const e = (r.json() as Json).error;
  assert.equal(e?.code, 'E_NO_HOST');
  assert.match(e?.hint ?? '', /jumpctl add-host 10\.0\.0\.9 --hostname <name> --via a --proxy-command/);
  assert.equal(cfg(home), JUMPS);
});

test('rerouting a jump that other hosts go through is a side effect: refused, or written with --force', () => {
  const text = `${JUMPS}\nHost app\n    HostName app.example.com\n    ProxyJump b\n`;
  const home = tempHome({ '.ssh/config': text });
  const args = ['add-host', 'db', '--hostname', 'd', '--via', 'a,b', '--proxy-command', '--yes'];
  const r = runCli(['--json', ...args], home);
  assert.equal(r.code, 1);
  assert.equal((r.json() as Json).error?.code, 'E_SIDE_EFFECT');
  assert.match((r.json() as Json).error?.message ?? '', /also change how app is reached: a → b, not b/);
  assert.equal(cfg(home), text);
  assert.equal(runCli([...args, '--force'], home).code, 0);
  assert.deepEqual(chainOf(home, 'app'), ['a', 'b']);
});

test('under -F the forwarders name the file, so each jump’s ssh reads it too', () => {
  const home = tempHome({ 'work.cfg': JUMPS });
  const file = join(home, 'work.cfg');
  const r = runCli(
    ['-F', file, 'add-host', 'db', '--hostname', 'd', '--via', 'a,b', '--proxy-command', '--yes'],
    home,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(proxyCommandOf(home, 'b', file), `ssh -F ${file} -W %h:%p a`);
  assert.equal(proxyCommandOf(home, 'db', file), `ssh -F ${file} -W %h:%p b`);
  const hops = (runCli(['-F', file, '--json', 'chain', 'db'], home).json() as { hops: { alias: string }[] })
    .hops;
  assert.deepEqual(
    hops.map((h) => h.alias),
    ['a', 'b'],
  );
});
