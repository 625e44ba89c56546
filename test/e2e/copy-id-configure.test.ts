/**
 * copy-id --configure behaves like every writing command: the diff is shown (also by --dry-run,
 * which writes nothing), a terminal is asked first ("Write this change?", declining is not a
 * failure), --yes skips the question; checked byte for byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { noScript, onTerminal } from '../helpers/pty.js';

const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIPsrdFsPKYQnzBIgFLuteyyeQQ1T20y44dBZZfwAaMSD';
const CONFIG =
  'Host bastion\n  HostName bastion.example.com\n\nHost db\n  HostName 10.20.0.5\n  ProxyJump bastion\n';

/** A home with the chain, a key `keys/work`, and an ssh on PATH that finds the key already installed. */
function setup(): { home: string; env: Record<string, string>; key: string; configured: string } {
  const home = tempHome({
    '.ssh/config': CONFIG,
    'keys/work': 'not read by jumpctl\n',
    'keys/work.pub': `ssh-ed25519 ${ED} work\n`,
  });
  const bin = join(home, 'bin');
  mkdirSync(bin);
  // jumpctl's own probes go to the real ssh. A master (ControlMaster=yes, after `-F <config>`)
  // listens on a socket in the run's ControlPath directory; any other run finds the key there.
  writeFileSync(
    join(bin, 'ssh'),
    [
      '#!/bin/sh',
      'case "$1" in -V|-G) exec /usr/bin/ssh "$@";; esac',
      'case " $* " in *" ControlMaster=yes "*)',
      '  dir=$(sed -n "s|^ *ControlPath \\(.*\\)/%C$|\\1|p" "$2")',
      `  exec ${process.execPath} -e 'require("net").createServer().listen(process.argv[1])' "$dir/master";;`,
      'esac',
      'echo "jumpctl-copy-id: present"',
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'ssh'), 0o755);
  const key = join(home, 'keys', 'work');
  const configured = CONFIG.replace(
    '  ProxyJump bastion\n',
    `  ProxyJump bastion\n  IdentityFile ${key}\n  IdentitiesOnly yes\n`,
  );
  return { home, env: { PATH: `${bin}:${process.env.PATH ?? ''}` }, key, configured };
}

const cfg = (home: string) => readFileSync(join(home, '.ssh', 'config'), 'utf8');
type Doc = {
  ok: boolean;
  configure: { applied: boolean; notes: string[]; files: { path: string; diff: string }[] };
};

test('--configure --dry-run shows the diff and writes nothing', () => {
  const { home, env, key } = setup();
  const args = ['copy-id', '-i', `${key}.pub`, 'db', '--hops', 'db', '--configure', '--dry-run'];
  const r = runCli(args, home, env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^\\+  IdentityFile ${key}$`, 'm'));
  assert.match(r.stdout, /^\+ {2}IdentitiesOnly yes$/m);
  const doc = runCli([...args, '--json'], home, env).json() as Doc;
  assert.equal(doc.configure.applied, false);
  assert.match(doc.configure.files[0]?.diff ?? '', /^\+ {2}IdentitiesOnly yes$/m);
  assert.equal(cfg(home), CONFIG);
});

test('--configure without a terminal writes (nothing to ask on) and shows the diff it wrote', () => {
  const { home, env, key, configured } = setup();
  const r = runCli(['copy-id', '-i', `${key}.pub`, 'db', '--hops', 'db', '--configure', '--json'], home, env);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const doc = r.json() as Doc;
  assert.equal(doc.configure.applied, true);
  assert.match(doc.configure.files[0]?.diff ?? '', new RegExp(`^\\+  IdentityFile ${key}$`, 'm'));
  assert.equal(cfg(home), configured);
});

test(
  'on a terminal --configure shows the diff and asks; no leaves the config as it was (exit 0)',
  { skip: noScript },
  async () => {
    const { home, env, key } = setup();
    const term = onTerminal(['copy-id', '-i', `${key}.pub`, 'db', '--hops', 'db', '--configure'], home, {
      ...env,
      NO_COLOR: '1',
    });
    try {
      await term.answer(/Write this change/, 'n\r');
      assert.equal(await term.closed, 0, term.all());
    } finally {
      term.kill();
    }
    assert.match(term.all(), /\+ {2}IdentitiesOnly yes/, 'the diff before the question');
    assert.match(term.all(), /not changed \(declined\)/);
    assert.equal(cfg(home), CONFIG);
  },
);

test('on a terminal --configure --yes writes without asking', { skip: noScript }, async () => {
  const { home, env, key, configured } = setup();
  const term = onTerminal(
    ['copy-id', '-i', `${key}.pub`, 'db', '--hops', 'db', '--configure', '--yes'],
    home,
    {
      ...env,
      NO_COLOR: '1',
    },
  );
  try {
    assert.equal(await term.closed, 0, term.all());
  } finally {
    term.kill();
  }
  assert.doesNotMatch(term.all(), /Write this change/);
  assert.equal(cfg(home), configured);
});
