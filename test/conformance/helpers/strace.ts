// Runs a command under strace and asserts it opened no IPv4/IPv6 socket: the conformance corpus
// must never reach the network (only the local passwd/nscd AF_UNIX socket is expected).
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function assertNoNetwork(
  dir: string,
  cmd: readonly string[],
  opts: SpawnSyncOptions & { timeout: number },
  what: string,
): void {
  const trace = join(dir, 'strace.out');
  const r = spawnSync(
    'strace',
    ['-f', '-qq', '-e', 'trace=socket,connect,sendto,sendmsg', '-o', trace, ...cmd],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      ...opts,
    },
  );
  assert.notEqual(r.status, null, 'strace run timed out');
  const lines = readFileSync(trace, 'utf8').split('\n');
  // Every process looks up the passwd entry (nscd socket), so an empty trace means no tracing.
  assert.ok(
    lines.some((l) => l.includes('AF_UNIX')),
    'strace recorded nothing (ptrace not permitted?)',
  );
  assert.deepEqual(
    lines.filter((l) => /AF_INET6?\b/.test(l)),
    [],
    what,
  );
}
