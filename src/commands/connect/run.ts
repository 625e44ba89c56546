/**
 * Handing over to ssh: ssh runs with the terminal, the picker's recent list is updated while it
 * runs, and one audit line is appended when it ends.
 */
import { openAudit, readSettings, touchRecent, type AuditEntry } from '../../io/state.js';
import { runInteractive } from '../../ssh/process.js';

/** What connect runs, once the chain is checked. */
export interface Run {
  readonly ssh: string;
  readonly args: readonly string[];
  readonly target: string;
  readonly hops: readonly string[];
  readonly audit: boolean;
}

export interface Connection {
  /** ssh's exit code: the command's. */
  readonly exitCode: number;
  /** Why the audit line could not be written, if it could not (to be said, not to fail on). */
  readonly auditProblem?: string;
}

/** Rejects only when ssh could not be started at all (nothing else was done). */
export async function runConnection(run: Run): Promise<Connection> {
  const started = Date.now();
  let audit: ((entry: AuditEntry) => void) | undefined;
  let auditProblem: string | undefined;
  // Once ssh has started, and while it runs (not after it: that would add to every connection's
  // wall time).
  const exitCode = await runInteractive(run.ssh, run.args, () => {
    // The picker's order is a convenience: a state directory that cannot be written must not
    // cost the session.
    try {
      touchRecent(run.target);
    } catch {
      // left as it was
    }
    try {
      if (run.audit && readSettings().audit !== false) audit = openAudit();
    } catch (e) {
      auditProblem = (e as Error).message;
    }
  });
  try {
    audit?.({
      time: new Date(started).toISOString(),
      target: run.target,
      hops: run.hops,
      exitCode,
      durationMs: Date.now() - started,
    });
  } catch (e) {
    auditProblem = (e as Error).message;
  }
  return auditProblem === undefined ? { exitCode } : { exitCode, auditProblem };
}

/** Said on stderr once ssh has given the terminal back. */
export function auditWarning(problem: string): string {
  return `jumpctl: this connection is not in the audit log: ${problem}`;
}
