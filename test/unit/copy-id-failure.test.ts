import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFailure } from '../../src/core/copy-id/failure.js';

// Verbatim stderr from the ssh-failures reference (OpenSSH 9.2, real sshd) and from the lab.
const cases: [string, string, RegExp][] = [
  [
    'root@jump1.lab: Permission denied (publickey).\nkex_exchange_identification: Connection closed by remote host\nConnection closed by UNKNOWN port 65535',
    'E_AUTH',
    /root@jump1\.lab refused the login/,
  ],
  [
    'Permission denied, please try again.\nPermission denied, please try again.\nu@t.lab: Permission denied (publickey,password).',
    'E_AUTH',
    /u@t\.lab refused/,
  ],
  [
    'Permission denied, please try again.\nReceived disconnect from UNKNOWN port 65535:2: Too many authentication failures',
    'E_AUTH',
    /rejected the password/,
  ],
  [
    'Received disconnect from 127.0.0.1 port 2210:2: Too many authentication failures\nDisconnected from 127.0.0.1 port 2210',
    'E_AUTH',
    /too many/,
  ],
  [
    '@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\nHost key for [127.0.0.1]:2216 has changed and you have requested strict checking.\nHost key verification failed.',
    'E_HOSTKEY_CHANGED',
    /\[127\.0\.0\.1\]:2216/,
  ],
  [
    'No ED25519 host key is known for [jump1.lab]:2201 and you have requested strict checking.\nHost key verification failed.',
    'E_HOSTKEY_UNKNOWN',
    /\[jump1\.lab\]:2201/,
  ],
  ['Host key verification failed.', 'E_HOSTKEY_UNKNOWN', /hop/],
  ['ssh: connect to host jump1.lab port 22: Connection refused', 'E_CONNECTION_REFUSED', /hop/],
  [
    'channel 0: open failed: connect failed: Connection refused\nstdio forwarding failed',
    'E_CONNECTION_REFUSED',
    /hop/,
  ],
  [
    'channel 0: open failed: administratively prohibited: open failed\nstdio forwarding failed',
    'E_FORWARDING_DENIED',
    /would not forward/,
  ],
  ['ssh: connect to host jump1.lab port 22: Connection timed out', 'E_TIMEOUT', /timed out/],
  [
    'Connection timed out during banner exchange\nConnection to UNKNOWN port 65535 timed out',
    'E_TIMEOUT',
    /timed out/,
  ],
  ['ssh: Could not resolve hostname jump1.lab: Name or service not known', 'E_DNS', /jump1\.lab/],
  ['ssh: connect to host 10.241.3.2 port 22: Network is unreachable', 'E_UNREACHABLE', /no route/],
  ['Killed by signal 1.\nsomething else entirely', 'E_SSH', /something else entirely/],
];

test('stderr maps to a stable code, a message and a fix, with the raw text kept', () => {
  for (const [stderr, code, message] of cases) {
    const f = describeFailure(stderr, 'hop');
    assert.equal(f.code, code, stderr);
    assert.match(f.message, message, stderr);
    assert.ok(f.fix.length > 0);
    assert.ok(!f.raw.includes('Killed by signal'));
  }
});

test('a forwarding failure through a jump is not mistaken for the hop refusing connections', () => {
  assert.equal(
    describeFailure('Stdio forwarding request failed: Session open refused by peer', 'h').code,
    'E_FORWARDING_DENIED',
  );
});

test('the fix for an authentication failure depends on what the server still accepts', () => {
  assert.match(describeFailure('u@h: Permission denied (publickey).', 'h').fix, /accepts no password/);
  assert.match(describeFailure('u@h: Permission denied (publickey,password).', 'h').fix, /SSH_ASKPASS/);
});
