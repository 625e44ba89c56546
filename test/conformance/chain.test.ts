/**
 * Conformance of `jumpctl chain --json` with the hops the real ssh spawns: `ssh -F cfg <target>`
 * runs with a logging wrapper first on PATH (helpers/ssh-wrapper.bash), which records every hop
 * process, resolves it with the real `ssh -G`, and stops before anything connects. The hop list is
 * rebuilt from that log (client outwards) and compared with jumpctl's; a jump loop (the wrapper's
 * depth cap, or ssh's own "jumphost loop") must be E_CHAIN_CYCLE naming the loop.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { assertNoNetwork } from './helpers/strace.js';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  assertJumpctlChain,
  assertTruthMatchesExpectation,
  type ChainExpectation,
} from './helpers/chaincheck.js';
import { caseEnv, listCases, materialize } from './helpers/fixtures.js';
import { jumpctl, jumpctlSkipReason } from './helpers/jumpctl.js';
import { REAL_SSH } from './helpers/sshg.js';
import { installWrapper, wrapperEnv, traceChain } from './helpers/wrapper.js';

const skip = jumpctlSkipReason();

for (const name of listCases('chain')) {
  test(`chain conformance: ${name}`, { concurrency: 4 }, async (t) => {
    const c = materialize('chain', name);
    t.after(() => c.cleanup());
    const bin = installWrapper(c.dir);
    const expect = (c.expect ?? {}) as ChainExpectation;
    assert.ok(c.hosts.length > 0, `${name}: targets.txt lists no target`);
    await Promise.all(
      c.hosts.map((target, i) =>
        t.test(target, async (ht) => {
          const w = await traceChain(c, bin, target, String(i));
          const want = expect[target];
          if (want !== undefined) {
            await ht.test('ssh spawns what expect.json says', () =>
              assertTruthMatchesExpectation(w.truth, want),
            );
          }
          await ht.test('jumpctl chain matches ssh', { skip }, async () => {
            const r = await jumpctl(['-F', c.config, 'chain', target, '--json'], caseEnv(c));
            assertJumpctlChain(w.truth, r, target);
          });
        }),
      ),
    );
  });
}

function hasStrace(): boolean {
  return spawnSync('strace', ['-V'], { encoding: 'utf8' }).status === 0;
}

// The wrapper must keep every run off the network: trace connect() of all processes of a
// multi-hop run and of a loop, and accept only local (AF_UNIX) sockets.
test(
  'chain runs never connect to the network (strace)',
  { skip: hasStrace() ? undefined : 'strace missing' },
  async (t) => {
    const runs: Array<[string, string]> = [
      ['big-realistic', 'stage-app'],
      ['jump-list', 't'],
      ['ipv6-and-ip-hops', 't3'],
      ['cycles', 'c1'],
    ];
    for (const [name, target] of runs) {
      await t.test(`${name}/${target}`, () => {
        const c = materialize('chain', name);
        try {
          const bin = installWrapper(c.dir);
          const env = wrapperEnv(c, bin, join(c.dir, 'strace-wrap.log'));
          assertNoNetwork(
            c.dir,
            [join(bin, 'ssh'), '-F', c.config, target],
            { env, timeout: 60_000 },
            `network connect()/sendto() by ssh (${REAL_SSH}) or the wrapper`,
          );
        } finally {
          c.cleanup();
        }
      });
    }
  },
);
