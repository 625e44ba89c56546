/**
 * Checks on names before they reach ssh's argv or a config file: ssh's own ssh_valid_hostname
 * rule (no leading `-`, no whitespace or control characters, no shell metacharacters).
 */
import { InvalidInputError } from './errors.js';

const BAD_HOST_CHARS = /['`"$\\;&<>|(){},]/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;

export function hostProblem(host: string): string | undefined {
  if (host === '') return 'it is empty';
  if (host.startsWith('-')) return 'it starts with "-", so ssh would read it as an option';
  if (CONTROL_OR_SPACE.test(host)) return 'it contains whitespace or control characters';
  if (BAD_HOST_CHARS.test(host)) return 'it contains a shell metacharacter';
  return undefined;
}

export function validateHostArg(host: string, what = 'host'): void {
  const p = hostProblem(host);
  if (p)
    throw new InvalidInputError(what, host, p, 'Use the alias or host name exactly as in your ssh config.');
}

/** `user@host` as ssh takes it on its command line: the user is everything before the last `@`. */
export function splitDestination(arg: string): { host: string; user?: string } {
  const at = arg.lastIndexOf('@');
  return at > 0 ? { host: arg.slice(at + 1), user: arg.slice(0, at) } : { host: arg };
}

/** A new alias: a host name's rules, and no pattern characters unless a pattern is meant. */
export function validateAlias(alias: string, pattern = false): void {
  const p = hostProblem(alias);
  if (p) throw new InvalidInputError('alias', alias, p, 'An alias is one word such as web or db-1.');
  if (!pattern && /[*?!]/.test(alias))
    throw new InvalidInputError(
      'alias',
      alias,
      'it contains a pattern character (*, ? or !)',
      'Pass --pattern if you mean a Host pattern that matches several hosts.',
    );
}

export function validatePort(port: string): number {
  const n = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
  if (!(n >= 1 && n <= 65535))
    throw new InvalidInputError('port', port, 'a port is a number from 1 to 65535');
  return n;
}

export function validateName(what: string, value: string): void {
  const p = hostProblem(value);
  if (p) throw new InvalidInputError(what, value, p);
}
