// ProxyJump parsing, after OpenSSH's regress/proxyjump.sh and the reference's exp-04.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatProxyJump, parseJump } from '../../src/core/config/chain/jump.js';

const ok: [string, { user?: string; host: string; port?: number }[], string][] = [
  ['jump1', [{ host: 'jump1' }], 'jump1'],
  ['user@jump1', [{ user: 'user', host: 'jump1' }], 'user@jump1'],
  ['jump1:2222', [{ host: 'jump1', port: 2222 }], 'jump1:2222'],
  ['user@jump1:2222', [{ user: 'user', host: 'jump1', port: 2222 }], 'user@jump1:2222'],
  ['jump1,jump2', [{ host: 'jump1' }, { host: 'jump2' }], 'jump1,jump2'],
  [
    'user1@jump1:2221,user2@jump2:2222',
    [
      { user: 'user1', host: 'jump1', port: 2221 },
      { user: 'user2', host: 'jump2', port: 2222 },
    ],
    'user1@jump1:2221,user2@jump2:2222',
  ],
  ['ssh://user@host:2223', [{ user: 'user', host: 'host', port: 2223 }], 'user@host:2223'],
  ['ssh://host/', [{ host: 'host' }], 'host'],
  ['[::1]:2222', [{ host: '::1', port: 2222 }], '[::1]:2222'],
  ['10.0.0.1', [{ host: '10.0.0.1' }], '[10.0.0.1]'],
  ['user@with@at@host', [{ user: 'user@with@at', host: 'host' }], 'user@with@at@host'],
  ['jump1 # comment', [{ host: 'jump1' }], 'jump1'],
];

for (const [raw, hops, printed] of ok) {
  test(`ProxyJump ${raw}`, () => {
    const p = parseJump(raw);
    assert.equal(p.kind, 'hops');
    if (p.kind !== 'hops') return;
    assert.deepEqual(
      p.hops.map(({ user, host, port }) => ({ ...(user ? { user } : {}), host, ...(port ? { port } : {}) })),
      hops,
    );
    assert.equal(formatProxyJump(raw.replace(/ #.*/, ''), p.hops), printed);
  });
}

for (const bad of ['::1', 'a, b', 'host:0', 'host:65536', 'ssh://host/path', '@host', 'host:22x']) {
  test(`ProxyJump ${JSON.stringify(bad)} is invalid`, () => assert.equal(parseJump(bad).kind, 'error'));
}

test('ProxyJump none, any case', () => assert.equal(parseJump('NONE').kind, 'none'));
