/**
 * tag, untag and list --tag on the built CLI: the exact bytes of the files (CRLF, tabs, `=`,
 * shared Host lines), undo, and the real `ssh -G` of every host unchanged (tags are comments).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/run-cli.js';

const HOSTS = ['a', 'b', 'db', 'web', 'other'];

/** What the real ssh -G says for every host: the proof that tags change nothing for ssh. */
function gAll(home: string): string[] {
  return HOSTS.map((h) => {
    const r = spawnSync('ssh', ['-G', '-F', join(home, '.ssh', 'config'), h], {
      encoding: 'utf8',
      env: { ...process.env, HOME: home },
    });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  });
}

const cfg = (home: string) => readFileSync(join(home, '.ssh', 'config'), 'utf8');
type Json = {
  summary: string;
  written: boolean;
  changed: string[];
  unchanged: string[];
  notes: string[];
  error?: { code: string; message: string };
};

// CRLF line endings, a tab-indented block with `=`, a shared Host line, a block with no settings.
const MIXED =
  '# mine\r\nHost a b\r\n  User x\r\n\r\nHost db\r\n\tHostName=10.0.0.5\r\n\tPort=2222\r\n\r\nHost web\r\n\r\nHost *\r\n  ServerAliveInterval 60\r\n';

test('tag and untag: byte-exact elsewhere (CRLF, tabs, =), ssh -G unchanged for every host, undo restores', () => {
  const home = tempHome({ '.ssh/config': MIXED });
  const before = gAll(home);
  assert.equal(runCli(['tag', 'db', 'prod', 'eu', '--yes'], home).code, 0);
  assert.equal(
    cfg(home),
    MIXED.replace('Host db\r\n', 'Host db\r\n\t# jumpctl-tags: prod eu\r\n'),
    'the tag line in db’s block, indented like it, with its line ending',
  );
  assert.equal(runCli(['tag', 'web', 'prod', '--yes'], home).code, 0);
  assert.match(cfg(home), /\r\nHost web\r\n {2}# jumpctl-tags: prod\r\n\r\nHost \*/);
  const shared = runCli(['--json', 'tag', 'a', 'staging', '--yes'], home);
  assert.equal(shared.code, 0, shared.stderr);
  assert.match((shared.json() as Json).notes.join(), /a shared its Host line/);
  // Before the shared block and the comment that leads it, as set places a new block.
  assert.match(cfg(home), /^Host a\r\n {2}# jumpctl-tags: staging\r\n\r\n# mine\r\nHost a b\r\n/);
  assert.deepEqual(gAll(home), before, 'ssh -G is the same for every host');

  const more = runCli(['tag', 'db', 'db', 'prod', '--yes'], home);
  assert.match(more.stdout, /db: tagged db \(already tagged prod\)/);
  assert.match(cfg(home), /\r\nHost db\r\n\t# jumpctl-tags: prod eu db\r\n\tHostName=/);

  assert.equal(runCli(['untag', 'db', 'prod', 'eu', 'db', '--yes'], home).code, 0);
  assert.equal(runCli(['untag', 'web', 'prod', '--yes'], home).code, 0);
  assert.doesNotMatch(cfg(home), /jumpctl-tags: (prod|eu|db)/);
  assert.deepEqual(gAll(home), before);

  // Every step was one change: undoing them all gives back the original bytes.
  for (let i = 0; i < 6; i++) assert.equal(runCli(['undo'], home).code, 0, `undo ${i}`);
  assert.equal(cfg(home), MIXED);
});

test('a tag already there, or one that is not there to remove, changes nothing and says so', () => {
  const text = 'Host db\n  HostName d\n  # jumpctl-tags: prod\n';
  const home = tempHome({ '.ssh/config': text });
  const again = runCli(['--json', 'tag', 'db', 'prod', '--yes'], home);
  assert.equal(again.code, 0);
  const j = again.json() as Json;
  assert.equal(j.summary, 'nothing to change: db is already tagged prod');
  assert.equal(j.written, false);
  assert.deepEqual(j.unchanged, ['prod']);
  const none = runCli(['untag', 'db', 'staging', '--yes'], home);
  assert.equal(none.code, 0);
  assert.match(none.stdout, /nothing to change: db is not tagged staging/);
  // The last tag of the line removes the line.
  assert.equal(runCli(['untag', 'db', 'prod', '--yes'], home).code, 0);
  assert.equal(cfg(home), 'Host db\n  HostName d\n');
});

test('tag refuses a tag that is not a word, and an unknown host with the one it may have meant', () => {
  const home = tempHome({ '.ssh/config': 'Host db\n  HostName d\n' });
  for (const bad of ['a b', 'pro*', '!prod', 'a;b', 'x\u0007']) {
    const r = runCli(['--json', 'tag', 'db', bad, '--yes'], home);
    assert.equal(r.code, 2, bad);
    assert.equal((r.json() as Json).error?.code, 'E_INVALID_INPUT', bad);
  }
  const r = runCli(['--json', 'tag', 'bd', 'prod', '--yes'], home);
  assert.equal((r.json() as Json).error?.code, 'E_NO_HOST');
  assert.equal(cfg(home), 'Host db\n  HostName d\n');
});

test('--dry-run shows the diff and writes nothing', () => {
  const home = tempHome({ '.ssh/config': 'Host db\n  HostName d\n' });
  const r = runCli(['tag', 'db', 'prod', '--dry-run'], home);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\+ {2}# jumpctl-tags: prod$/m);
  assert.match(r.stdout, /nothing was written/);
  assert.equal(cfg(home), 'Host db\n  HostName d\n');
});

test('list --tag: all must match, ! excludes; TAGS column and tags in --json; tags in a shared block are not read', () => {
  const text = [
    'Host a b',
    '  # jumpctl-tags: shared',
    'Host db',
    '  # jumpctl-tags: prod db',
    '  HostName d',
    'Host web',
    '  # jumpctl-tags: prod',
    'Host other',
    '  HostName o',
    '',
  ].join('\n');
  const home = tempHome({ '.ssh/config': text });
  const aliases = (args: string[]) => {
    const r = runCli(['--json', 'list', ...args], home);
    assert.equal(r.code, 0, r.stderr);
    return (r.json() as { hosts: { alias: string; tags: string[] }[] }).hosts;
  };
  assert.deepEqual(
    aliases([]).map((h) => [h.alias, h.tags]),
    [
      ['a', []],
      ['b', []],
      ['db', ['prod', 'db']],
      ['web', ['prod']],
      ['other', []],
    ],
  );
  assert.deepEqual(
    aliases(['--tag', 'prod']).map((h) => h.alias),
    ['db', 'web'],
  );
  assert.deepEqual(
    aliases(['--tag', 'prod', '--tag', 'db']).map((h) => h.alias),
    ['db'],
  );
  assert.deepEqual(
    aliases(['--tag', 'prod', '--tag', '!db']).map((h) => h.alias),
    ['web'],
  );
  assert.deepEqual(
    aliases(['--tag', '!prod']).map((h) => h.alias),
    ['a', 'b', 'other'],
  );
  const screen = runCli(['list', '--tag', 'prod'], home).stdout;
  assert.match(screen, /^ALIAS +HOSTNAME +USER +PORT +TAGS +CHAIN$/m);
  assert.match(screen, /^db +d +\S+ +22 +prod,db +db$/m);
  assert.match(runCli(['list', '--tag', 'nope'], home).stdout, /no host has the tags nope/);
  assert.equal(runCli(['list', '--tag', 'a b'], home).code, 2);
});

test('set --tag and unset --tag: every tagged host’s own block, across files, as one edit and one undo', () => {
  const main =
    'Include conf.d/*.conf\r\nHost db\r\n  # jumpctl-tags: prod\r\n  HostName 10.0.0.5\r\n\r\nHost web\r\n  HostName w\r\n\r\nHost *\r\n  ServerAliveInterval 60\r\n';
  const inc = 'Host other\n\t# jumpctl-tags: prod eu\n\tForwardAgent yes\n';
  const home = tempHome({ '.ssh/config': main, '.ssh/conf.d/a.conf': inc });
  const g = (h: string) => {
    const r = spawnSync('ssh', ['-G', '-F', join(home, '.ssh', 'config'), h], {
      encoding: 'utf8',
      env: { ...process.env, HOME: home },
    });
    return r.stdout;
  };
  const webBefore = g('web');
  const r = runCli(['--json', 'set', '--tag', 'prod', 'ServerAliveInterval', '30', '--yes'], home);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const j = r.json() as Json & { hosts: string[]; files: { path: string }[] };
  assert.deepEqual(j.hosts, ['db', 'other']);
  assert.equal(j.files.length, 2, 'one edit over both files');
  assert.equal(
    cfg(home),
    main.replace('HostName 10.0.0.5\r\n', 'HostName 10.0.0.5\r\n  ServerAliveInterval 30\r\n'),
  );
  assert.equal(
    readFileSync(join(home, '.ssh', 'conf.d', 'a.conf'), 'utf8'),
    'Host other\n\t# jumpctl-tags: prod eu\n\tForwardAgent yes\n\tServerAliveInterval 30\n',
  );
  assert.match(g('db'), /^serveraliveinterval 30$/m);
  assert.match(g('other'), /^serveraliveinterval 30$/m);
  assert.equal(g('web'), webBefore, 'an untagged host is untouched');

  const un = runCli(['unset', '--tag', 'eu', 'ForwardAgent', '--yes'], home);
  assert.equal(un.code, 0, un.stderr);
  assert.match(g('other'), /^forwardagent no$/m);
  assert.equal(runCli(['undo'], home).code, 0);
  assert.equal(runCli(['undo'], home).code, 0);
  assert.equal(cfg(home), main);
  assert.equal(readFileSync(join(home, '.ssh', 'conf.d', 'a.conf'), 'utf8'), inc);
  assert.equal(runCli(['set', '--tag', 'nope', 'Port', '1', '--yes'], home).code, 1);
});
