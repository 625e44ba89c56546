/**
 * The only chalk import. Colour follows NO_COLOR / FORCE_COLOR (chalk reads them) and the
 * terminal, and is off for JSON output. A new style's SGR codes go into core/vis.ts too, which
 * escapes every other escape sequence.
 */
import type { ChalkInstance } from 'chalk';

export interface Theme {
  readonly ok: (s: string) => string;
  readonly bad: (s: string) => string;
  readonly warn: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly host: (s: string) => string;
  readonly key: (s: string) => string;
}

const plain = (s: string) => s;
const PLAIN: Theme = { ok: plain, bad: plain, warn: plain, dim: plain, host: plain, key: plain };

/** With colour off, chalk (and the terminal detection it loads) is not loaded at all. */
export async function makeTheme(opts: { json?: boolean; color?: boolean }): Promise<Theme> {
  if (opts.json === true || opts.color === false || 'NO_COLOR' in process.env) return PLAIN;
  const { Chalk } = await import('chalk');
  const c: ChalkInstance = new Chalk();
  return { ok: c.green, bad: c.red, warn: c.yellow, dim: c.dim, host: c.cyan.bold, key: c.bold };
}
