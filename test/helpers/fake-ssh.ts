/** The stand-in `ssh` (fixtures/bin/ssh): an environment that puts it first on PATH, and its call log. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';

export function fake(home: string, exit = 0): Record<string, string> {
  return {
    PATH: `${join(ROOT, 'fixtures', 'bin')}:${process.env.PATH ?? ''}`,
    JUMPCTL_FAKE_SSH_LOG: join(home, 'ssh.log'),
    JUMPCTL_FAKE_SSH_EXIT: String(exit),
  };
}

/** The argv of every ssh the fake saw, in order. */
export function calls(home: string): string[][] {
  const p = join(home, 'ssh.log');
  return existsSync(p)
    ? readFileSync(p, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string[])
    : [];
}
