/**
 * Runs the real ssh with the terminal handed over. jumpctl ignores the terminal's own signals
 * while ssh runs (ssh gets them from the terminal directly), forwards the others, and returns
 * ssh's exit code (or 128 + signal), so it never exits leaving an ssh behind.
 */
import { constants } from 'node:os';
import { execa } from 'execa';

export async function runInteractive(file: string, args: readonly string[]): Promise<number> {
  const child = execa(file, args, { stdio: 'inherit', reject: false, shell: false, cleanup: true });
  const ignore = () => undefined;
  const forward = (sig: NodeJS.Signals) => () => {
    child.kill(sig);
  };
  const handlers: [NodeJS.Signals, () => void][] = [
    ['SIGINT', ignore],
    ['SIGQUIT', ignore],
    ['SIGTERM', forward('SIGTERM')],
    ['SIGHUP', forward('SIGHUP')],
  ];
  for (const [s, h] of handlers) process.on(s, h);
  try {
    const r = await child;
    if (typeof r.exitCode === 'number') return r.exitCode;
    const sig = r.signal ? constants.signals[r.signal] : undefined;
    return sig ? 128 + sig : 255;
  } finally {
    for (const [s, h] of handlers) process.off(s, h);
  }
}
