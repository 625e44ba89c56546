/** Kept text (src/core/edit/bytes.ts): every byte of a file back as it was, typed text as UTF-8. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decodeKept, encodeKept } from '../../src/core/edit/bytes.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const roundTrip = (b: Buffer) => Buffer.from(encodeKept(decodeKept(b)));

test('valid UTF-8 decodes as UTF-8; every other byte is kept as U+DC80–U+DCFF', () => {
  assert.equal(decodeKept(bytes('Host bücher ✓ 𝄞\n')), 'Host bücher ✓ 𝄞\n');
  assert.equal(decodeKept(bytes('caf', [0xe9], '\n')), 'caf\udce9\n');
  assert.equal(decodeKept(bytes([0xef, 0xbb, 0xbf], 'Host a\n')), '\ufeffHost a\n', 'a BOM is kept');
  // Overlong, encoded surrogate, beyond U+10FFFF, truncated at the end: byte by byte.
  for (const bad of [
    [0xc0, 0x80],
    [0xed, 0xa0, 0x80],
    [0xf5, 0x80, 0x80, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xe2, 0x82],
  ])
    assert.equal(decodeKept(Buffer.from(bad)), bad.map((b) => String.fromCharCode(0xdc00 + b)).join(''));
});

test('any bytes round-trip exactly', () => {
  for (let i = 0; i < 2000; i++) {
    const b = randomBytes(i % 64);
    assert.deepEqual(roundTrip(b), b);
  }
  const mixed = bytes('# ', [0xe9, 0xfc], ' ü ', [0xc3], '\r\n', [0xff]);
  assert.deepEqual(roundTrip(mixed), mixed);
});

test('typed text goes in as UTF-8 next to the kept bytes', () => {
  const file = bytes('# caf', [0xe9], '\n');
  const edited = `${decodeKept(file)}HostName bücher.example\n`;
  assert.deepEqual(
    Buffer.from(encodeKept(edited)),
    Buffer.concat([file, bytes('HostName b', [0xc3, 0xbc], 'cher.example\n')]),
  );
});
