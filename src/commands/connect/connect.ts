import { formatCommand } from '../../core/argv.js';
import { JumpctlError, InvalidInputError, UsageError } from '../../core/errors.js';
import { hostTags, listHosts, parseHop } from '../../core/config/index.js';
import { hostProblem, splitDestination, validateHostArg } from '../../core/validate.js';
import { openSession, type GlobalOptions, type Session } from '../../session.js';
import { checkAliases } from '../chain-checks.js';
import { findOnPath } from '../../ssh/process.js';

export interface ConnectOptions extends GlobalOptions {
  readonly via?: string;
  readonly dryRun?: boolean;
  readonly audit?: boolean;
  /** Skip the unknown-alias check (cycles are always refused). */
  readonly force?: boolean;
  readonly interactive: boolean;
}

export interface ConnectResult {
  readonly target: string;
  readonly argv: string[];
  readonly command: string;
  readonly hops: string[];
  readonly dryRun: boolean;
  readonly exitCode?: number;
  /** The connection ran, but its audit line could not be written: why. */
  readonly auditProblem?: string;
  /** What to run next, said on stderr once ssh is done: after ssh's own failure (255), doctor. */
  readonly advice?: string;
}

export async function connect(
  target: string | undefined,
  sshArgs: string[],
  opts: ConnectOptions,
): Promise<ConnectResult> {
  // Every time, from the files as they are now: a loop would make ssh fork without end.
  const s = await openSession(opts, true);
  if (target === undefined) {
    if (!opts.interactive) {
      throw new UsageError(
        'no target given, and no terminal to pick one from',
        'Name the host: jumpctl connect <host> [-- ssh arguments]',
      );
    }
    target = await pick(s);
  }
  validateHostArg(target, 'target');
  if (opts.via !== undefined) validateVia(opts.via);

  // The whole chain is checked before anything is spawned: a loop would fork ssh without end.
  const dest = splitDestination(target);
  const chain = s.chains.chain(dest.host, {
    ...(dest.user !== undefined ? { user: dest.user } : {}),
    ...(opts.via !== undefined ? { jump: opts.via } : {}),
  });
  if (!opts.force) checkAliases(chain, s);

  const ssh = s.client.path ?? findOnPath('ssh');
  if (!ssh)
    throw new JumpctlError('E_NO_SSH', 'no ssh client found on PATH', {
      hint: 'Install OpenSSH (Debian: apt-get install openssh-client).',
    });
  const args = [
    ...(opts.config ? ['-F', opts.config] : []),
    ...(opts.via ? ['-J', opts.via] : []),
    target,
    ...sshArgs,
  ];
  const argv = ['ssh', ...args];
  const hops = chain.hops.map((h) => h.alias);
  const base = { target, argv, command: formatCommand(argv), hops };
  if (opts.dryRun) return { ...base, dryRun: true };

  const run = { ssh, args, target, hops, audit: opts.audit !== false };
  const { runConnection } = await import('./run.js');
  const done = await runConnection(run).catch((e: NodeJS.ErrnoException) => {
    if (!e.syscall?.startsWith('spawn')) throw e;
    throw new JumpctlError('E_SSH_START', `could not start ${ssh}: ${e.message}`, {
      hint: 'Check that the ssh first on PATH is a working OpenSSH client.',
    });
  });
  return { ...base, dryRun: false, ...done, ...(done.exitCode === 255 ? advice(target, opts) : {}) };
}

/**
 * ssh exits 255 when it could not connect (or the remote command did): doctor names the hop that
 * fails and why. Not with --via: doctor follows the configured chain, not that one.
 */
function advice(target: string, opts: ConnectOptions): { advice?: string } {
  if (opts.via !== undefined) return {};
  const doctor = formatCommand(['jumpctl', ...(opts.config ? ['-F', opts.config] : []), 'doctor', target]);
  return {
    advice: `ssh exited with 255 (it could not connect, or the remote command exited 255): ${doctor} finds the hop that fails and why`,
  };
}

function validateVia(via: string): void {
  for (const spec of via.split(',')) {
    const hop = parseHop(spec);
    if (!hop) throw new InvalidInputError('jump', spec, 'not an alias or [user@]host[:port]');
    const p = hostProblem(hop.host) ?? (hop.user !== undefined ? hostProblem(hop.user) : undefined);
    if (p) throw new InvalidInputError('jump', spec, p);
  }
}

async function pick(s: Session): Promise<string> {
  const { readRecent } = await import('../../io/state.js');
  const { pickHost } = await import('../../ui/pick-host.js');
  const recent = readRecent();
  s.program.indexAll();
  const tags = hostTags(s.program);
  const entries = listHosts(s.program).aliases.map(({ alias }) => {
    const r = s.chains.resolve(alias);
    let chain: string[] = [];
    try {
      chain = s.chains.chain(alias).hops.map((h) => h.alias);
    } catch {
      chain = ['(loop)'];
    }
    return {
      alias,
      hostname: r.hostname,
      user: r.user,
      port: r.port,
      chain,
      tags: tags.get(alias.toLowerCase()) ?? [],
    };
  });
  const rank = (a: string) => {
    const i = recent.indexOf(a);
    return i < 0 ? recent.length : i;
  };
  entries.sort((a, b) => rank(a.alias) - rank(b.alias));
  if (entries.length === 0)
    throw new UsageError(
      'no hosts in your ssh config to pick from',
      'Add one: jumpctl add-host <alias> --hostname <name>',
    );
  return pickHost(entries);
}
