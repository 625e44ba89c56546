import { planSet, planUnset } from '../../core/edit/plan-host.js';
import { validateHostArg } from '../../core/validate.js';
import { chainAfter, runEdit, type Confirm, type EditOptions, type EditResult } from './flow.js';

export interface SetResult extends EditResult {
  readonly host: string;
  readonly keyword: string;
}

export async function setValue(
  alias: string,
  keyword: string,
  values: readonly string[],
  opts: EditOptions,
  confirm?: Confirm,
): Promise<SetResult> {
  validateHostArg(alias, 'alias');
  const result = await runEdit(
    'set',
    `set ${alias} ${keyword} ${values.join(' ')}`,
    opts,
    ({ session, docs }) => ({
      planned: planSet(docs, alias, keyword, values, session.ctx),
      summary: `${alias}: ${keyword} ${values.join(' ')}`,
      verify: { exempt: new Set([alias]) },
      // A jump that loops back is refused before it is written, like everywhere else.
      afterCheck: (after) => void chainAfter(session, opts, after, alias),
    }),
    confirm,
  );
  return { ...result, host: alias, keyword };
}

export async function unsetValue(
  alias: string,
  keyword: string,
  opts: EditOptions,
  confirm?: Confirm,
): Promise<SetResult> {
  validateHostArg(alias, 'alias');
  const result = await runEdit(
    'unset',
    `unset ${alias} ${keyword}`,
    opts,
    ({ session, docs }) => ({
      planned: planUnset(docs, alias, keyword, session.ctx),
      summary: `${alias}: ${keyword} removed`,
      verify: { exempt: new Set([alias]) },
      afterCheck: (after) => void chainAfter(session, opts, after, alias),
    }),
    confirm,
  );
  return { ...result, host: alias, keyword };
}
