/**
 * Rough edge 9 of issue 15: a broken `$XDG_CONFIG_HOME/jumpctl/config.json` is said on stderr
 * with its path, line and column and what is wrong; the connection still runs (a settings typo
 * must not cut anyone off from a server) and is audited, the safe default.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/run-cli.js';

function setup(t: { after: (fn: () => void) => void }, settings: string) {
  const home = tempHome({ '.ssh/config': 'Host a\n  HostName a.example\n' });
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const dir = join(home, '.config', 'jumpctl');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'config.json'), settings, { mode: 0o600 });
  const bin = join(home, 'bin');
  mkdirSync(bin);
  // ssh -V/-G answered by the real one; a connection only says it ran.
  writeFileSync(
    join(bin, 'ssh'),
    '#!/bin/sh\ncase "$1" in -V|-G) exec /usr/bin/ssh "$@" ;; esac\necho "ssh ran: $*"\n',
    { mode: 0o755 },
  );
  const env = { XDG_CONFIG_HOME: join(home, '.config'), PATH: `${bin}:${process.env.PATH ?? ''}` };
  const audit = join(home, '.state', 'jumpctl', 'audit.jsonl');
  const audited = () => (existsSync(audit) ? readFileSync(audit, 'utf8').trim().split('\n').length : 0);
  return { home, env, file: join(dir, 'config.json'), audited };
}

for (const [name, text, said] of [
  ['a truncated file', '{"audit": fals', /:1:11: not valid JSON: unexpected "fals"/],
  ['a bad literal', '{\n  "audit": fals\n}\n', /:2:12: not valid JSON: unexpected "fals"/],
  ['a string for a boolean', '{\n  "audit": "no"\n}\n', /:2:3: "audit" must be true or false, not "no"/],
  ['not an object', '[false]', /:1: not a JSON object/],
] as const) {
  test(`${name}: said with path and line, connect still runs, and the connection is audited`, (t) => {
    const s = setup(t, text);
    const r = runCli(['connect', 'a'], s.home, s.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ssh ran: a/);
    const line = r.stderr.split('\n').find((l) => l.startsWith('jumpctl: '));
    assert.ok(line?.includes(s.file), r.stderr);
    assert.match(line ?? '', said);
    assert.match(line ?? '', /connections are audited \(the default\)/);
    assert.equal(s.audited(), 1);
  });
}

test('an unknown setting is named with a suggestion and ignored; the others are used', (t) => {
  const s = setup(t, '{"audit": false, "audti": true}');
  const r = runCli(['connect', 'a'], s.home, s.env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /unknown setting "audti" at .*config\.json:1:18 \(did you mean "audit"\?\); ignored/,
  );
  assert.equal(s.audited(), 0, '"audit": false is still honoured');
});

test('a valid {"audit": false} is quiet and turns the audit off', (t) => {
  const s = setup(t, '{"audit": false}\n');
  const r = runCli(['connect', 'a'], s.home, s.env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(s.audited(), 0);
});
