/**
 * Which hosts copy-id visits, in which order, and how each is reached: every hop of the chain
 * from the client outwards, then the target. A hop is reached through the hops before it,
 * which by then hold the key (or were left alone on purpose with `--hops`).
 */
import type { Chain, ChainNode, CommandLine } from '../config/index.js';
import { UsageError } from '../errors.js';
import type { Failure } from './failure.js';

export interface HopStep {
  /** The name handed to this hop's ssh (alias or host), as in `jumpctl chain`. */
  readonly alias: string;
  readonly user: string;
  readonly hostname: string;
  readonly port: number;
  readonly role: 'jump' | 'target';
  /** `-l`/`-p`/`-J` the hop's ssh gets on its command line, so it is resolved exactly as in the chain. */
  readonly cli: CommandLine;
  /** Whether the key is to be installed here (`--hops`); other hops are only passed through. */
  readonly requested: boolean;
  /** Aliases of the hops in front of this one. */
  readonly through: readonly string[];
}

export type HopStatus = 'installed' | 'present' | 'failed' | 'not-reached' | 'skipped' | 'planned';

export interface HopReport extends HopStep {
  readonly status: HopStatus;
  readonly failure?: Failure;
  /** Things worth knowing that did not stop the install (created ~/.ssh, loose modes, …). */
  readonly notes: readonly string[];
}

/** `--hops`: `all` (default), `target`, or aliases of the chain, comma-separated. */
export type HopSelection =
  { readonly kind: 'all' } | { readonly kind: 'aliases'; readonly aliases: string[] };

export function parseHopsOption(value: string | undefined): HopSelection {
  if (value === undefined || value.trim() === 'all') return { kind: 'all' };
  const aliases = value
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (aliases.length === 0)
    throw new UsageError('--hops is empty', 'Use --hops all, --hops target, or aliases: --hops jump1,target');
  return { kind: 'aliases', aliases };
}

export function planSteps(chain: Chain, targetCli: CommandLine, selection: HopSelection): HopStep[] {
  const nodes: { node: ChainNode; role: 'jump' | 'target'; cli: CommandLine }[] = [
    ...chain.hops.map((node) => ({ node, role: 'jump' as const, cli: node.cli ?? {} })),
    { node: chain.target, role: 'target' as const, cli: targetCli },
  ];
  const wanted = new Set(selection.kind === 'all' ? [] : selection.aliases);
  if (selection.kind === 'aliases') {
    const names = new Set(nodes.map((n) => n.node.alias));
    const unknown = selection.aliases.filter((a) => a !== 'target' && !names.has(a));
    if (unknown.length > 0)
      throw new UsageError(
        `--hops names ${unknown.map((u) => `"${u}"`).join(', ')}, not on the chain to ${chain.host}`,
        `The chain is: ${nodes.map((n) => n.node.alias).join(' → ')} (or use --hops all / --hops target)`,
      );
  }
  return nodes.map(({ node, role, cli }, i) => ({
    alias: node.alias,
    user: node.user,
    hostname: node.hostname,
    port: node.port,
    role,
    cli,
    requested:
      selection.kind === 'all' || wanted.has(node.alias) || (role === 'target' && wanted.has('target')),
    through: nodes.slice(0, i).map((n) => n.node.alias),
  }));
}

/** Exit 0 only when every requested hop ends with the key present. */
export function allPresent(hops: readonly HopReport[]): boolean {
  return hops.every((h) => !h.requested || h.status === 'installed' || h.status === 'present');
}

/**
 * The chain nodes reached by a ProxyCommand `ssh -W` forwarder (the node before them has
 * `via: 'proxycommand'`). Their inner ssh reads the default files, not the run's own -F config,
 * so copy-id points that forwarder at its config to share the earlier hops' connections.
 */
export function forwardedNodes(chain: Chain, targetCli: CommandLine): { alias: string; cli: CommandLine }[] {
  const nodes = [
    ...chain.hops.map((node) => ({ node, cli: node.cli ?? {} })),
    { node: chain.target, cli: targetCli },
  ];
  return nodes
    .filter((_, i) => i > 0 && nodes[i - 1]?.node.via === 'proxycommand')
    .map(({ node, cli }) => ({ alias: node.alias, cli }));
}
