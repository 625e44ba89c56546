/**
 * Rough edge 15 of issue 15: the connect picker on a real pseudo-terminal (aligned columns with
 * the port; Esc leaves it, exit 130, nothing run), an empty list that says how to add a host,
 * and connect pointing at doctor after ssh's own failure (exit 255).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { noScript, onTerminal } from '../helpers/pty.js';

const CONFIG = [
  'Host bastion',
  '  HostName bastion.example.com',
  '  User ops',
  'Host db',
  '  HostName 10.0.0.5',
  '  User deploy',
  '  Port 5432',
  '  ProxyJump bastion',
  '',
].join('\n');

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/** A home with CONFIG and an ssh on PATH that logs its arguments and exits with `code`. */
function setup(t: { after: (fn: () => void) => void }, code = 0) {
  const home = tempHome({ '.ssh/config': CONFIG });
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'ssh'),
    `#!/bin/sh\ncase "$1" in -V|-G) exec /usr/bin/ssh "$@" ;; esac\necho "$*" > '${home}/ssh.ran'\nexit ${code}\n`,
    { mode: 0o755 },
  );
  return { home, env: { PATH: `${bin}:${process.env.PATH ?? ''}` }, ran: join(home, 'ssh.ran') };
}

test('the picker shows aligned columns with the port, and picks', { skip: noScript }, async (t) => {
  const s = setup(t);
  const term = onTerminal(['connect'], s.home, s.env);
  try {
    await term.answer(/Connect to[\s\S]*db/, 'db');
    await term.answer(/db/, '\r');
    assert.equal(await term.closed, 0, plain(term.all()));
  } finally {
    term.kill();
  }
  const screen = plain(term.all());
  assert.match(screen, /bastion {2}ops@bastion\.example\.com:22\b/);
  // "db" padded to the width of "bastion", the address to the width of the longest one.
  assert.match(screen, /db {7}deploy@10\.0\.0\.5:5432 {8}via bastion/);
  assert.match(screen, /✔ Connect to db\n/, 'the answer is the alias alone');
  assert.equal(readFileSync(s.ran, 'utf8').trim(), 'db');
});

test('Esc leaves the picker: exit 130, one quiet line, no ssh run', { skip: noScript }, async (t) => {
  const s = setup(t);
  const term = onTerminal(['connect'], s.home, s.env);
  try {
    await term.answer(/Connect to[\s\S]*bastion/, '\u001b');
    assert.equal(await term.closed, 130, plain(term.all()));
  } finally {
    term.kill();
  }
  const screen = plain(term.all());
  assert.match(screen, /cancelled/);
  assert.doesNotMatch(screen, /Error|at .*\.js:\d+/);
  assert.equal(existsSync(s.ran), false);
});

test('an empty list says how to add a host', (t) => {
  const home = tempHome({ '.ssh/config': '# nothing yet\n' });
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const r = runCli(['list'], home);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /no concrete host aliases; add one: jumpctl add-host <alias> --hostname <name>/);
});

test('after ssh exits 255, connect says jumpctl doctor <host> on stderr (with -F as given)', (t) => {
  const s = setup(t, 255);
  const r = runCli(['connect', 'db', '--', 'true'], s.home, s.env);
  assert.equal(r.code, 255);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /ssh exited with 255 .*: jumpctl doctor db finds the hop that fails/);
  const cfg = join(s.home, '.ssh', 'config');
  const f = runCli(['-F', cfg, 'connect', 'db'], s.home, s.env);
  assert.match(f.stderr, new RegExp(`jumpctl -F ${cfg.replace(/[.]/g, '\\.')} doctor db finds`));
  // Any other exit code is the remote command's, said by nothing but the code.
  const ok = setup(t, 3);
  const other = runCli(['connect', 'db'], ok.home, ok.env);
  assert.equal(other.code, 3);
  assert.doesNotMatch(other.stderr, /doctor/);
});
