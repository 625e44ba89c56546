/** The connect picker with tags, on a real pseudo-terminal: shown, and `tag:prod` filters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempHome } from '../helpers/run-cli.js';
import { noScript, onTerminal } from '../helpers/pty.js';
import { pickFilter } from '../../src/ui/pick-host.js';

const CONFIG = [
  'Host alpha',
  '  # jumpctl-tags: staging',
  '  HostName a.example',
  'Host beta',
  '  HostName b.example',
  'Host prodweb',
  '  # jumpctl-tags: prod web',
  '  HostName w.example',
  '',
].join('\n');

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

test('tag:<prefix> words keep the hosts with such a tag; the rest of the search stays fuzzy', () => {
  const e = (alias: string, tags: string[]) => ({
    alias,
    hostname: alias,
    user: 'u',
    port: 22,
    chain: [],
    tags,
  });
  const entries = [e('alpha', ['staging']), e('beta', []), e('web', ['prod', 'web']), e('db', ['prod'])];
  assert.deepEqual(pickFilter(entries, ''), [0, 1, 2, 3]);
  assert.deepEqual(pickFilter(entries, 'tag:prod'), [2, 3]);
  assert.deepEqual(pickFilter(entries, 'tag:pr'), [2, 3]);
  assert.deepEqual(pickFilter(entries, 'tag:prod db'), [3]);
  assert.deepEqual(pickFilter(entries, 'tag:prod tag:web'), [2]);
  assert.deepEqual(pickFilter(entries, 'tag:nope'), []);
});

test('the picker shows tags, and typing tag:prod leaves the prod hosts', { skip: noScript }, async () => {
  const home = tempHome({ '.ssh/config': CONFIG });
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'ssh'),
    `#!/bin/sh\ncase "$1" in -V|-G) exec /usr/bin/ssh "$@" ;; esac\necho "$*" > '${home}/ssh.ran'\nexit 0\n`,
    { mode: 0o755 },
  );
  const term = onTerminal(['connect'], home, { PATH: `${bin}:${process.env.PATH ?? ''}` });
  try {
    await term.answer(/Connect to[\s\S]*prodweb/, 'tag:prod');
    await term.answer(/tag:prod[\s\S]*prodweb/, '\r');
    assert.equal(await term.closed, 0, plain(term.all()));
  } finally {
    term.kill();
  }
  const screen = plain(term.all());
  assert.match(screen, /alpha +\S+@a\.example:22 +#staging/);
  assert.match(screen, /prodweb +\S+@w\.example:22 +#prod #web/);
  assert.equal(readFileSync(join(home, 'ssh.ran'), 'utf8').trim(), 'prodweb');
});
