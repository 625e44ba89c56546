import { planRename, renameInJump, renameInProxyCommand } from '../../core/edit/plan-refs.js';
import { JumpctlError } from '../../core/errors.js';
import { listHosts } from '../../core/config/index.js';
import { validateAlias, validateHostArg } from '../../core/validate.js';
import { runEdit, type Confirm, type EditOptions, type EditResult } from './flow.js';

export interface RenameResult extends EditResult {
  readonly from: string;
  readonly to: string;
}

export async function rename(
  from: string,
  to: string,
  opts: EditOptions,
  confirm?: Confirm,
): Promise<RenameResult> {
  validateHostArg(from, 'alias');
  validateAlias(to);
  const result = await runEdit(
    'rename',
    `rename ${from} ${to}`,
    opts,
    ({ session, docs }) => {
      const taken = listHosts(session.program).aliases.find(
        (a) => a.alias.toLowerCase() === to.toLowerCase(),
      );
      if (taken)
        throw new JumpctlError('E_HOST_EXISTS', `${to} is already configured (${taken.source})`, {
          hint: `Pick another name, or remove it first: jumpctl rm ${to}`,
        });
      // Without a HostName of its own, the host connected to its alias (or a %h built from it):
      // keep that server by writing the name down before the alias changes.
      const was = session.chains.resolve(from);
      const src = was.sources.hostname;
      const m = typeof src === 'string' ? /^(.*):(\d+)$/.exec(src) : null;
      const line = m ? docs.find((d) => d.path === m[1])?.lines[Number(m[2]) - 1]?.text : undefined;
      const keep = src === undefined || (line ?? '').includes('%') ? was.hostname : undefined;
      return {
        planned: planRename(docs, from, to, keep),
        summary: `${from} renamed to ${to}`,
        verify: {
          exempt: new Set([from]),
          renamed: { from, to },
          rewrite: (key, value) =>
            key === 'proxyjump'
              ? renameInJump(value, from, to)
              : key === 'proxycommand'
                ? renameInProxyCommand(value, from, to)
                : value,
        },
      };
    },
    confirm,
  );
  return { ...result, from, to };
}
