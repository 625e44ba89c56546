/**
 * Guard for the fixtures themselves: no `ssh -G` run of the corpus may touch the network (DNS
 * included — e.g. CanonicalizeHostname, or CanonicalizePermittedCNAMEs without a ProxyCommand,
 * make even `ssh -G` resolve names). Every case runs under `strace -f`; any AF_INET/AF_INET6
 * socket, connect or send fails the case. Match exec children are traced too.
 */
import { spawnSync } from 'node:child_process';
import { assertNoNetwork } from './helpers/strace.js';
import { test } from 'node:test';
import { caseEnv, listCases, materialize, type Group } from './helpers/fixtures.js';
import { REAL_SSH } from './helpers/sshg.js';

const strace = spawnSync('strace', ['-V'], { encoding: 'utf8' }).status === 0;
const groups: Group[] = ['show', 'regress'];

for (const group of groups) {
  for (const name of listCases(group)) {
    test(`no network: ${group}/${name}`, { skip: strace ? undefined : 'strace missing' }, () => {
      const c = materialize(group, name);
      try {
        // "$@" keeps every host a separate argument; nothing is interpolated into the script.
        const script =
          'cfg=$1; shift; for h in "$@"; do "$SSH_UNDER_TEST" -G -F "$cfg" "$h" >/dev/null 2>&1; done; exit 0';
        assertNoNetwork(
          c.dir,
          ['/bin/sh', '-c', script, 'sh', c.config, ...c.hosts],
          { env: caseEnv(c, { SSH_UNDER_TEST: REAL_SSH }), timeout: 120_000 },
          'ssh -G touched the network',
        );
      } finally {
        c.cleanup();
      }
    });
  }
}
