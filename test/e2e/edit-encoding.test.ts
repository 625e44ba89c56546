/**
 * Editing a config file that is not UTF-8 (here Latin-1): the file's own bytes stay as they are,
 * and what the user types goes in as the UTF-8 bytes typed, as `echo … >> config` would write it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/run-cli.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const ORIGINAL = latin1(
  '# caf\xe9 au lait\nHost a\n    HostName old.example\n    User olduser # r\xe9seau\n',
);

test('set and add-host in a Latin-1 file write the typed UTF-8 bytes and leave every other byte alone', () => {
  const home = tempHome({ '.ssh/config': '' });
  const file = join(home, '.ssh', 'config');
  writeFileSync(file, ORIGINAL);

  const set = runCli(['set', 'a', 'HostName', 'bücher.example', '--yes'], home);
  assert.equal(set.code, 0, set.stderr);
  const afterSet = Buffer.concat([
    latin1('# caf\xe9 au lait\nHost a\n    HostName '),
    utf8('bücher.example'),
    latin1('\n    User olduser # r\xe9seau\n'),
  ]);
  assert.deepEqual(readFileSync(file), afterSet);
  // ssh reads bytes: the host name it uses is the UTF-8 the user typed.
  const g = spawnSync('ssh', ['-G', '-F', file, 'a'], { env: { ...process.env, HOME: home } });
  assert.equal(g.status, 0, g.stderr.toString());
  assert.ok(g.stdout.includes(utf8('\nhostname bücher.example\n')), g.stdout.toString('latin1'));

  // A rewritten line keeps its Latin-1 comment byte for byte.
  assert.equal(runCli(['set', 'a', 'User', 'jürgen', '--yes'], home).code, 0);
  const afterUser = Buffer.concat([
    afterSet.subarray(0, afterSet.indexOf(latin1('    User'))),
    latin1('    User '),
    utf8('jürgen'),
    latin1(' # r\xe9seau\n'),
  ]);
  assert.deepEqual(readFileSync(file), afterUser);

  const add = runCli(['add-host', 'web', '--hostname', 'müller.example', '--yes'], home);
  assert.equal(add.code, 0, add.stderr);
  assert.deepEqual(
    readFileSync(file),
    Buffer.concat([afterUser, latin1('\nHost web\n    HostName '), utf8('müller.example'), latin1('\n')]),
  );

  // undo puts back the exact bytes of each step.
  assert.equal(runCli(['undo'], home).code, 0);
  assert.deepEqual(readFileSync(file), afterUser);
  assert.equal(runCli(['undo'], home).code, 0);
  assert.deepEqual(readFileSync(file), afterSet);
  assert.equal(runCli(['undo'], home).code, 0);
  assert.deepEqual(readFileSync(file), ORIGINAL);
});

test('the diff of a Latin-1 file is shown, and a dry run writes nothing', () => {
  const home = tempHome({ '.ssh/config': '' });
  const file = join(home, '.ssh', 'config');
  writeFileSync(file, ORIGINAL);
  const dry = runCli(['--json', 'set', 'a', 'HostName', 'bücher.example', '--dry-run'], home);
  assert.equal(dry.code, 0, dry.stderr);
  const diff = (dry.json() as { files: { diff: string }[] }).files[0]?.diff ?? '';
  assert.match(diff, /^- {4}HostName old\.example$/m);
  assert.match(diff, /^\+ {4}HostName bücher\.example$/m);
  assert.deepEqual(readFileSync(file), ORIGINAL);
});
