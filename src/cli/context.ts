/** What the command registrations (read-commands.ts, edit-commands.ts) share with the program. */
import type { Command } from 'commander';
import type * as Tty from 'node:tty';
import type { GlobalOptions } from '../session.js';
import type { Theme } from '../ui/theme.js';

export interface Output {
  /** The command's result; `render` turns it into human text. */
  data: unknown;
  render: () => Promise<string>;
  exitCode?: number;
  /** Print nothing (connect hands the terminal to ssh). */
  silent?: boolean;
}

export type Emit = (out: Output) => Promise<void>;

export interface CliContext {
  readonly emit: Emit;
  readonly globals: (cmd: Command) => GlobalOptions & { color?: boolean };
  readonly theme: (cmd: Command) => Promise<Theme>;
}

/**
 * Whether fd is a terminal. Not process.stdin.isTTY, which builds a stream connect never uses
 * (it hands the terminal to ssh); and node:tty is loaded only when asked, as it pulls in net.
 */
export const isatty = (fd: number): boolean =>
  (process.getBuiltinModule('node:tty') as typeof Tty).isatty(fd);

/**
 * Real examples under the command's help (`jumpctl <command> --help`), each line a command and,
 * after `#`, what it does.
 */
export function examples(cmd: Command, ...lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}
