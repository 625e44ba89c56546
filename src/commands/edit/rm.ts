import { planRemove } from '../../core/edit/plan-refs.js';
import { JumpctlError } from '../../core/errors.js';
import { listHosts } from '../../core/config/index.js';
import { validateHostArg } from '../../core/validate.js';
import type { Session } from '../../session.js';
import { runEdit, type Confirm, type EditOptions, type EditResult } from './flow.js';

export interface RmResult extends EditResult {
  readonly host: string;
  /** Hosts that still jump through the removed one (only with --force). */
  readonly dependents: readonly string[];
}

/** Hosts whose chain passes through `alias`. */
export function dependentsOf(s: Session, alias: string): string[] {
  const out: string[] = [];
  for (const { alias: other } of listHosts(s.program).aliases) {
    if (other.toLowerCase() === alias.toLowerCase()) continue;
    try {
      if (s.chains.chain(other).hops.some((h) => h.alias.toLowerCase() === alias.toLowerCase()))
        out.push(other);
    } catch {
      // a host whose chain is already broken is doctor's business, not rm's
    }
  }
  return out;
}

export async function rm(alias: string, opts: EditOptions, confirm?: Confirm): Promise<RmResult> {
  validateHostArg(alias, 'alias');
  let dependents: string[] = [];
  const result = await runEdit(
    'rm',
    `rm ${alias}`,
    opts,
    ({ session, docs }) => {
      dependents = dependentsOf(session, alias);
      if (dependents.length > 0 && !opts.force)
        throw new JumpctlError(
          'E_IN_USE',
          `${dependents.join(', ')} still ${dependents.length === 1 ? 'jumps' : 'jump'} through ${alias}`,
          {
            hint: `Point ${dependents.length === 1 ? 'it' : 'them'} elsewhere first (jumpctl set <host> ProxyJump <jump>), or pass --force to remove ${alias} anyway.`,
            data: { dependents },
          },
        );
      const planned = planRemove(docs, alias);
      const notes = [...planned.notes];
      if (dependents.length > 0)
        notes.push(
          `${dependents.join(', ')} still name ${alias} as a jump; ssh will now look it up as a plain host name`,
        );
      return {
        planned: { ...planned, notes },
        summary: `${alias} removed`,
        verify: { exempt: new Set([alias]) },
      };
    },
    confirm,
  );
  return { ...result, host: alias, dependents };
}
