/**
 * Chain checks for each host looked at: loops (E_CHAIN_CYCLE, with the loop named), jumps that
 * are neither an alias nor a name that looks resolvable, opaque ProxyCommands, and names that
 * would reach ssh's shell-run proxy command with metacharacters in them (lint L12).
 */
import {
  looksLikeUnknownAlias,
  type Chain,
  type ChainNode,
  type ChainResolver,
  type CommandLine,
} from '../config/index.js';
import { ChainCycleError, ConfigError, JumpctlError } from '../errors.js';
import { suggest } from '../suggest.js';
import { hostProblem } from '../validate.js';
import type { Check } from './types.js';

export interface ChainTarget {
  readonly alias: string;
  readonly cli?: CommandLine;
}

/** Why a chain is not probed: the failed check, and the hop it is about (default: the target). */
export interface Blocked {
  readonly check: Check;
  readonly hop?: string;
  /** The hop in front of it, if any. */
  readonly via?: string | null;
}

export interface ChainOutcome {
  readonly checks: Check[];
  /** The chains that could be built, by alias. */
  readonly chains: Map<string, Chain>;
  /** A chain that cannot be probed (loop, bad config, a jump no block configures), with the reason. */
  readonly blocked: Map<string, Blocked>;
}

export function configProblemChecks(e: ConfigError): Check[] {
  return e.problems.map((p) => ({
    id: 'config.parse',
    severity: 'error' as const,
    message: `${p.file}:${p.line}: ${p.message}`,
    where: `${p.file}:${p.line}`,
    fix: e.hint ?? 'Fix the line named',
  }));
}

export function chainChecks(
  targets: readonly ChainTarget[],
  chains: ChainResolver,
  aliases: readonly string[],
): ChainOutcome {
  const out: ChainOutcome = { checks: [], chains: new Map(), blocked: new Map() };
  const seen = new Set<string>();
  const add = (c: Check) => {
    const key = `${c.id}\u0000${c.where}\u0000${c.message}`;
    if (!seen.has(key)) out.checks.push(c);
    seen.add(key);
  };
  for (const t of targets) {
    let chain: Chain;
    try {
      chain = chains.chain(t.alias, t.cli ?? {});
    } catch (e) {
      if (!(e instanceof JumpctlError)) throw e;
      const c = chainError(e, t.alias);
      for (const one of c) add(one);
      out.blocked.set(t.alias, { check: c[0] as Check });
      continue;
    }
    out.chains.set(t.alias, chain);
    chain.hops.forEach((hop, i) => {
      if (looksLikeUnknownAlias(hop)) {
        const c = unknownJump(hop, t.alias, aliases);
        add(c);
        // connect refuses this chain: probing it would only report ssh's DNS error for the typo.
        if (!out.blocked.has(t.alias))
          out.blocked.set(t.alias, { check: c, hop: hop.alias, via: chain.hops[i - 1]?.alias ?? null });
      } else if (hop.via === 'proxycommand')
        add({
          id: 'chain.proxycommand-hop',
          severity: 'info',
          message: `${hop.alias} is reached with ProxyCommand ssh -W (${hop.source ?? t.alias}): that ssh reads ${hop.config ?? 'the default config files'} and not doctor's probe options, so it gets no BatchMode, time-out or progress markers`,
          where: hop.source ?? t.alias,
          fix: `ProxyJump ${hop.alias} does the same and passes -F and -v to the jump`,
        });
    });
    for (const node of [...chain.hops, chain.target]) {
      const bad = unsafeName(node);
      if (bad) {
        add(bad);
        if (!out.blocked.has(t.alias)) out.blocked.set(t.alias, { check: bad });
      }
    }
    if (chain.proxy)
      add({
        id: 'chain.opaque-proxy',
        severity: 'info',
        message: `${t.alias} is reached through \`ProxyCommand ${chain.proxy}\`, which doctor cannot look inside`,
        where: chain.hops[0]?.source ?? t.alias,
        fix: null,
      });
  }
  return out;
}

function chainError(e: JumpctlError, alias: string): Check[] {
  if (e instanceof ConfigError) return configProblemChecks(e);
  if (e instanceof ChainCycleError) {
    const at = /set at (\S+:\d+)/.exec(e.message)?.[1];
    return [
      {
        id: 'chain.cycle',
        severity: 'error',
        message: `chain to ${alias}: ${e.message}`,
        where: at ?? alias,
        fix: e.hint ?? 'Break the loop with ProxyJump none in the jump host’s block',
      },
    ];
  }
  return [{ id: 'chain.error', severity: 'error', message: e.message, where: alias, fix: e.hint ?? null }];
}

function unknownJump(hop: ChainNode, target: string, aliases: readonly string[]): Check {
  const close = suggest(hop.alias, [...aliases]);
  const keyword = hop.via === 'proxycommand' ? 'ProxyCommand' : 'ProxyJump';
  return {
    id: 'chain.unknown-jump',
    severity: 'error',
    message: `jump "${hop.alias}" on the way to ${target} is neither a configured alias nor a host name: ssh would look "${hop.alias}" up in DNS${hop.source ? ` (${keyword} at ${hop.source})` : ''}${hop.via === 'proxycommand' ? `; the ssh inside a ProxyCommand reads ${hop.config ?? 'the default config files'}, not jumpctl's -F file` : ''}`,
    where: hop.source ?? target,
    fix:
      close.length > 0
        ? `Did you mean ${close.join(', ')}? Correct the ${keyword} line${hop.source ? ` (${hop.source})` : ''}`
        : `Add a block for it: Host ${hop.alias} with its HostName (jumpctl add-host ${hop.alias} --hostname <name>)`,
  };
}

/** ssh builds each hop's proxy command as a shell string from these names (lint L12). */
function unsafeName(n: ChainNode): Check | undefined {
  for (const [what, value] of [
    ['HostName', n.hostname],
    ['User', n.user],
    ['alias', n.alias],
  ] as const) {
    const p = hostProblem(value);
    if (p)
      return {
        id: 'security.shell-metacharacters',
        severity: 'high',
        message: `${what} ${JSON.stringify(value)} of ${n.alias} is unsafe: ${p}; ssh passes it through a shell to reach the hops (CVE-2023-51385 class)`,
        where: n.source ?? n.alias,
        fix: `Correct the ${what} of ${n.alias}: letters, digits, dots, dashes and underscores only`,
      };
  }
  return undefined;
}
