/**
 * The fast path of `jumpctl connect <target>`: bin/jumpctl.js loads this file first when the
 * command line names connect. When the connect memo (io/connect-memo.ts) holds this exact command
 * line and none of the inputs its checks read has changed, ssh runs at once, without the
 * argument parser or the config engine; otherwise the full CLI runs as usual.
 *
 * build.mjs makes this one file of its own, requiring only Node's modules: everything it loads
 * is time added to the connection.
 */
import { findMemo } from './io/connect-memo.js';
import { auditWarning, runConnection } from './commands/connect-run.js';

/** undefined: not memoized, run the full CLI. A promise of undefined: ssh could not be started. */
export function fastConnect(argv: readonly string[]): Promise<number | undefined> | undefined {
  const found = findMemo(argv);
  if (/\bmemo\b/.test(process.env.JUMPCTL_DEBUG ?? ''))
    process.stderr.write(`jumpctl: connect memo: ${'run' in found ? 'used' : `not used (${found.miss})`}\n`);
  if (!('run' in found)) return undefined;
  // An ssh that cannot be started (removed since the checks ran) is left to the full CLI to
  // report. Any other error is not retried: ssh may have run.
  return runConnection(found.run).then(
    (done) => {
      if (done.auditProblem !== undefined) process.stderr.write(`${auditWarning(done.auditProblem)}\n`);
      return done.exitCode;
    },
    (e: NodeJS.ErrnoException) => {
      if (e.syscall?.startsWith('spawn')) return undefined;
      throw e;
    },
  );
}
