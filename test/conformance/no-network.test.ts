/**
 * Guard for the fixtures themselves: no `ssh -G` run of the corpus may touch the network (DNS
 * included — e.g. CanonicalizeHostname, or CanonicalizePermittedCNAMEs without a ProxyCommand,
 * make even `ssh -G` resolve names). Every case runs under `strace -f`; any AF_INET/AF_INET6
 * socket, connect or send fails the case. Match exec children are traced too.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
        const trace = join(c.dir, 'strace.out');
        // "$@" keeps every host a separate argument; nothing is interpolated into the script.
        const script =
          'cfg=$1; shift; for h in "$@"; do "$SSH_UNDER_TEST" -G -F "$cfg" "$h" >/dev/null 2>&1; done; exit 0';
        const r = spawnSync(
          'strace',
          [
            '-f',
            '-qq',
            '-e',
            'trace=socket,connect,sendto,sendmsg',
            '-o',
            trace,
            '/bin/sh',
            '-c',
            script,
            'sh',
            c.config,
            ...c.hosts,
          ],
          { env: caseEnv(c, { SSH_UNDER_TEST: REAL_SSH }), encoding: 'utf8', timeout: 120_000 },
        );
        assert.equal(r.status, 0, `strace failed: ${r.stderr}`);
        const lines = readFileSync(trace, 'utf8').split('\n');
        assert.ok(
          lines.some((l) => l.includes('AF_UNIX')),
          'strace recorded nothing (ptrace not permitted?)',
        );
        assert.deepEqual(
          lines.filter((l) => /AF_INET6?\b/.test(l)),
          [],
          'ssh -G touched the network',
        );
      } finally {
        c.cleanup();
      }
    });
  }
}
