/**
 * The only chalk import. Colour follows NO_COLOR / FORCE_COLOR (chalk reads them) and the
 * terminal, and is off for JSON output.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export interface Theme {
  readonly ok: (s: string) => string;
  readonly bad: (s: string) => string;
  readonly warn: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly host: (s: string) => string;
  readonly key: (s: string) => string;
}

export function makeTheme(opts: { json?: boolean; color?: boolean }): Theme {
  const off = opts.json === true || opts.color === false || 'NO_COLOR' in process.env;
  const c: ChalkInstance = off ? new Chalk({ level: 0 }) : new Chalk();
  return { ok: c.green, bad: c.red, warn: c.yellow, dim: c.dim, host: c.cyan.bold, key: c.bold };
}
