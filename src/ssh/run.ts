/**
 * Runs the real ssh with the terminal handed over. jumpctl ignores the terminal's own signals
 * while ssh runs (ssh gets them from the terminal directly), forwards the others, and returns
 * ssh's exit code (or 128 + signal), so it never exits leaving an ssh behind.
 *
 * This one call uses node:child_process rather than execa: connect is the command people run
 * all day, and execa's module graph costs more start-up time than the whole pass-through needs
 * (measured by `npm run bench`). It is still an argument array and never a shell.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** `onSpawn` runs once ssh has started (never when it could not be). */
export function runInteractive(file: string, args: readonly string[], onSpawn?: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'inherit', shell: false });
    if (onSpawn) child.once('spawn', onSpawn);
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
    const done = () => {
      for (const [s, h] of handlers) process.off(s, h);
    };
    // If jumpctl itself exits first (an uncaught error), ssh must not be left behind.
    const onExit = () => child.kill('SIGTERM');
    process.once('exit', onExit);
    child.once('error', (e) => {
      done();
      process.off('exit', onExit);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      done();
      process.off('exit', onExit);
      if (typeof code === 'number') resolve(code);
      else resolve(signal ? 128 + (constants.signals[signal] ?? 0) : 255);
    });
  });
}
