/**
 * What the real ssh spawns for a target: runs `ssh -F cfg <target> true` with the logging wrapper
 * (ssh-wrapper.bash) first on PATH and rebuilds the hop list from its log. See the wrapper's
 * header for why this never touches the network.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseEnv, type Materialized } from './fixtures.js';
import { run, type RunResult } from './run.js';

const WRAPPER_SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'ssh-wrapper.bash');
export const WRAP_MAX = 8;

export interface LogEntry {
  readonly depth: number;
  readonly pid: number;
  readonly action: 'exec' | 'innermost' | 'cap' | 'config-error';
  readonly grc: number;
  readonly argv: readonly string[];
  readonly g: Partial<Record<'host' | 'hostname' | 'port' | 'user' | 'proxyjump' | 'proxycommand', string>>;
  /** stderr of that `ssh -G`. */
  readonly gerr: string;
}

export interface Hop {
  readonly alias: string;
  readonly hostname: string;
  readonly port: string;
  readonly user: string;
}

export type Truth =
  | { readonly kind: 'chain'; readonly hops: Hop[]; readonly target: Hop; readonly proxy: string | null }
  | { readonly kind: 'cycle'; readonly reason: string; readonly loop: string[]; readonly seen: string[] }
  | { readonly kind: 'error'; readonly reason: string };

export interface WrapperRun {
  readonly run: RunResult;
  readonly log: LogEntry[];
  readonly truth: Truth;
}

/** Copies the wrapper to `<dir>/bin/ssh`; returns the bin dir. */
export function installWrapper(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  copyFileSync(WRAPPER_SOURCE, join(bin, 'ssh'));
  chmodSync(join(bin, 'ssh'), 0o755);
  return bin;
}

export function wrapperEnv(c: Materialized, bin: string, log: string): NodeJS.ProcessEnv {
  const env = caseEnv(c, { JUMPCTL_WRAP_LOG: log, JUMPCTL_WRAP_MAX: String(WRAP_MAX) });
  return { ...env, PATH: `${bin}:${env.PATH ?? ''}` };
}

function hopOf(e: LogEntry): Hop {
  return { alias: e.g.host ?? '', hostname: e.g.hostname ?? '', port: e.g.port ?? '', user: e.g.user ?? '' };
}

/** A process's identity for loop detection: its arguments without `-W host:port`. */
function stateOf(e: LogEntry): string {
  const out: string[] = [];
  for (let i = 0; i < e.argv.length; i++) {
    const a = e.argv[i] ?? '';
    if (a === '-W') i++;
    else if (!a.startsWith('-W')) out.push(a);
  }
  return JSON.stringify(out);
}

export function reconstruct(log: LogEntry[], stderr: string): Truth {
  const entries = [...log].sort((a, b) => a.depth - b.depth);
  entries.forEach((e, i) => {
    if (e.depth !== i) throw new Error(`wrapper log is not one linear chain: ${JSON.stringify(log)}`);
  });
  const seen = entries.map((e) => e.g.host ?? '').filter((h) => h !== '');
  const loopMsg = /jumphost loop via (\S+)/.exec([stderr, ...entries.map((e) => e.gerr)].join('\n'));
  if (loopMsg?.[1]) return { kind: 'cycle', reason: loopMsg[0], loop: [loopMsg[1]], seen };
  if (entries.some((e) => e.action === 'cap')) {
    const states = entries.map(stateOf);
    const again = states.findIndex((s, i) => states.indexOf(s) !== i);
    const first = states.indexOf(states[again] ?? '');
    const loop = again < 0 ? seen : seen.slice(first, again);
    return { kind: 'cycle', reason: `depth cap ${WRAP_MAX} reached`, loop, seen };
  }
  const bad = entries.find((e) => e.action === 'config-error');
  if (bad)
    return {
      kind: 'error',
      reason: `ssh -G failed at depth ${bad.depth} (${bad.argv.join(' ')}): ${bad.gerr}`,
    };
  const [target, ...rest] = entries;
  if (!target) return { kind: 'error', reason: `ssh never reached the wrapper: ${stderr.trim()}` };
  const last = entries[entries.length - 1];
  // The innermost process still has a proxy but spawned no wrapper: an opaque ProxyCommand.
  const proxy = last?.action === 'exec' ? (last.g.proxycommand ?? null) : null;
  return { kind: 'chain', hops: rest.reverse().map(hopOf), target: hopOf(target), proxy };
}

/**
 * Runs `ssh -F cfg <target>` through the wrapper (no remote command: a configured RemoteCommand
 * would conflict with one) and rebuilds the chain from the log.
 */
export async function traceChain(
  c: Materialized,
  bin: string,
  target: string,
  tag: string,
): Promise<WrapperRun> {
  const log = join(c.dir, `wrap-${tag}.log`);
  // The absolute path becomes ssh's argv[0], which OpenSSH reuses for the implicit ProxyJump command.
  const r = await run(join(bin, 'ssh'), ['-F', c.config, target], {
    env: wrapperEnv(c, bin, log),
    timeoutMs: 60_000,
  });
  if (r.status === null) throw new Error(`ssh through the wrapper timed out (${target})`);
  const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
  const entries = text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as LogEntry);
  return { run: r, log: entries, truth: reconstruct(entries, r.stderr) };
}
