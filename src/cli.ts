/**
 * The commander program: global options, one command per subcommand, each loading its module
 * only when it runs (so `--help` and `--version` stay cheap).
 */
import { Command, Option } from 'commander';
import type { GlobalOptions } from './session.js';

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
  const theme = async (cmd: Command) => (await import('./ui/theme.js')).makeTheme(globals(cmd));

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
        const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !process.env.CI;
        const data = await connect(target, sshArgs, { ...globals(cmd), ...o, interactive });
        await emit({
          data,
          render: async () => data.command,
          ...(data.exitCode !== undefined ? { exitCode: data.exitCode } : {}),
          silent: !data.dryRun,
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
        !g.json && !o.offline && target !== undefined && process.stderr.isTTY
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
