/**
 * How many keys the user's ssh agent holds (`ssh-add -l`, one line per key), for doctor's
 * IdentitiesOnly advice. Nothing is asked when SSH_AUTH_SOCK is unset; an agent that does not
 * answer within a second counts as none.
 */
import { findOnPath, runCaptured } from './process.js';

export async function agentKeyCount(): Promise<number | undefined> {
  if (!process.env.SSH_AUTH_SOCK) return undefined;
  const sshAdd = findOnPath('ssh-add');
  if (!sshAdd) return undefined;
  const r = await runCaptured(sshAdd, ['-l'], { timeoutMs: 1000 });
  // Exit 1 with "The agent has no identities." is an empty agent; 2 is no agent at all.
  if (r.exitCode === 1) return 0;
  if (r.exitCode !== 0) return undefined;
  return r.stdout.split('\n').filter((l) => l.trim() !== '').length;
}
