import { formatCommand } from '../core/argv.js';
import { JumpctlError, InvalidInputError, UsageError } from '../core/errors.js';
import { listHosts } from '../core/hosts.js';
import { parseHop } from '../core/jump.js';
import { hostProblem, splitDestination, validateHostArg } from '../core/validate.js';
import { memoEnabled, saveMemo } from '../io/connect-memo.js';
import { InputRecorder } from '../io/memo-recorder.js';
import { openSession, type GlobalOptions, type Session } from '../session.js';
import { checkAliases } from './chain-checks.js';
import { findOnPath, sshIdentity } from '../ssh/find-ssh.js';

export interface ConnectOptions extends GlobalOptions {
  readonly via?: string;
  readonly dryRun?: boolean;
  readonly audit?: boolean;
  /** Skip the unknown-alias check (cycles are always refused). */
  readonly force?: boolean;
  readonly interactive: boolean;
  /** The command line (process.argv without node and the script): memoize the checks under it. */
  readonly memo?: readonly string[];
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
}

export async function connect(
  target: string | undefined,
  sshArgs: string[],
  opts: ConnectOptions,
): Promise<ConnectResult> {
  // Not for a target picked in the terminal: that command line names none.
  const recorder =
    opts.memo !== undefined && target !== undefined && !opts.dryRun && memoEnabled()
      ? new InputRecorder()
      : undefined;
  const s = await openSession(opts, true, false, recorder);
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
  // What the checks concluded, for the next identical command line (connect-memo.ts says when
  // it is used), saved while ssh runs.
  const inputs = recorder && recorder.volatile === undefined ? recorder.inputs() : undefined;
  // The client's identity now, before ssh starts: its facts entered the checks.
  const sshId = sshIdentity(ssh);
  const keep = inputs && (() => saveMemo(opts.memo ?? [], { sshId, debian: s.ctx.debian, inputs, run }));
  const { runConnection } = await import('./connect-run.js');
  const done = await runConnection(run, keep).catch((e: NodeJS.ErrnoException) => {
    if (!e.syscall?.startsWith('spawn')) throw e;
    throw new JumpctlError('E_SSH_START', `could not start ${ssh}: ${e.message}`, {
      hint: 'Check that the ssh first on PATH is a working OpenSSH client.',
    });
  });
  return { ...base, dryRun: false, ...done };
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
  const { readRecent } = await import('../io/state.js');
  const { pickHost } = await import('../ui/pick-host.js');
  const recent = readRecent();
  s.program.indexAll();
  const entries = listHosts(s.program).aliases.map(({ alias }) => {
    const r = s.chains.resolve(alias);
    let chain: string[] = [];
    try {
      chain = s.chains.chain(alias).hops.map((h) => h.alias);
    } catch {
      chain = ['(loop)'];
    }
    return { alias, hostname: r.hostname, user: r.user, chain };
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
