/** Running `jumpctl connect` in the e2e tests: the fake ssh and the audit log. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliRun } from './run-cli.js';
import { fake } from './fake-ssh.js';

export const CONFIG =
  'Host bastion\n  HostName bastion.example.com\nHost db\n  HostName 10.0.0.5\n  ProxyJump bastion\n';

export function connect(home: string, args: string[], env: Record<string, string> = {}): CliRun {
  return runCli(['connect', ...args], home, { ...fake(home), ...env });
}

export function audit(home: string): { target: string; hops: string[]; exitCode: number }[] {
  const p = join(home, '.state', 'jumpctl', 'audit.jsonl');
  return existsSync(p)
    ? readFileSync(p, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { target: string; hops: string[]; exitCode: number })
    : [];
}
