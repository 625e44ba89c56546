/**
 * commander's usage errors as jumpctl's own: the one thing that is wrong, on one line, and a
 * one-line pointer to the command's help, instead of the whole help; as JSON under --json.
 */
import type { Command, CommanderError } from 'commander';
import { formatCommand } from '../core/argv.js';
import { UsageError } from '../core/errors.js';

/** ssh's options that take an argument (the getopt string of ssh.c), so `-p 2222` stays whole. */
const SSH_WITH_ARG = new Set('BbcDEeFIiJLlmOoPpQRSWw');

/** The command's path as typed: `jumpctl show`. */
function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The usage error for commander's `err` (not --help or --version), raised parsing for `cmd`. */
export function usageError(err: CommanderError, cmd: Command, argv: readonly string[]): UsageError {
  if (err.code === 'commander.help') return new UsageError('no command given', 'See: jumpctl --help');
  // "error: unknown option '-x'\n(Did you mean --y?)" → "unknown option '-x' (did you mean --y?)"
  const [first = '', ...more] = err.message.replace(/^error: /, '').split('\n');
  const suggestion = more.join(' ').replace(/^\(Did you mean/, '(did you mean');
  const message = suggestion ? `${first} ${suggestion}` : first;
  if (err.code === 'commander.unknownOption' && cmd.name() === 'connect' && !suggestion)
    return new UsageError(`${message}: options for ssh go after --`, `Try: ${connectLine(argv, cmd)}`);
  return new UsageError(message, `See: ${pathOf(cmd)} --help`);
}

/** `argv` as it should have been: connect's own options and target, then `--` and the rest. */
function connectLine(argv: readonly string[], connect: Command): string {
  const at = argv.indexOf('connect');
  const known = [...connect.options, ...(connect.parent?.options ?? [])];
  const keep: string[] = [];
  const pass: string[] = [];
  let target = false;
  for (let i = at + 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      pass.push(...argv.slice(i + 1));
      break;
    }
    const flag = a.split('=')[0];
    const opt = known.find((o) => o.long === flag || o.short === flag);
    if (opt) {
      keep.push(a);
      if (opt.required && !a.includes('=') && i + 1 < argv.length) keep.push(argv[++i] as string);
    } else if (a.startsWith('-')) {
      pass.push(a);
      if (a.length === 2 && SSH_WITH_ARG.has(a[1] as string) && i + 1 < argv.length)
        pass.push(argv[++i] as string);
    } else if (!target) {
      target = true;
      keep.push(a);
    } else pass.push(a);
  }
  return formatCommand(['jumpctl', ...argv.slice(0, at + 1), ...keep, '--', ...pass]);
}
