/**
 * The commander program: global options, one command per subcommand, each loading its module
 * only when it runs (so `--help` and `--version` stay cheap).
 */
import { Command, Option } from 'commander';
import type * as Tty from 'node:tty';

/**
 * Whether fd is a terminal. Not process.stdin.isTTY, which builds a stream connect never uses
 * (it hands the terminal to ssh); and node:tty is loaded only when asked, as it pulls in net.
 */
const isatty = (fd: number): boolean => (process.getBuiltinModule('node:tty') as typeof Tty).isatty(fd);
import type { GlobalOptions } from './session.js';
import type { Confirm, EditResult } from './commands/edit-flow.js';

export interface Output {
  /** The command's result; `render` turns it into human text. */
  data: unknown;
  render: () => Promise<string>;
  exitCode?: number;
  /** Print nothing (connect hands the terminal to ssh). */
  silent?: boolean;
}

export type Emit = (out: Output) => Promise<void>;

export function buildProgram(version: string, emit: Emit): Command {
  const program = new Command('jumpctl')
    .description('Own your OpenSSH client config and jump chains.')
    .version(version, '-V, --version')
    .option(
      '-F, --config <file>',
      'ssh config file to use instead of ~/.ssh/config (and then no system file)',
    )
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'no colours')
    .showHelpAfterError()
    .exitOverride();

  const globals = (cmd: Command): GlobalOptions & { color?: boolean } => cmd.optsWithGlobals();
  const theme = async (cmd: Command) => await (await import('./ui/theme.js')).makeTheme(globals(cmd));

  program
    .command('list')
    .description('every concrete host alias with hostname, user, port and jump chain')
    .option('--json', 'machine-readable output')
    .option('--match-exec', 'run Match exec commands (ssh would); off by default when listing many hosts')
    .action(async (o: { matchExec?: boolean }, cmd: Command) => {
      const { list } = await import('./commands/list.js');
      const data = await list({ ...globals(cmd), matchExec: o.matchExec === true });
      await emit({
        data,
        render: async () => (await import('./ui/render.js')).renderList(data, await theme(cmd)),
      });
    });

  program
    .command('show <host>')
    .description('effective options for a host, as ssh -G gives them, with the file:line each came from')
    .option('--json', 'machine-readable output')
    .action(async (host: string, _o: unknown, cmd: Command) => {
      const { show } = await import('./commands/show.js');
      const data = await show(host, globals(cmd));
      await emit({
        data,
        render: async () => (await import('./ui/render.js')).renderShow(data, await theme(cmd)),
      });
    });

  program
    .command('chain <host>')
    .description('the hops ssh goes through to reach a host, from the client outwards')
    .option('--json', 'machine-readable output')
    .addOption(
      new Option('--format <format>', 'human output format')
        .choices(['tree', 'dot', 'mermaid'])
        .default('tree'),
    )
    .action(async (host: string, o: { format: 'tree' | 'dot' | 'mermaid' }, cmd: Command) => {
      const { chain } = await import('./commands/chain.js');
      const data = await chain(host, globals(cmd));
      const json = {
        host: data.host,
        hops: data.hops.map(plainNode),
        target: plainNode(data.target),
        proxy: data.proxy,
      };
      await emit({
        data: json,
        render: async () => (await import('./ui/render.js')).renderChain(data, await theme(cmd), o.format),
      });
    });

  program
    .command('connect [target] [sshArgs...]')
    .description('run ssh to a host through its jump chain; arguments after -- go to ssh untouched')
    .option('--via <jumps>', 'ad-hoc chain: aliases or [user@]host[:port], comma-separated')
    .option('--dry-run', 'print the exact ssh command and run nothing')
    .option('--no-audit', 'do not append this connection to the audit log')
    .option('--force', 'use jump names that no Host block configures as they are')
    .option('--json', 'machine-readable output (with --dry-run)')
    .action(
      async (
        target: string | undefined,
        sshArgs: string[],
        o: { via?: string; dryRun?: boolean; audit: boolean; force?: boolean },
        cmd: Command,
      ) => {
        const { connect } = await import('./commands/connect.js');
        // Only the host picker (no target given) is interactive.
        const interactive = target === undefined && isatty(0) && isatty(1) && !process.env.CI;
        const data = await connect(target, sshArgs, { ...globals(cmd), ...o, interactive });
        await emit({
          data,
          render: async () => data.command,
          ...(data.exitCode !== undefined ? { exitCode: data.exitCode } : {}),
          silent: !data.dryRun,
        });
      },
    );

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
    (await import('./ui/edit-prompts.js')).confirmWrite(files, summary);
  const showEdit = async (data: EditResult, cmd: Command) =>
    emit({
      data,
      render: async () => (await import('./ui/render-edit.js')).renderEdit(data, await theme(cmd)),
    });

  editing(
    program
      .command('add-host <alias>')
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
    const { addHost } = await import('./commands/add-host.js');
    const opts = editOpts(o, cmd);
    const ask = async (known: Parameters<typeof addHost>[1], hosts: readonly string[]) => {
      const { askAddHost } = await import('./ui/edit-prompts.js');
      const { privateKeys } = await import('./io/config-files.js');
      const { home } = await import('./io/dirs.js');
      return askAddHost(known, hosts, privateKeys(home()));
    };
    await showEdit(await addHost(alias, opts, ask, await confirmer()), cmd);
  });

  editing(
    program
      .command('set <alias> <keyword> <value...>')
      .description("set a keyword in the host's own block, in whichever file it lives"),
  ).action(
    async (alias: string, keyword: string, value: string[], o: Record<string, unknown>, cmd: Command) => {
      const { setValue } = await import('./commands/set.js');
      await showEdit(await setValue(alias, keyword, value, editOpts(o, cmd), await confirmer()), cmd);
    },
  );

  editing(
    program.command('unset <alias> <keyword>').description("remove a keyword from the host's own block"),
  ).action(async (alias: string, keyword: string, o: Record<string, unknown>, cmd: Command) => {
    const { unsetValue } = await import('./commands/set.js');
    await showEdit(await unsetValue(alias, keyword, editOpts(o, cmd), await confirmer()), cmd);
  });

  editing(
    program
      .command('rm <alias>')
      .description(
        'remove a host (or only its name from a shared Host line); refuses while others jump through it',
      ),
  ).action(async (alias: string, o: Record<string, unknown>, cmd: Command) => {
    const { rm } = await import('./commands/rm.js');
    await showEdit(await rm(alias, editOpts(o, cmd), await confirmer()), cmd);
  });

  editing(
    program
      .command('rename <old> <new>')
      .description('rename a host and every ProxyJump/ProxyCommand that jumps through it, across files'),
  ).action(async (from: string, to: string, o: Record<string, unknown>, cmd: Command) => {
    const { rename } = await import('./commands/rename.js');
    await showEdit(await rename(from, to, editOpts(o, cmd), await confirmer()), cmd);
  });

  program
    .command('undo')
    .description('restore the files of the last change jumpctl made')
    .option('--dry-run', 'print what would be restored and write nothing')
    .option('--force', 'restore even if the files were edited since')
    .option('--json', 'machine-readable output')
    .action(async (o: { dryRun?: boolean; force?: boolean }, cmd: Command) => {
      const { undo } = await import('./commands/undo.js');
      const data = await undo({ ...globals(cmd), ...o });
      await emit({
        data,
        render: async () => (await import('./ui/render-edit.js')).renderUndo(data, await theme(cmd)),
      });
    });

  program
    .command('backups')
    .description('the changes jumpctl kept backups of, newest first')
    .option('--json', 'machine-readable output')
    .action(async (_o: unknown, cmd: Command) => {
      const { backups } = await import('./commands/undo.js');
      const data = backups();
      await emit({
        data,
        render: async () => (await import('./ui/render-edit.js')).renderBackups(data, await theme(cmd)),
      });
    });
  program
    .command('copy-id <target>')
    .description('install a public key on every hop of the chain to a host, and on the host itself')
    .option('-i, --identity <key.pub>', 'public key to install (default: the first key ssh would use)')
    .option('--hops <hops>', 'all (default), target, or aliases of the chain, comma-separated')
    .option('--dry-run', 'say per hop what would be done; contact no host')
    .option('--configure', 'afterwards, make the chain’s hosts use the key (IdentityFile, IdentitiesOnly)')
    .option('--force', 'use jump names that no Host block configures as they are')
    .option('--json', 'machine-readable output')
    .action(
      async (
        target: string,
        o: { identity?: string; hops?: string; dryRun?: boolean; configure?: boolean; force?: boolean },
        cmd: Command,
      ) => {
        const { copyId } = await import('./commands/copy-id.js');
        const progress = isatty(2)
          ? (h: { alias: string; user: string; hostname: string; port: number }) =>
              process.stderr.write(`copy-id: ${h.alias} (${h.user}@${h.hostname}:${h.port})…\n`)
          : undefined;
        const data = await copyId(target, { ...globals(cmd), ...o, ...(progress ? { progress } : {}) });
        await emit({
          data,
          render: async () => (await import('./ui/render-copy-id.js')).renderCopyId(data, await theme(cmd)),
          exitCode: data.exitCode,
        });
      },
    );

  program
    .command('doctor [target]')
    .description(
      'check the configuration; with a target, probe its chain and name the failing hop and the fix',
    )
    .option('--offline', 'static checks only: connect to nothing')
    .option('--timeout <s>', 'connect time-out per hop, in seconds (default 10)', Number)
    .option('--json', 'machine-readable output')
    .action(async (target: string | undefined, o: { offline?: boolean; timeout?: number }, cmd: Command) => {
      const { doctor } = await import('./commands/doctor.js');
      const g = globals(cmd);
      // The spinner goes to stderr, and only for a person watching a terminal.
      const spin =
        !g.json && !o.offline && target !== undefined && isatty(2)
          ? (await import('./ui/spinner.js')).probeSpinner(process.stderr, await theme(cmd))
          : undefined;
      let data;
      try {
        data = await doctor(target, { ...g, ...o, ...(spin ? { onProgress: spin.update } : {}) });
      } finally {
        spin?.stop();
      }
      const report = data;
      await emit({
        data: report,
        render: async () =>
          (await import('./ui/render-doctor.js')).renderDoctor(report, await theme(cmd), {
            offline: o.offline === true,
            ...(target !== undefined ? { target } : {}),
          }),
        exitCode: report.ok ? 0 : 1,
      });
    });

  return program;
}

function plainNode(n: { alias: string; hostname: string; port: number; user: string }) {
  return { alias: n.alias, hostname: n.hostname, port: n.port, user: n.user };
}
