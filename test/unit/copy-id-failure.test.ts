/** copy-id reads a hop's failure with doctor's classifier: same codes, hop named, raw text kept. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFailure } from '../../src/core/copy-id/failure.js';

const chain = [
  { alias: 'jump1', hostname: 'jump1.lab', port: 22, user: 'u1' },
  { alias: 'jump2', hostname: 'jump2.lab', port: 2222, user: 'u2' },
];

test('a wrong password on the hop is E_AUTH for that hop, with the raw stderr kept', () => {
  const stderr = 'u2@jump2.lab: Permission denied (publickey,password).\n';
  const f = describeFailure(stderr, 'jump2', chain);
  assert.equal(f.code, 'E_AUTH');
  assert.match(f.message, /jump2/);
  assert.ok(f.fix.length > 0);
  assert.equal(f.raw, stderr.trim());
});

test('codes are doctor’s: refused, DNS, changed host key, forwarding denied', () => {
  const cases: [string, string][] = [
    ['ssh: connect to host jump1.lab port 22: Connection refused', 'E_REFUSED'],
    ['ssh: Could not resolve hostname jump1.lab: Name or service not known', 'E_DNS'],
    [
      '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\nHost key for jump1.lab has changed and you have requested strict checking.\nHost key verification failed.',
      'E_HOSTKEY_CHANGED',
    ],
    [
      'channel 0: open failed: administratively prohibited: open failed\nstdio forwarding failed',
      'E_FORWARDING_DENIED',
    ],
  ];
  for (const [stderr, code] of cases)
    assert.equal(describeFailure(stderr, 'jump2', chain).code, code, stderr);
});
