/**
 * `completion <shell> [--ssh]` and the hidden `__complete` the scripts call. The candidates come
 * from this very program (its commands, options, arguments and choices), so completion offers
 * exactly what jumpctl accepts.
 */
import { Argument, type Command, type Option } from 'commander';
import type { OptionSpec, ProgramSpec } from '../core/completion/complete.js';
import type { Shell } from '../core/completion/scripts.js';
import { examples, type CliContext } from './context.js';

function optionSpec(o: Option): OptionSpec {
  const flags = [o.short, o.long].filter((f): f is string => f !== undefined);
  const value = o.required || o.optional ? /[<[]([^>\]]+)[>\]]/.exec(o.flags)?.[1] : undefined;
  return {
    flags,
    ...(value !== undefined ? { value } : {}),
    ...(o.argChoices ? { choices: o.argChoices } : {}),
  };
}

/** What completion knows of the program: its visible commands with their options and arguments. */
export function programSpec(program: Command): ProgramSpec {
  const help = program.createHelp();
  const helpOption: OptionSpec = { flags: ['-h', '--help'] };
  return {
    options: [...program.options.map(optionSpec), helpOption],
    commands: help.visibleCommands(program).map((c) => ({
      name: c.name(),
      options: [...c.options.map(optionSpec), helpOption],
      args: c.registeredArguments.map((a) => `${a.name()}${a.variadic ? '...' : ''}`),
    })),
  };
}

// Not imported from scripts.ts: the scripts are loaded only when one is printed.
const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

export const completionCommands: Record<string, (program: Command, ctx: CliContext) => void> = {
  completion: (program, { emit }) => {
    examples(
      program.command('completion'),
      `echo 'eval "$(jumpctl completion bash)"' >> ~/.bashrc`,
      `echo 'eval "$(jumpctl completion zsh --ssh)"' >> ~/.zshrc   # after compinit; ssh, scp… too`,
      'jumpctl completion fish > ~/.config/fish/completions/jumpctl.fish',
    )
      .description('print a completion script for bash, zsh or fish')
      .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
      .option('--ssh', 'also complete host aliases for ssh, scp, sftp and rsync')
      .option('--json', 'machine-readable output')
      .action(async (shell: Shell, o: { ssh?: boolean }) => {
        const { script } = await import('../commands/completion.js');
        const data = script(shell, o.ssh === true);
        await emit({ data, render: async () => data.script.replace(/\n$/, '') });
      });
  },
  __complete: (program) => {
    program
      .command('__complete', { hidden: true })
      .description('the candidates the completion scripts offer')
      .option('--ssh <tool>', 'complete for ssh, scp, sftp or rsync instead')
      .argument('[words...]')
      .allowUnknownOption()
      .action(async (words: string[], o: { ssh?: string }) => {
        const c = await import('../commands/completion.js');
        const got =
          o.ssh !== undefined
            ? c.sshToolCandidates(o.ssh, words)
            : await c.candidates(programSpec(program), words);
        process.stdout.write(got.map((w) => `${w}\n`).join(''));
      });
  },
};
