// The copy-id report as text is made from the result alone, --configure's notes and error included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CopyIdResult } from '../../src/commands/copy-id/copy-id.js';
import { renderCopyId } from '../../src/ui/render-copy-id.js';

const plain = (s: string) => s;
const t = { ok: plain, bad: plain, warn: plain, dim: plain, host: plain, key: plain };

const base: CopyIdResult = {
  target: 'db',
  key: { file: '/k.pub', type: 'ssh-ed25519', fingerprint: 'SHA256:x', comment: 'me' },
  dryRun: false,
  hops: [
    {
      alias: 'db',
      user: 'u',
      hostname: 'h',
      port: 22,
      role: 'target',
      cli: {},
      requested: true,
      through: [],
      status: 'installed',
      notes: [],
    },
  ],
  ok: false,
  exitCode: 1,
};

test('--configure notes (a hop without a Host block of its own) and the error with its hint are shown', () => {
  const text = renderCopyId(
    {
      ...base,
      configure: {
        edits: [{ alias: 'db', keyword: 'IdentityFile', value: '/k' }],
        applied: false,
        notes: ['10.0.0.1 has no Host block of its own; add IdentityFile /k for it by hand'],
        files: [],
        error: {
          code: 'E_SHADOWED',
          message: 'IdentityFile /k would not take effect for db',
          hint: 'jumpctl show db',
        },
      },
    },
    t,
  );
  assert.match(text, /note: 10\.0\.0\.1 has no Host block of its own/);
  assert.match(text, /✗ IdentityFile \/k would not take effect for db\n {2}jumpctl show db/);
});
