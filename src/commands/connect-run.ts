/**
 * Handing over to ssh, shared by connect and its fast path (fast-connect.ts): ssh runs with the
 * terminal, the picker's recent list is updated while it runs, and one audit line is appended
 * when it ends.
 */
import { appendAudit, readSettings, touchRecent } from '../io/state.js';
import type { MemoRun } from '../io/connect-memo.js';
import { runInteractive } from '../ssh/run.js';

/**
 * ssh's exit code. `whileRunning` is for work that must not add to the connection's wall time.
 * Rejects only when ssh could not be started at all.
 */
export async function runConnection(run: MemoRun, whileRunning?: () => void): Promise<number> {
  const started = Date.now();
  const running = runInteractive(run.ssh, run.args);
  // While ssh runs (not after it: that would add to every connection's wall time). The picker's
  // order is a convenience: a state directory that cannot be written must not cost the session.
  try {
    touchRecent(run.target);
  } catch {
    // left as it was
  }
  whileRunning?.();
  const audit = run.audit && readSettings().audit !== false;
  const exitCode = await running;
  if (audit) {
    appendAudit({
      time: new Date(started).toISOString(),
      target: run.target,
      hops: run.hops,
      exitCode,
      durationMs: Date.now() - started,
    });
  }
  return exitCode;
}
