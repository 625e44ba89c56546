// The fixed remote script, run for real by local POSIX shells in a scratch $HOME (no ssh).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authorizedKeysHas } from '../../src/core/copy-id/key.js';
import { parseScriptOutput, REMOTE_COMMAND, REMOTE_SCRIPT } from '../../src/core/copy-id/remote-script.js';

const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIPsrdFsPKYQnzBIgFLuteyyeQQ1T20y44dBZZfwAaMSD';
const LINE = `ssh-ed25519 ${ED} me@laptop`;
const SHELLS = ['/bin/sh', '/bin/dash', '/bin/bash'].filter((s) => existsSync(s));

function home(files: Record<string, string> = {}): string {
  const h = mkdtempSync(join(tmpdir(), 'jumpctl-script-'));
  after(() => rmSync(h, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(files)) {
    if (rel.includes('/')) mkdirSync(join(h, rel.split('/')[0] ?? ''), { recursive: true, mode: 0o700 });
    writeFileSync(join(h, rel), text, { mode: 0o600 });
  }
  return h;
}

/** As sshd does: the login shell runs the command string with -c. */
function run(shell: string, h: string, input = `${LINE}\n`) {
  const r = spawnSync(shell, ['-c', REMOTE_COMMAND], {
    input,
    encoding: 'utf8',
    env: { HOME: h, PATH: '/usr/bin:/bin' },
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    ...parseScriptOutput(r.stdout, r.stderr, r.status ?? -1),
  };
}

const keys = (h: string) => readFileSync(join(h, '.ssh', 'authorized_keys'), 'utf8');

test('the script is one line with no single quote and no "!", so any login shell hands it to sh intact', () => {
  assert.ok(!/[\n'!]/.test(REMOTE_SCRIPT));
  assert.equal(REMOTE_COMMAND, `exec sh -c '${REMOTE_SCRIPT}'`);
});

for (const shell of SHELLS) {
  test(`${shell}: a home without ~/.ssh gets ~/.ssh 0700 and authorized_keys 0600 holding the key`, () => {
    const h = home();
    const r = run(shell, h);
    assert.equal(r.kind, 'installed', r.stderr);
    assert.deepEqual(r.kind === 'installed' && r.notes, ['created ~/.ssh', 'created ~/.ssh/authorized_keys']);
    assert.equal(statSync(join(h, '.ssh')).mode & 0o777, 0o700);
    assert.equal(statSync(join(h, '.ssh', 'authorized_keys')).mode & 0o777, 0o600);
    assert.equal(keys(h), `${LINE}\n`);
    const again = run(shell, h);
    assert.equal(again.kind, 'present');
    assert.equal(keys(h), `${LINE}\n`);
  });

  test(`${shell}: appends after a last line without newline; never touches existing lines`, () => {
    const before = 'ssh-rsa AAAAB3NzaC1yc2E other\r\n# comment\n\ncommand="x" ssh-rsa AAAAB3Nz two';
    const h = home({ '.ssh/authorized_keys': before });
    assert.equal(run(shell, h).kind, 'installed');
    assert.equal(keys(h), `${before}\n${LINE}\n`);
    const empty = home({ '.ssh/authorized_keys': '' });
    assert.equal(run(shell, empty).kind, 'installed');
    assert.equal(keys(empty), `${LINE}\n`);
  });

  test(`${shell}: decides "present" exactly like authorizedKeysHas`, () => {
    const texts = [
      `ssh-ed25519 ${ED}\n`,
      `restrict,command="echo a b" ssh-ed25519 ${ED} other comment\n`,
      `ssh-ed25519 ${ED}\r\n`,
      `  from="10.0.0.1"\tssh-ed25519 ${ED}`,
      `# ssh-ed25519 ${ED}\n`,
      `cert-authority ssh-ed25519 ${ED}\n`,
      `ssh-ed25519 ${ED.slice(0, -1)}\n`,
      `ssh-rsa ${ED}\n`,
    ];
    for (const text of texts) {
      const h = home({ '.ssh/authorized_keys': text });
      const r = run(shell, h);
      const present = authorizedKeysHas(text, { type: 'ssh-ed25519', blob: ED });
      assert.equal(r.kind, present ? 'present' : 'installed', JSON.stringify(text));
      assert.equal(keys(h), present ? text : `${text}${text.endsWith('\n') ? '' : '\n'}${LINE}\n`);
    }
  });

  test(`${shell}: refuses a bad key line before touching anything`, () => {
    for (const input of [
      '',
      '\n',
      'ssh-ed25519 $(touch${IFS}pwned)\n',
      `ssh-ed25519 ${ED} a\u0007b\n`,
      `Ssh;x ${ED}\n`,
    ]) {
      const h = home();
      const r = run(shell, h, input);
      assert.equal(r.code, 64, JSON.stringify(input));
      assert.equal(r.kind, 'error');
      assert.ok(!existsSync(join(h, '.ssh')) && !existsSync(join(h, 'pwned')));
    }
  });

  test(`${shell}: a ~/.ssh that is not a directory is an error, and loose modes are reported`, () => {
    const h = home({ '.ssh': 'not a dir' });
    const r = run(shell, h);
    assert.deepEqual(r.kind === 'error' && r.message, 'cannot create ~/.ssh');
    const loose = home({ '.ssh/authorized_keys': '' });
    chmodSync(join(loose, '.ssh'), 0o770);
    const l = run(shell, loose);
    assert.equal(l.kind, 'installed');
    assert.match(
      (l.kind === 'installed' && l.notes.join('\n')) || '',
      /~\/\.ssh is writable by group or others/,
    );
  });
}

test('the report is read from marker lines only; anything else a login prints is ignored', () => {
  assert.deepEqual(parseScriptOutput('Welcome!\njumpctl-copy-id: present\n', '', 0), {
    kind: 'present',
    notes: [],
  });
  assert.deepEqual(
    parseScriptOutput('', 'jumpctl-copy-id: error: cannot append to ~/.ssh/authorized_keys\n', 68),
    {
      kind: 'error',
      message: 'cannot append to ~/.ssh/authorized_keys',
    },
  );
  const forced = parseScriptOutput('This account is currently not available.\n', '', 1);
  assert.match(
    forced.kind === 'error' ? forced.message : '',
    /did not run to the end \(exit 1\); a ForceCommand/,
  );
  assert.equal(parseScriptOutput('', '', 0).kind, 'error');
});
