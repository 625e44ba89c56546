// Two edges of reading a configuration: `${VAR}` takes only the environment's own variables, and
// a file that cannot be read when a saved outline needs its lines is a config error, as ssh
// reports a file it cannot read (not an internal error).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dollarExpand } from '../../src/core/config/resolve/expand.js';
import { fileSystemView } from '../../src/io/config-files.js';
import { ConfigError, FileUnreadableError } from '../../src/core/errors.js';
import { openFile, verdictOf } from '../../src/core/config/program/file-outline.js';
import { parseFile } from '../../src/core/config/syntax/parse-file.js';

test('${VAR} names only the environment’s own variables, not Object.prototype’s', () => {
  const env = { HOME: '/home/me' };
  assert.deepEqual(dollarExpand('${HOME}/x', env), { ok: true, value: '/home/me/x' });
  for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty'])
    assert.deepEqual(dollarExpand(`\${${name}}`, env), {
      ok: false,
      error: `env var \${${name}} has no value`,
    });
});

test('a file that cannot be read says why: at once, or when a saved outline needs its lines', () => {
  const ctx = { version: [9, 6] as [number, number] };
  const unreadable = {
    get text(): string {
      throw new FileUnreadableError('/etc/ssh/team.conf', 'EACCES: permission denied');
    },
  };
  assert.deepEqual(openFile('/etc/ssh/team.conf', unreadable, ctx, undefined), {
    error: 'EACCES: permission denied',
  });
  const verdict = verdictOf(parseFile('/etc/ssh/team.conf', 'Host a\n  User x\n', ctx));
  assert.ok(verdict);
  const file = openFile('/etc/ssh/team.conf', unreadable, ctx, verdict);
  assert.ok(!('error' in file));
  assert.throws(
    () => file.lines,
    (e: unknown) =>
      e instanceof ConfigError && /^\/etc\/ssh\/team\.conf: cannot read: EACCES/.test((e as Error).message),
  );
});

test('the lazy read of a config file turns a failure into that error, and a vanished file into "changed"', () => {
  const d = mkdtempSync(join(tmpdir(), 'jumpctl-read-'));
  after(() => rmSync(d, { recursive: true, force: true }));
  const p = join(d, 'config');
  writeFileSync(p, 'Host a\n');
  const fs = fileSystemView(d, 0, 0, false);
  const got = fs.read(p);
  assert.ok(got && !('error' in got));
  rmSync(p);
  mkdirSync(p); // the same path is now a directory: reading it fails (EISDIR)
  assert.throws(
    () => got.text,
    (e: unknown) => e instanceof FileUnreadableError && /EISDIR/.test(e.reason),
  );
  const again = fileSystemView(d, 0, 0, false).read(join(d, 'other'));
  assert.equal(again, undefined);
  writeFileSync(join(d, 'gone'), 'Host b\n');
  const gone = fs.read(join(d, 'gone'));
  rmSync(join(d, 'gone'));
  assert.ok(gone && !('error' in gone));
  assert.throws(
    () => gone.text,
    (e: unknown) =>
      e instanceof ConfigError && /changed while jumpctl was reading/.test((e as Error).message),
  );
});

test('a problem of a whole file names the file alone; an unreadable one says what to check', () => {
  const e = new FileUnreadableError('/etc/ssh/team.conf', 'EACCES: permission denied');
  assert.equal(e.message, '/etc/ssh/team.conf: cannot read: EACCES: permission denied');
  assert.match(e.hint ?? '', /owner, mode and group/);
  assert.deepEqual(e.toJSON().problems, [
    { where: '/etc/ssh/team.conf', message: 'cannot read: EACCES: permission denied' },
  ]);
  const line = new ConfigError([{ file: '/home/me/.ssh/config', line: 3, message: 'Bad line' }]);
  assert.equal(line.message, '/home/me/.ssh/config:3: Bad line');
});
