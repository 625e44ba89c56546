// doctor's passphrase check (L06c) reads the key format instead of trying the key; the truth is
// ssh-keygen itself: `ssh-keygen -y -P '' -f KEY` succeeds exactly when no passphrase is set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateKeyProtected } from '../../src/core/doctor/keys.js';
import { ROOT } from '../helpers/run-cli.js';

const dir = join(ROOT, 'fixtures', 'doctor', 'keys');
const privateKeys = readdirSync(dir).filter((n) => !n.endsWith('.pub') && n !== 'pem-header-only');

test('every private key fixture: protected exactly when ssh-keygen needs a passphrase', (t) => {
  if (spawnSync('ssh-keygen', ['-?']).error) return t.skip('ssh-keygen not installed');
  assert.ok(privateKeys.length >= 5);
  const scratch = mkdtempSync(join(tmpdir(), 'jumpctl-keys-'));
  try {
    for (const name of privateKeys) {
      const copy = join(scratch, name);
      copyFileSync(join(dir, name), copy);
      chmodSync(copy, 0o600); // ssh-keygen refuses to load a key others can read
      const r = spawnSync('ssh-keygen', ['-y', '-P', '', '-f', copy], { encoding: 'utf8' });
      const needsPassphrase = r.status !== 0;
      assert.equal(
        privateKeyProtected(readFileSync(copy, 'utf8')),
        needsPassphrase,
        `${name}: ssh-keygen says ${needsPassphrase ? 'protected' : 'open'} (${r.stderr.trim()})`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
