import { planTag, planUntag, type TagPlan } from '../../core/edit/plan-tags.js';
import { validateHostArg } from '../../core/validate.js';
import { runEdit, type Confirm, type EditOptions, type EditResult } from './flow.js';

export interface TagResult extends EditResult {
  readonly host: string;
  /** The tags this command added or removed. */
  readonly changed: readonly string[];
  /** The tags asked for that were already as asked (already there, or not there to remove). */
  readonly unchanged: readonly string[];
}

export async function tag(
  alias: string,
  tags: readonly string[],
  opts: EditOptions,
  confirm?: Confirm,
): Promise<TagResult> {
  return tagEdit('tag', alias, tags, opts, confirm);
}

export async function untag(
  alias: string,
  tags: readonly string[],
  opts: EditOptions,
  confirm?: Confirm,
): Promise<TagResult> {
  return tagEdit('untag', alias, tags, opts, confirm);
}

async function tagEdit(
  action: 'tag' | 'untag',
  alias: string,
  tags: readonly string[],
  opts: EditOptions,
  confirm?: Confirm,
): Promise<TagResult> {
  validateHostArg(alias, 'alias');
  let plan: TagPlan | undefined;
  const result = await runEdit(
    action,
    `${action} ${alias} ${tags.join(' ')}`,
    opts,
    ({ docs }) => {
      plan = action === 'tag' ? planTag(docs, alias, tags) : planUntag(docs, alias, tags);
      // No verify exemption: tags are comments, so every host, this one too, must resolve as before.
      return { planned: plan.planned, summary: summary(action, alias, plan) };
    },
    confirm,
  );
  const p = plan as TagPlan;
  return { ...result, host: alias, changed: p.changed, unchanged: p.unchanged };
}

function summary(action: 'tag' | 'untag', alias: string, p: TagPlan): string {
  const list = (ts: readonly string[]) => ts.join(', ');
  const done = action === 'tag' ? 'tagged' : 'untagged';
  const already =
    p.unchanged.length === 0
      ? ''
      : action === 'tag'
        ? `already tagged ${list(p.unchanged)}`
        : `not tagged ${list(p.unchanged)}`;
  if (p.changed.length === 0) return `${alias} is ${already}`;
  return `${alias}: ${done} ${list(p.changed)}${already ? ` (${already})` : ''}`;
}
