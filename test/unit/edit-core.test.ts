/** The pure editing core: block layout, the insert/remove inverse, value rewriting, renames. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docOf } from '../../src/core/edit/docs.js';
import { planNewBlock, planSet, insertionPoint } from '../../src/core/edit/plan-host.js';
import { planRemove, renameInJump, renameInProxyCommand } from '../../src/core/edit/plan-refs.js';
import { controlPathProblem, forwarderTo } from '../../src/core/edit/stanza.js';
import { formatDirective, quoteToken } from '../../src/core/edit/directive.js';
import { textOf } from '../../src/core/edit/docs.js';
import { affectedHosts } from '../../src/core/edit/affected.js';
import { parseFile } from '../../src/core/config/syntax/parse-file.js';

const ctx = { version: [9, 2] as const };
const ROOT = join(import.meta.dirname, '..', '..');
const doc = (text: string, path = '/c') => docOf(parseFile(path, text, ctx));

test('a new block is planned before the first block that could match the alias', () => {
  const d = doc('Host a\n  User x\n\n# defaults\nHost *\n  Port 1\n');
  assert.equal(insertionPoint(d, 'web'), 3, 'before the comment that belongs to Host *');
  const p = planNewBlock(d, 'web', [['HostName', ['w']]], ctx);
  assert.equal(
    textOf(p.files.get('/c') ?? []),
    'Host a\n  User x\n\nHost web\n  HostName w\n\n# defaults\nHost *\n  Port 1\n',
  );
  assert.deepEqual([...(p.wanted[0]?.from ?? [])], [['hostname', { file: '/c', line: 5 }]]);
});

test('add then remove gives back every round-trip fixture byte for byte (pure core)', () => {
  const dir = join(ROOT, 'fixtures', 'ssh-configs');
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), 'latin1');
    const added = planNewBlock(
      doc(text),
      'jcnew',
      [
        ['HostName', ['h']],
        ['User', ['u']],
      ],
      ctx,
    );
    const mid = textOf(added.files.get('/c') ?? []);
    assert.ok(mid.includes('Host jcnew'), name);
    const removed = planRemove([doc(mid)], 'jcnew');
    assert.equal(textOf(removed.files.get('/c') ?? []), text, name);
  }
});

test('set keeps indentation, keyword spelling, separator and a trailing comment', () => {
  const d = doc('Host app\n\tuser = old   # note\n\tHostName a\n');
  const p = planSet([d], 'app', 'User', ['new'], ctx);
  assert.equal(textOf(p.files.get('/c') ?? []), 'Host app\n\tuser = new   # note\n\tHostName a\n');
});

test('values are quoted only when they must be, and read back as written', () => {
  assert.equal(quoteToken('plain'), 'plain');
  assert.equal(quoteToken('with space'), '"with space"');
  assert.equal(
    formatDirective('identityfile', ['~/my keys/id'], '  ', ' ', ctx).text,
    '  IdentityFile "~/my keys/id"',
  );
  assert.throws(() => formatDirective('User', ['a\nb'], '', ' ', ctx), /line break/);
  assert.throws(() => formatDirective('Port', ['x'], '', ' ', ctx), /Bad port/);
});

test('renames follow ProxyJump hops (user and port kept) and ssh -W destinations only', () => {
  assert.equal(renameInJump('alice@gw:2222,gw,gwx', 'gw', 'gate'), 'alice@gate:2222,gate,gwx');
  assert.equal(renameInProxyCommand('ssh -l gw -W %h:%p gw', 'gw', 'gate'), 'ssh -l gw -W %h:%p gate');
  assert.equal(renameInProxyCommand('nc gw 22', 'gw', 'gate'), 'nc gw 22');
});

test('ProxyCommand forwarders: plain ssh -W through one jump, its user and port as -l/-p, -F and % kept literal', () => {
  assert.equal(forwarderTo('ops@gw:2200'), 'ssh -l ops -p 2200 -W %h:%p gw');
  assert.equal(forwarderTo('b', '/home/u/my cfg'), "ssh -F '/home/u/my cfg' -W %h:%p b");
  assert.equal(forwarderTo('b', '/cfg/100%'), 'ssh -F /cfg/100%% -W %h:%p b');
});

test('socket path limit: 108 bytes on Linux, 104 on macOS, with ssh’s 17-byte suffix and the NUL', () => {
  const path = (n: number) => `/${'a'.repeat(n - 1)}`;
  assert.equal(controlPathProblem(path(90), 'linux'), undefined);
  assert.match(controlPathProblem(path(91), 'linux') ?? '', /109 bytes .* limit is 108/);
  assert.match(controlPathProblem(path(90), 'darwin') ?? '', /limit is 104/);
});

test('affected hosts: a change inside literal Host blocks names them; anything wider checks everyone', () => {
  const before = doc('User root\nHost a b\n  Port 1\n\nHost *\n  Port 2\n');
  const literal = doc('User root\nHost a b\n  Port 3\n\nHost *\n  Port 2\n');
  assert.deepEqual([...(affectedHosts([{ before, after: literal }]) ?? [])].sort(), ['a', 'b']);
  const wildcard = doc('User root\nHost a b\n  Port 1\n\nHost *\n  Port 9\n');
  assert.equal(affectedHosts([{ before, after: wildcard }]), undefined);
  const global = doc('User admin\nHost a b\n  Port 1\n\nHost *\n  Port 2\n');
  assert.equal(affectedHosts([{ before, after: global }]), undefined);
});
