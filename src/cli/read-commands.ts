/** The commands that read the configuration or run ssh through it (registered by program.ts). */
import { Option, type Command } from 'commander';
import { examples, isatty, type CliContext } from './context.js';

export const readCommands: Record<string, (program: Command, ctx: CliContext) => void> = {
  list: (program, { emit, globals, theme }) => {
    examples(
      program.command('list'),
      'jumpctl list',
      'jumpctl list --json                    # every host with its chain, for scripts',
      'jumpctl -F ./lab.config list --match-exec',
      "jumpctl list --tag prod --tag '!db'    # hosts tagged prod and not db",
    )
      .description('every concrete host alias with hostname, user, port, tags and jump chain')
      .option('--json', 'machine-readable output')
      .option('--match-exec', 'run Match exec commands (ssh would); off by default when listing many hosts')
      .option(
        '--tag <tag>',
        "only hosts with this tag (repeatable: all must match; '!tag' excludes)",
        (v: string, acc: string[] = []) => [...acc, v],
      )
      .action(async (o: { matchExec?: boolean; tag?: string[] }, cmd: Command) => {
        const { list } = await import('../commands/list.js');
        const data = await list({
          ...globals(cmd),
          matchExec: o.matchExec === true,
          ...(o.tag ? { tag: o.tag } : {}),
        });
        await emit({
          data,
          render: async () => (await import('../ui/render.js')).renderList(data, await theme(cmd)),
        });
      });
  },
  show: (program, { emit, globals, theme }) => {
    examples(
      program.command('show <host>'),
      'jumpctl show db',
      "jumpctl show db --all                  # also the values left at ssh's defaults",
      'jumpctl show deploy@db --json          # every key, and the file:line it came from',
    )
      .description('effective options for a host, as ssh -G gives them, with the file:line each came from')
      .option('--all', "also show the values left at ssh's defaults (--json always has every key)")
      .option('--json', 'machine-readable output')
      .action(async (host: string, o: { all?: boolean }, cmd: Command) => {
        const { show } = await import('../commands/show.js');
        const data = await show(host, globals(cmd));
        await emit({
          data,
          render: async () =>
            (await import('../ui/render.js')).renderShow(data, await theme(cmd), o.all === true),
        });
      });
  },
  chain: (program, { emit, globals, theme }) => {
    examples(
      program.command('chain <host>'),
      'jumpctl chain db',
      'jumpctl chain db --format dot | dot -Tsvg > chain.svg',
      'jumpctl chain db --json',
    )
      .description('the hops ssh goes through to reach a host, from the client outwards')
      .option('--json', 'machine-readable output')
      .addOption(
        new Option('--format <format>', 'human output format')
          .choices(['tree', 'dot', 'mermaid'])
          .default('tree'),
      )
      .action(async (host: string, o: { format: 'tree' | 'dot' | 'mermaid' }, cmd: Command) => {
        const { chain } = await import('../commands/chain.js');
        const data = await chain(host, globals(cmd));
        await emit({
          data,
          render: async () => (await import('../ui/render.js')).renderChain(data, await theme(cmd), o.format),
        });
      });
  },
  connect: (program, { emit, globals }) => {
    examples(
      program.command('connect [target] [sshArgs...]'),
      'jumpctl connect                        # pick a host, recent ones first (on a terminal)',
      'jumpctl connect db -- -L 5432:localhost:5432',
      'jumpctl connect db --via bastion,inner --dry-run',
    )
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
          const { connect } = await import('../commands/connect/connect.js');
          // Only the host picker (no target given) is interactive.
          const interactive = target === undefined && isatty(0) && isatty(1) && !process.env.CI;
          const data = await connect(target, sshArgs, {
            ...globals(cmd),
            ...o,
            interactive,
          });
          if (data.auditProblem !== undefined) {
            const { auditWarning } = await import('../commands/connect/run.js');
            const { vis } = await import('../core/vis.js');
            process.stderr.write(vis(`${auditWarning(data.auditProblem)}\n`));
          }
          if (data.advice !== undefined) {
            const { vis } = await import('../core/vis.js');
            process.stderr.write(vis(`jumpctl: ${data.advice}\n`));
          }
          await emit({
            data,
            render: async () => data.command,
            ...(data.exitCode !== undefined ? { exitCode: data.exitCode } : {}),
            silent: !data.dryRun,
          });
        },
      );
  },
  'copy-id': (program, { emit, globals, theme }) => {
    examples(
      program.command('copy-id <target>'),
      'jumpctl copy-id db --dry-run           # what would be done on each hop',
      'jumpctl copy-id db -i ~/.ssh/id_ed25519.pub',
      'jumpctl copy-id db --hops target --configure',
    )
      .description('install a public key on every hop of the chain to a host, and on the host itself')
      .option('-i, --identity <key.pub>', 'public key to install (default: the first key ssh would use)')
      .option('--hops <hops>', 'all (default), target, or aliases of the chain, comma-separated')
      .option('--dry-run', 'say per hop what would be done; contact no host')
      .option('--configure', 'afterwards, make the chain’s hosts use the key (IdentityFile, IdentitiesOnly)')
      .option('-y, --yes', 'with --configure: write the config change without asking')
      .option('--force', 'use jump names that no Host block configures as they are')
      .option('--json', 'machine-readable output')
      .action(
        async (
          target: string,
          o: {
            identity?: string;
            hops?: string;
            dryRun?: boolean;
            configure?: boolean;
            yes?: boolean;
            force?: boolean;
          },
          cmd: Command,
        ) => {
          const { copyId } = await import('../commands/copy-id/copy-id.js');
          // Names from the config: control characters shown, not obeyed (vis.ts).
          const { vis } = await import('../core/vis.js');
          const progress = isatty(2)
            ? (h: { alias: string; user: string; hostname: string; port: number }) =>
                process.stderr.write(vis(`copy-id: ${h.alias} (${h.user}@${h.hostname}:${h.port})…\n`))
            : undefined;
          const data = await copyId(target, { ...globals(cmd), ...o, ...(progress ? { progress } : {}) });
          await emit({
            data,
            render: async () =>
              (await import('../ui/render-copy-id.js')).renderCopyId(data, await theme(cmd)),
            exitCode: data.exitCode,
          });
        },
      );
  },
  doctor: (program, { emit, globals, theme }) => {
    examples(
      program.command('doctor [target]'),
      'jumpctl doctor --offline               # the configuration only, no connection',
      'jumpctl doctor db                      # probe each hop to db, name the one that fails',
      'jumpctl doctor db --timeout 5 --json',
      'jumpctl doctor --tag prod              # every host tagged prod, a few at a time',
    )
      .description(
        'check the configuration; with a target, probe its chain and name the failing hop and the fix',
      )
      .option('--offline', 'static checks only: connect to nothing')
      .option('--timeout <s>', 'connect time-out per hop, in seconds (default 10)')
      .option('--match-exec', 'without a target, run Match exec commands (ssh would, for each host)')
      .option(
        '--tag <tag>',
        "diagnose every host with this tag (repeatable: all must match; '!tag' excludes)",
        (v: string, acc: string[] = []) => [...acc, v],
      )
      .option('--json', 'machine-readable output')
      .action(
        async (
          target: string | undefined,
          o: { offline?: boolean; timeout?: string; matchExec?: boolean; tag?: string[] },
          cmd: Command,
        ) => {
          const g = globals(cmd);
          if (o.tag) {
            if (target !== undefined)
              throw new (await import('../core/errors.js')).UsageError(
                'give a target or --tag, not both',
                'For example: jumpctl doctor --tag prod',
              );
            const { doctorTagged } = await import('../commands/doctor/tagged.js');
            const tagged = await doctorTagged(o.tag, { ...g, ...o });
            await emit({
              data: tagged,
              render: async () =>
                (await import('../ui/render-doctor-tagged.js')).renderDoctorTagged(tagged, await theme(cmd)),
              exitCode: tagged.ok ? 0 : 1,
            });
            return;
          }
          const { doctor } = await import('../commands/doctor/doctor.js');
          // The spinner goes to stderr, and only for a person watching a terminal.
          const spin =
            !g.json && !o.offline && target !== undefined && isatty(2)
              ? (await import('../ui/spinner.js')).probeSpinner(process.stderr, await theme(cmd))
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
              (await import('../ui/render-doctor.js')).renderDoctor(report, await theme(cmd)),
            exitCode: report.ok ? 0 : 1,
          });
        },
      );
  },
};
