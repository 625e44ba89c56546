import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configureEdits } from '../../src/core/copy-id/configure.js';

const key = { publicPath: '/home/u/.ssh/work.pub', privatePath: '/home/u/.ssh/work' };

test('hosts that do not use the key get IdentityFile and IdentitiesOnly yes; the others nothing', () => {
  const edits = configureEdits(
    [
      { alias: 'jump1', identityFiles: ['/home/u/.ssh/work'], identitiesOnly: 'no' },
      { alias: 'jump2', identityFiles: ['/home/u/.ssh/id_rsa'], identitiesOnly: 'no' },
      { alias: 'target', identityFiles: ['/home/u/.ssh/id_rsa'], identitiesOnly: 'yes' },
      { alias: 'agent', identityFiles: ['/home/u/.ssh/work.pub'], identitiesOnly: 'no' },
    ],
    key,
    '/home/u',
  );
  assert.deepEqual(edits, [
    { alias: 'jump2', keyword: 'IdentityFile', value: '~/.ssh/work' },
    { alias: 'jump2', keyword: 'IdentitiesOnly', value: 'yes' },
    { alias: 'target', keyword: 'IdentityFile', value: '~/.ssh/work' },
  ]);
});

test('a key without its private half is named by its .pub; paths outside home stay absolute; % is doubled', () => {
  const host = [{ alias: 'h', identityFiles: [], identitiesOnly: 'no' }];
  assert.equal(
    configureEdits(host, { publicPath: '/home/u/token.pub', privatePath: undefined }, '/home/u')[0]?.value,
    '~/token.pub',
  );
  assert.equal(
    configureEdits(host, { publicPath: '/keys/50%.pub', privatePath: '/keys/50%' }, '/home/u')[0]?.value,
    '/keys/50%%',
  );
});

test('an alias that appears twice is edited once', () => {
  const h = { alias: 'h', identityFiles: [], identitiesOnly: 'no' };
  assert.equal(configureEdits([h, h], key, '/home/u').length, 2);
});
