/** One show/regress case: for each host, real `ssh -G` vs `jumpctl show --json`. */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import {
  assertCoreKeys,
  assertErrorLocation,
  assertEveryKey,
  assertRejected,
  diffKeys,
  formatDiffs,
} from './compare.js';
import { caseEnv, type Materialized } from './fixtures.js';
import { jumpctl, jumpctlSkipReason } from './jumpctl.js';
import { sshG, type Options, type SshG } from './sshg.js';

/** expect.json: per host, either "error" or a subset of the `ssh -G` keys. */
export type Expectation = Record<string, 'error' | Options>;

/** Self-check of a fixture: the real ssh must give what the fixture's author (or regress script) says. */
export function assertSshExpectation(ssh: SshG, want: 'error' | Options): void {
  if (want === 'error') {
    assert.equal(ssh.status, 255, `expected ssh -G to reject the config, got exit ${ssh.status}`);
    return;
  }
  assert.equal(ssh.status, 0, `expected ssh -G to accept the config: ${ssh.stderr.trim()}`);
  const diffs = diffKeys(want, ssh.options, Object.keys(want));
  if (diffs.length > 0)
    assert.fail(formatDiffs(diffs).replace('ssh -G vs jumpctl show', 'expect.json vs ssh -G'));
}

export async function compareShowCase(t: TestContext, c: Materialized): Promise<void> {
  const skip = jumpctlSkipReason();
  const expect = (c.expect ?? {}) as Expectation;
  const env = caseEnv(c);
  assert.ok(c.hosts.length > 0, `${c.name}: hosts.txt lists no host`);
  await Promise.all(
    c.hosts.map((host) =>
      t.test(host, async (ht) => {
        const ssh = await sshG(c.config, host, env);
        assert.ok(ssh.status === 0 || ssh.status === 255, `ssh -G exited ${ssh.status}: ${ssh.stderr}`);
        assert.doesNotMatch(
          ssh.stderr,
          /resolve host|resolve hostname/i,
          'fixture made ssh -G do DNS; fix it',
        );
        const want = expect[host];
        if (want !== undefined)
          await ht.test('ssh -G matches expect.json', () => assertSshExpectation(ssh, want));
        const jc = skip ? undefined : await jumpctl(['-F', c.config, 'show', host, '--json'], env);
        if (ssh.status === 255) {
          let err: Record<string, unknown> | undefined;
          await ht.test('rejected like ssh', { skip }, () => {
            err = assertRejected(ssh, jc!);
          });
          await ht.test('error names file:line', { skip }, () => {
            assert.ok(err, 'no error document to inspect');
            assertErrorLocation(ssh, err);
          });
        } else {
          await ht.test('core keys', { skip }, () => assertCoreKeys(ssh, jc!, host));
          await ht.test('every key', { skip }, () => assertEveryKey(ssh, jc!, host));
        }
      }),
    ),
  );
}
