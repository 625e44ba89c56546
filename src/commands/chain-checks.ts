/**
 * Jumps that no Host block configures, found once for every command: connect and copy-id refuse
 * them, chain and list mark them (ssh would look such a name up in DNS, almost always a typo).
 */
import { looksLikeUnknownAlias, type Chain, listHosts } from '../core/config/index.js';
import { JumpctlError } from '../core/errors.js';
import { suggest } from '../core/suggest.js';
import type { Session } from '../session.js';

export interface UnknownJump {
  readonly alias: string;
  /** The `file:line` of the ProxyJump or ProxyCommand that names it, or null (`--via`). */
  readonly source: string | null;
  /** How the hop after it reaches through it; a ProxyCommand's ssh reads `config`, not ours. */
  readonly via: 'proxyjump' | 'proxycommand' | null;
  /** The -F that hop's ssh reads, or null for the default files. */
  readonly config: string | null;
  /** Configured aliases close to it. */
  readonly suggestions: string[];
}

/** The chain's jumps that look like an alias but that no block configures, with suggestions. */
export function unknownJumps(chain: Chain, s: Session, aliases?: readonly string[]): UnknownJump[] {
  const bad = chain.hops.filter(looksLikeUnknownAlias);
  if (bad.length === 0) return [];
  // Listing every alias reads every Host line: only when there is something to suggest for.
  const known = aliases ?? listHosts(s.program).aliases.map((a) => a.alias);
  return bad.map((hop) => ({
    alias: hop.alias,
    source: hop.source ?? null,
    via: hop.via ?? null,
    config: hop.config ?? null,
    suggestions: suggest(hop.alias, known),
  }));
}

/** A bare jump name no Host block configures is almost always a typo: refuse it with suggestions. */
export function checkAliases(chain: Chain, s: Session): void {
  const [first] = unknownJumps(chain, s);
  if (!first) return;
  throw new JumpctlError(
    'E_UNKNOWN_JUMP',
    `jump host "${first.alias}" is not configured${first.source ? ` (used at ${first.source})` : ''}`,
    {
      hint:
        first.suggestions.length > 0
          ? `Did you mean ${first.suggestions.join(', ')}? (--force to use the name as it is)`
          : `Add it first: jumpctl add-host ${first.alias} --hostname <name> (or --force to use the name as it is)`,
      data: { alias: first.alias, suggestions: first.suggestions },
    },
  );
}
