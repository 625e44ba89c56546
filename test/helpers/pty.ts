/**
 * The built CLI on a real pseudo-terminal (script(1) from util-linux), for the prompts: wait for
 * a prompt on the screen, type keys, read what was shown.
 */
import { spawn, spawnSync } from 'node:child_process';
import { CLI, cliEnv } from './run-cli.js';

export const hasScript = spawnSync('script', ['--version']).status === 0;
export const noScript = hasScript ? false : 'script(1) is not installed (bsdutils)';

export interface Terminal {
  /** Everything shown so far (colour codes included). */
  readonly all: () => string;
  /** Waits until `prompt` is on the screen (since the last answer), then types `keys`. */
  answer(prompt: RegExp, keys: string): Promise<void>;
  readonly closed: Promise<number | null>;
  kill(): void;
}

export function onTerminal(
  args: readonly string[],
  home: string,
  extraEnv: Record<string, string> = {},
): Terminal {
  // A terminal user's environment: colours and prompts on (no CI, no NO_COLOR).
  const env = cliEnv(home, { TERM: 'xterm', ...extraEnv });
  delete env.CI;
  if (!('NO_COLOR' in extraEnv)) delete env.NO_COLOR;
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', quoted, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let all = '';
  child.stdout.on('data', (d: Buffer) => {
    screen += d.toString();
    all += d.toString();
  });
  const closed = new Promise<number | null>((r) => child.on('close', r));
  return {
    all: () => all,
    closed,
    kill: () => child.kill('SIGKILL'),
    async answer(prompt, keys) {
      const end = Date.now() + 15_000;
      while (!prompt.test(screen)) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${prompt}; screen:\n${screen}`);
        await new Promise((r) => setTimeout(r, 30));
      }
      screen = '';
      // The prompt is drawn before it reads keys: give it a moment.
      await new Promise((r) => setTimeout(r, 100));
      child.stdin.write(keys);
    },
  };
}
