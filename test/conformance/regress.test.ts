/**
 * OpenSSH's own regression cases (regress/cfginclude.sh, proxyjump.sh parsing, sshcfgparse.sh,
 * percent.sh -G subset, rekey.sh RekeyLimit parsing), transcribed to fixtures/conformance/regress.
 * Each case first checks that the real ssh still gives the regress script's expectation
 * (expect.json), then compares jumpctl with ssh -G key by key, as ssh-g.test.ts does.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertCoreKeys, assertEveryKey } from './helpers/compare.js';
import { caseEnv, listCases, materialize } from './helpers/fixtures.js';
import { jumpctl, jumpctlSkipReason } from './helpers/jumpctl.js';
import { compareShowCase } from './helpers/showcase.js';
import { sshG } from './helpers/sshg.js';

for (const name of listCases('regress')) {
  test(`OpenSSH regress: ${name}`, { concurrency: 4 }, async (t) => {
    const c = materialize('regress', name);
    t.after(() => c.cleanup());
    await compareShowCase(t, c);
  });
}

// sshcfgparse.sh "reparse minimal config": ssh -G output is itself a config that gives the same
// output again; jumpctl must read that generated file like ssh does.
test('OpenSSH regress: sshcfgparse reparse of ssh -G output', async (t) => {
  const c = materialize('regress', 'sshcfgparse');
  t.after(() => c.cleanup());
  const env = caseEnv(c);
  const first = await sshG(c.config, 'somehost', env);
  assert.equal(first.status, 0, first.stderr);
  const reparsed = join(c.dir, 'ssh_config.1');
  writeFileSync(reparsed, first.stdout);
  const second = await sshG(reparsed, 'somehost', env);
  await t.test('ssh -G output re-parses to identical output', () =>
    assert.equal(second.stdout, first.stdout),
  );
  const skip = jumpctlSkipReason();
  const r = skip ? undefined : await jumpctl(['-F', reparsed, 'show', 'somehost', '--json'], env);
  await t.test('core keys', { skip }, () => assertCoreKeys(second, r!, 'somehost'));
  await t.test('every key', { skip }, () => assertEveryKey(second, r!, 'somehost'));
});
