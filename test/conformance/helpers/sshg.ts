/** The oracle: the real OpenSSH client's `ssh -G`, parsed into a key → value(s) map. */
import { spawnSync } from 'node:child_process';
import { run } from './run.js';

export const REAL_SSH = process.env.JUMPCTL_REAL_SSH ?? '/usr/bin/ssh';

/** Keys `ssh -G` prints once per value; jumpctl reports them as arrays. */
export const MULTI_KEYS: ReadonlySet<string> = new Set([
  'identityfile',
  'certificatefile',
  'localforward',
  'remoteforward',
  'dynamicforward',
  'sendenv',
  'setenv',
]);

export type Value = string | string[];
export type Options = Record<string, Value>;

export interface SshG {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Parsed output; keys lower-cased (ssh prints `canonicalizePermittedcnames`). */
  readonly options: Options;
}

/** First token = key, the rest of the line = value; repeated keys and MULTI_KEYS become arrays. */
export function parseG(text: string): Options {
  const opts: Options = {};
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const sp = line.indexOf(' ');
    const key = (sp < 0 ? line : line.slice(0, sp)).toLowerCase();
    const value = sp < 0 ? '' : line.slice(sp + 1);
    const prev = opts[key];
    if (prev === undefined) opts[key] = MULTI_KEYS.has(key) ? [value] : value;
    else opts[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return opts;
}

export async function sshG(config: string, host: string, env: NodeJS.ProcessEnv): Promise<SshG> {
  const r = await run(REAL_SSH, ['-G', '-F', config, host], { env, timeoutMs: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, options: parseG(r.stdout) };
}

/** `file: line N: message` from ssh's stderr, if it names one. */
export function sshErrorLocation(stderr: string): { file: string; line: number } | undefined {
  const m = /^(.+?):? line (\d+): /m.exec(stderr);
  return m?.[1] && m[2] ? { file: m[1], line: Number(m[2]) } : undefined;
}

export function sshVersion(): string {
  const r = spawnSync(REAL_SSH, ['-V'], { encoding: 'utf8' });
  return (r.stderr || r.stdout).trim();
}
