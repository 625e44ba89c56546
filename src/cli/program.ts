/**
 * The commander program: global options, one command per subcommand, each loading its module
 * only when it runs (so `--help` and `--version` stay cheap).
 */
import { Command } from 'commander';
import { completionCommands } from './completion.js';
import { editCommands } from './edit-commands.js';
import type { CliContext, Emit } from './context.js';
import { readCommands } from './read-commands.js';

export type { Emit, Output } from './context.js';

// In the order `--help` lists them.
const ORDER = [
  'list',
  'show',
  'chain',
  'connect',
  'add-host',
  'set',
  'unset',
  'rm',
  'rename',
  'tag',
  'untag',
  'undo',
  'backups',
  'copy-id',
  'doctor',
  'completion',
];
const registrations = { ...readCommands, ...editCommands, ...completionCommands };

/**
 * The commands to build for this argv (building all of them is a measurable part of every run):
 * the one it names, none when it asks only for the version (commander answers `-V` as soon as it
 * meets it), and otherwise all of them, for the command list of `--help` and the "did you mean"
 * of an unknown command.
 */
function commandsFor(argv: readonly string[]): readonly string[] {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--' || a === '-h' || a === '--help') break;
    if (a === '-V' || a === '--version') return [];
    if (a === '-F' || a === '--config') i++;
    // Completion describes every command.
    else if (a === '__complete') return [...ORDER, a];
    else if (!a.startsWith('-')) return Object.hasOwn(registrations, a) ? [a] : ORDER;
  }
  return ORDER;
}

export function buildProgram(version: string, emit: Emit, argv: readonly string[]): Command {
  const program = new Command('jumpctl')
    .description('Own your OpenSSH client config and jump chains.')
    .version(version, '-V, --version')
    .option(
      '-F, --config <file>',
      'ssh config file to use instead of ~/.ssh/config (and then no system file)',
    )
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'no colours')
    .exitOverride();
  program.configureOutput({
    // main.ts reports usage errors itself: one line and a pointer to the help, or JSON.
    outputError: () => undefined,
    // The help bare `jumpctl` shows, unless it was asked for JSON (which gets the error only).
    writeErr: (s) => {
      if (program.opts().json !== true) process.stderr.write(s);
    },
  });

  const ctx: CliContext = {
    emit,
    globals: (cmd) => cmd.optsWithGlobals(),
    theme: async (cmd) => await (await import('../ui/theme.js')).makeTheme(cmd.optsWithGlobals()),
  };
  for (const name of commandsFor(argv)) registrations[name]?.(program, ctx);
  return program;
}
