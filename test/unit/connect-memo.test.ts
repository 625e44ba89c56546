// The inputs connect's memo records (io/memo-recorder.ts) and how a recorded entry is checked
// against the machine again (io/connect-memo.ts changedInput). The end-to-end behaviour is in
// test/e2e/connect-memo.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileSystemView } from '../../src/io/config-files.js';
import { changedInput, type MemoEntry } from '../../src/io/connect-memo.js';
import { fileIdentity } from '../../src/io/file-identity.js';
import { InputRecorder, type MemoInputs } from '../../src/io/memo-recorder.js';
import { findOnPath, sshIdentity } from '../../src/ssh/find-ssh.js';

const uid = process.getuid?.() ?? 0;
const gid = userInfo().gid;

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'jumpctl-memo-'));
  mkdirSync(join(d, 'conf.d'));
  writeFileSync(join(d, 'config'), 'Host a\n', { mode: 0o600 });
  writeFileSync(join(d, 'conf.d', 'one'), 'Host b\n', { mode: 0o600 });
  return d;
}

test('the recorder keeps each read, glob and permission verdict as a later check computes it', () => {
  const d = dir();
  const rec = new InputRecorder();
  const fs = rec.view(fileSystemView(d, uid, gid, false));
  assert.equal(fs.read(join(d, 'config')) !== undefined, true);
  assert.equal(fs.read(join(d, 'nope')), undefined);
  fs.read(join(d, 'conf.d'));
  assert.deepEqual(fs.glob(`${d}/conf.d/*`), [join(d, 'conf.d', 'one')]);
  assert.equal(fs.permissionProblem(join(d, 'config')), undefined);
  const inputs = rec.inputs();
  assert.deepEqual(
    inputs.reads,
    [join(d, 'config'), join(d, 'nope'), join(d, 'conf.d')].map((p) => [p, fileIdentity(p)]),
  );
  assert.deepEqual(
    inputs.reads.map(([, id]) => id.split(':').length),
    [5, 1, 1],
    'a file has an identity; missing and dir are named',
  );
  assert.deepEqual(inputs.globs, [[`${d}/conf.d/*`, [join(d, 'conf.d', 'one')]]]);
  assert.deepEqual(inputs.perms, [[join(d, 'config'), null]]);
  assert.equal(rec.volatile, undefined);
});

test('a file read twice, or an Include pattern asked twice, with another answer makes the run not reusable', () => {
  const d = dir();
  const rec = new InputRecorder();
  const fs = rec.view(fileSystemView(d, uid, gid, false));
  const cfg = join(d, 'config');
  fs.read(cfg);
  fs.read(cfg);
  assert.equal(rec.volatile, undefined);
  writeFileSync(cfg, 'Host changed\n');
  fs.read(cfg);
  assert.equal(rec.volatile, `${cfg} changed while it was read`);

  const rec2 = new InputRecorder();
  const fs2 = rec2.view(fileSystemView(d, uid, gid, false));
  fs2.glob(`${d}/conf.d/*`);
  writeFileSync(join(d, 'conf.d', 'two'), '');
  fs2.glob(`${d}/conf.d/*`);
  assert.equal(rec2.volatile, `the files of Include ${d}/conf.d/* changed while it was read`);
});

test('environment reads are recorded by name; listing the whole environment or running exec is not reusable', () => {
  const rec = new InputRecorder();
  const env = rec.env({ SET: 'x', EMPTY: '' });
  assert.equal(env.SET, 'x');
  assert.equal(env.UNSET, undefined);
  assert.equal('EMPTY' in env, true);
  assert.deepEqual(rec.inputs().env, [
    ['SET', 'x'],
    ['UNSET', null],
    ['EMPTY', ''],
  ]);
  assert.equal(rec.volatile, undefined);
  assert.deepEqual(Object.keys(env), ['SET', 'EMPTY']);
  assert.equal(rec.volatile, 'the whole environment was read');

  const rec3 = new InputRecorder();
  const env3 = rec3.env({ A: 'a' });
  assert.equal(Object.hasOwn(env3, 'A') && Object.hasOwn(env3, 'B') === false, true);
  assert.deepEqual(rec3.inputs().env, [
    ['A', 'a'],
    ['B', null],
  ]);
  assert.equal(rec3.volatile, undefined);

  const rec2 = new InputRecorder();
  const exec = rec2.exec(() => true);
  assert.equal(rec2.volatile, undefined, 'only running a command counts');
  assert.equal(exec('true'), true);
  assert.equal(rec2.volatile, 'a Match exec command ran');
});

const ssh = findOnPath('ssh');

function entry(inputs: Partial<MemoInputs>): MemoEntry {
  return {
    build: 'test',
    facts: JSON.stringify({ uid, gid }),
    sshId: ssh ? sshIdentity(ssh) : '',
    debian: false,
    inputs: { reads: [], globs: [], perms: [], env: [], ...inputs },
    run: { ssh: ssh ?? '', args: [], target: 't', hops: [], audit: true },
  };
}

test('a recorded entry names the first input that changed', { skip: ssh ? false : 'no ssh on PATH' }, () => {
  const d = dir();
  const cfg = join(d, 'config');
  const e = entry({
    reads: [[cfg, fileIdentity(cfg)]],
    globs: [[`${d}/conf.d/*`, [join(d, 'conf.d', 'one')]]],
    perms: [[cfg, null]],
    env: [['JUMPCTL_MEMO_TEST', null]],
  });
  assert.equal(changedInput(e), undefined);
  process.env.JUMPCTL_MEMO_TEST = 'now set';
  try {
    assert.equal(changedInput(e), '$JUMPCTL_MEMO_TEST');
  } finally {
    delete process.env.JUMPCTL_MEMO_TEST;
  }
  writeFileSync(join(d, 'conf.d', 'two'), '', { mode: 0o600 });
  assert.equal(changedInput(e), `the files of Include ${d}/conf.d/*`);
  assert.equal(changedInput({ ...e, inputs: { ...e.inputs, globs: [] } }), undefined);
  writeFileSync(cfg, 'Host b\n');
  assert.equal(changedInput(e), cfg);
  // The permission verdict on its own (the read above also sees the change of mode).
  chmodSync(cfg, 0o666);
  assert.equal(changedInput(entry({ perms: [[cfg, null]] })), `the permissions of ${cfg}`);
  assert.equal(changedInput({ ...entry({}), run: { ...e.run, ssh: '/elsewhere/ssh' } }), 'the ssh client');
});
