/** The commands that edit the configuration, and undo (registered by program.ts). */
import type { Command } from 'commander';
import { examples, isatty, type CliContext } from './context.js';
import type { Confirm, EditResult } from '../commands/edit/flow.js';

/** What every editing command shares: its flags, its options, the confirmation, the output. */
function editContext({ emit, globals, theme }: CliContext) {
  const editing = (cmd: Command): Command =>
    cmd
      .option('--dry-run', 'print the unified diff and write nothing')
      .option('-y, --yes', 'do not ask for confirmation')
      .option(
        '--force',
        'write even when the edit would not take effect as asked or would change other hosts',
      )
      .option('--json', 'machine-readable output');
  const editOpts = (o: { dryRun?: boolean; yes?: boolean; force?: boolean }, cmd: Command) => {
    const g = globals(cmd);
    const interactive = isatty(0) && isatty(2) && !process.env.CI && g.json !== true;
    return { ...g, ...o, interactive };
  };
  // inquirer is loaded only when a question is really asked.
  const confirmer = async (): Promise<Confirm> => async (files, summary) =>
    (await import('../ui/edit-prompts.js')).confirmWrite(files, summary);
  const showEdit = async (data: EditResult, cmd: Command) =>
    emit({
      data,
      render: async () => (await import('../ui/render-edit.js')).renderEdit(data, await theme(cmd)),
    });

  return { editing, editOpts, confirmer, showEdit, globals, theme, emit };
}

/** What commander says of a required argument left out (set's and unset's are optional to it). */
const missing = (cmd: Command, name: string): never =>
  cmd.error(`error: missing required argument '${name}'`, { code: 'commander.missingArgument', exitCode: 1 });

/** A repeatable --tag. */
const tags = (v: string, acc: string[] = []) => [...acc, v];

export const editCommands: Record<string, (program: Command, ctx: CliContext) => void> = {
  'add-host': (program, ctx) => {
    const { editing, editOpts, confirmer, showEdit } = editContext(ctx);
    editing(
      examples(
        program.command('add-host <alias>'),
        'jumpctl add-host web                   # asks for the rest on a terminal',
        'jumpctl add-host db --hostname 10.20.0.5 --user postgres --via bastion,inner --yes',
        "jumpctl add-host 'app-*' --pattern --hostname %h.internal --via bastion --dry-run",
      )
        .description(
          'add a host (with its jump chain) where its values take effect; asks for what is missing on a terminal',
        )
        .option('--hostname <name>', 'the real host name or address')
        .option('--user <user>', 'remote user')
        .option('--port <port>', 'remote port')
        .option(
          '--via <jumps>',
          'jump chain from the client outwards: aliases or [user@]host[:port], comma-separated',
        )
        .option('--identity <key>', 'private key file (IdentityFile, with IdentitiesOnly yes)')
        .option(
          '--control-master',
          'share connections: ControlMaster auto, ControlPersist 5m, a private ControlPath',
        )
        .option('--proxy-command', 'write ProxyCommand ssh -W instead of ProxyJump (for old clients)')
        .option('--file <path>', 'the config file to put it in (one ssh reads)')
        .option('--pattern', 'the alias is a Host pattern (may contain * ? !)'),
    ).action(async (alias: string, o: Record<string, unknown>, cmd: Command) => {
      const { addHost } = await import('../commands/edit/add-host.js');
      const opts = editOpts(o, cmd);
      const ask = async (known: Parameters<typeof addHost>[1], hosts: readonly string[]) => {
        const { askAddHost } = await import('../ui/edit-prompts.js');
        const { privateKeys } = await import('../io/config-files.js');
        const { home } = await import('../io/own-files.js');
        return askAddHost(known, hosts, privateKeys(home()));
      };
      await showEdit(await addHost(alias, opts, ask, await confirmer()), cmd);
    });
  },
  set: (program, ctx) => {
    const { editing, editOpts, confirmer, showEdit } = editContext(ctx);
    editing(
      examples(
        // The values are optional to commander: under --tag the alias is not given, and the
        // words move one place left (checked below).
        program.command('set <alias> <keyword> [value...]'),
        'jumpctl set db Port 2222',
        'jumpctl set db LocalForward 5432 localhost:5432 --dry-run',
        'jumpctl set web-1 ProxyJump bastion --yes',
        'jumpctl set --tag prod ServerAliveInterval 30   # every host tagged prod, one edit',
      )
        .description("set a keyword in the host's own block, in whichever file it lives")
        .option(
          '--tag <tag>',
          "every host with this tag instead of one alias (repeatable; '!tag' excludes)",
          tags,
        ),
    ).action(
      async (
        alias: string,
        keyword: string,
        value: string[],
        o: { tag?: string[]; dryRun?: boolean },
        cmd: Command,
      ) => {
        const m = await import('../commands/edit/set.js');
        const opts = editOpts(o, cmd);
        if (o.tag)
          return showEdit(await m.setTagged(o.tag, alias, [keyword, ...value], opts, await confirmer()), cmd);
        if (value.length === 0) missing(cmd, 'value');
        await showEdit(await m.setValue(alias, keyword, value, opts, await confirmer()), cmd);
      },
    );
  },
  unset: (program, ctx) => {
    const { editing, editOpts, confirmer, showEdit } = editContext(ctx);
    editing(
      examples(
        program.command('unset <alias> [keyword]'),
        'jumpctl unset db ForwardAgent',
        'jumpctl unset db Port --dry-run',
        'jumpctl unset --tag prod ForwardAgent  # every host tagged prod, one edit',
      )
        .description("remove a keyword from the host's own block")
        .option(
          '--tag <tag>',
          "every host with this tag instead of one alias (repeatable; '!tag' excludes)",
          tags,
        ),
    ).action(
      async (
        alias: string,
        keyword: string | undefined,
        o: { tag?: string[]; dryRun?: boolean },
        cmd: Command,
      ) => {
        const m = await import('../commands/edit/set.js');
        const opts = editOpts(o, cmd);
        if (o.tag) return showEdit(await m.unsetTagged(o.tag, alias, opts, await confirmer()), cmd);
        if (keyword === undefined) missing(cmd, 'keyword');
        await showEdit(await m.unsetValue(alias, keyword as string, opts, await confirmer()), cmd);
      },
    );
  },
  tag: (program, ctx) => {
    const { editing, editOpts, confirmer, showEdit } = editContext(ctx);
    editing(
      examples(
        program.command('tag <alias> <tags...>'),
        'jumpctl tag db prod eu-west',
        'jumpctl tag web-1 staging --dry-run',
      ).description("tag a host: a '# jumpctl-tags:' comment in its own block, which ssh ignores"),
    ).action(async (alias: string, tags: string[], o: Record<string, unknown>, cmd: Command) => {
      const { tag } = await import('../commands/edit/tag.js');
      await showEdit(await tag(alias, tags, editOpts(o, cmd), await confirmer()), cmd);
    });
  },
  untag: (program, ctx) => {
    const { editing, editOpts, confirmer, showEdit } = editContext(ctx);
    editing(
      examples(
        program.command('untag <alias> <tags...>'),
        'jumpctl untag db staging',
        'jumpctl untag web-1 prod eu-west --dry-run',
      ).description("remove tags from a host's own block"),
    ).action(async (alias: string, tags: string[], o: Record<string, unknown>, cmd: Command) => {
      const { untag } = await import('../commands/edit/tag.js');
      await showEdit(await untag(alias, tags, editOpts(o, cmd), await confirmer()), cmd);
    });
  },
  rm: (program, ctx) => {
    const { editing, editOpts, confirmer, showEdit } = editContext(ctx);
    editing(
      examples(
        program.command('rm <alias>'),
        'jumpctl rm old-db',
        'jumpctl rm legacy --dry-run            # the diff, nothing written',
        'jumpctl rm bastion --force --yes       # even while other hosts jump through it',
      ).description(
        'remove a host (or only its name from a shared Host line); refuses while others jump through it',
      ),
    ).action(async (alias: string, o: Record<string, unknown>, cmd: Command) => {
      const { rm } = await import('../commands/edit/rm.js');
      await showEdit(await rm(alias, editOpts(o, cmd), await confirmer()), cmd);
    });
  },
  rename: (program, ctx) => {
    const { editing, editOpts, confirmer, showEdit } = editContext(ctx);
    editing(
      examples(
        program.command('rename <old> <new>'),
        'jumpctl rename db db-primary           # and every ProxyJump that names it',
        'jumpctl rename bastion jump1 --dry-run',
      ).description('rename a host and every ProxyJump/ProxyCommand that jumps through it, across files'),
    ).action(async (from: string, to: string, o: Record<string, unknown>, cmd: Command) => {
      const { rename } = await import('../commands/edit/rename.js');
      await showEdit(await rename(from, to, editOpts(o, cmd), await confirmer()), cmd);
    });
  },
  undo: (program, ctx) => {
    const { globals, theme, emit } = editContext(ctx);
    examples(
      program.command('undo'),
      'jumpctl undo --dry-run                 # what would be restored',
      'jumpctl undo',
    )
      .description("restore the files of the last change jumpctl made to this configuration's files")
      .option('--dry-run', 'print what would be restored and write nothing')
      .option('--force', 'restore even if the files were edited since')
      .option('--json', 'machine-readable output')
      .action(async (o: { dryRun?: boolean; force?: boolean }, cmd: Command) => {
        const { undo } = await import('../commands/edit/undo.js');
        const data = await undo({ ...globals(cmd), ...o });
        await emit({
          data,
          render: async () => (await import('../ui/render-edit.js')).renderUndo(data, await theme(cmd)),
        });
      });
  },
  backups: (program, ctx) => {
    const { globals, theme, emit } = editContext(ctx);
    examples(program.command('backups'), 'jumpctl backups', 'jumpctl backups --json')
      .description("the changes jumpctl kept backups of, newest first (this configuration's files only)")
      .option('--json', 'machine-readable output')
      .action(async (_o: unknown, cmd: Command) => {
        const { backups } = await import('../commands/edit/undo.js');
        const data = await backups(globals(cmd));
        await emit({
          data,
          render: async () => (await import('../ui/render-edit.js')).renderBackups(data, await theme(cmd)),
        });
      });
  },
};
