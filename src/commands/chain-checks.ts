/** Checks on a chain before anything is spawned through it, shared by connect and copy-id. */
import { looksLikeUnknownAlias, type Chain, listHosts } from '../core/config/index.js';
import { JumpctlError } from '../core/errors.js';
import { suggest } from '../core/suggest.js';
import type { Session } from '../session.js';

/** A bare jump name no Host block configures is almost always a typo: refuse it with suggestions. */
export function checkAliases(chain: Chain, s: Session): void {
  for (const hop of chain.hops) {
    if (!looksLikeUnknownAlias(hop)) continue;
    // Listing every alias reads every Host line: only for the error's suggestions.
    const close = suggest(
      hop.alias,
      listHosts(s.program).aliases.map((a) => a.alias),
    );
    throw new JumpctlError(
      'E_UNKNOWN_JUMP',
      `jump host "${hop.alias}" is not configured${hop.source ? ` (used at ${hop.source})` : ''}`,
      {
        hint:
          close.length > 0
            ? `Did you mean ${close.join(', ')}? (--force to use the name as it is)`
            : `Add it first: jumpctl add-host ${hop.alias} --hostname <name> (or --force to use the name as it is)`,
        data: { alias: hop.alias, suggestions: close },
      },
    );
  }
}
