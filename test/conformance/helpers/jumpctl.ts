/** Runs the built CLI (`node bin/jumpctl.js …`) the way a user would. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './fixtures.js';
import { run } from './run.js';

/** The CLI entry; JUMPCTL_BIN may point at another build (a scratch copy of bin/ next to its dist/). */
export const BIN = process.env.JUMPCTL_BIN ?? join(ROOT, 'bin', 'jumpctl.js');
export const DIST_MAIN = join(dirname(BIN), '..', 'dist', 'main.js');

/** Why the jumpctl comparisons cannot run, or undefined when they can. Missing build only. */
export function jumpctlSkipReason(): string | undefined {
  return existsSync(DIST_MAIN) ? undefined : `jumpctl is not built (${DIST_MAIN} missing; run npm run build)`;
}

export interface JumpctlResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON, or undefined if it is not JSON. */
  readonly json: unknown;
}

export async function jumpctl(args: readonly string[], env: NodeJS.ProcessEnv): Promise<JumpctlResult> {
  const r = await run(process.execPath, [BIN, ...args], { env, cwd: ROOT, timeoutMs: 60_000 });
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One line describing a run, for assertion messages. */
export function describeRun(r: JumpctlResult): string {
  const text = r.json === undefined ? r.stdout.trim() : JSON.stringify(r.json);
  const out = text.length > 600 ? `${text.slice(0, 600)}…` : text;
  return `exit ${r.status}; stdout: ${out || '(empty)'}; stderr: ${r.stderr.trim().slice(0, 400) || '(empty)'}`;
}
