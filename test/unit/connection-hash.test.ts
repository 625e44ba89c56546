// %C is hashed in JS for the first few hosts and with node:crypto after: both must be SHA-1 hex.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connectionHash } from '../../src/session.js';

test('connectionHash gives SHA-1 hex, before and after it switches to node:crypto', () => {
  const hash = connectionHash();
  const inputs = Array.from(
    { length: 40 },
    (_, i) => `laptop.local${'é'.repeat(i % 3)}10.0.0.${i}22user${i}`,
  );
  for (const s of [...inputs, '']) assert.equal(hash(s), createHash('sha1').update(s).digest('hex'), s);
});
