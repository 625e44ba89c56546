import { hostTags, listHosts, lookupKeyword, tagsMatch } from '../../core/config/index.js';
import { formatDirective } from '../../core/edit/directive.js';
import { planEach, ownLine } from '../../core/edit/plan-each.js';
import { planSet, planUnset } from '../../core/edit/plan-host.js';
import { JumpctlError } from '../../core/errors.js';
import { validateTagSelector } from '../../core/tag-name.js';
import { validateHostArg } from '../../core/validate.js';
import type { Session } from '../../session.js';
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

export interface TaggedSetResult extends EditResult {
  /** The hosts changed: every host with the tags. */
  readonly hosts: readonly string[];
  readonly keyword: string;
}

/** The hosts whose tags satisfy every selector, in the configuration's order. */
function taggedHosts(session: Session, selectors: readonly string[]): string[] {
  const tags = hostTags(session.program);
  const hosts = listHosts(session.program)
    .aliases.map((a) => a.alias)
    .filter((a) => tagsMatch(tags.get(a.toLowerCase()) ?? [], selectors));
  if (hosts.length === 0)
    throw new JumpctlError('E_NO_HOST', `no host has the tags ${selectors.join(' ')}`, {
      hint: '`jumpctl list` shows every host with its tags; `jumpctl tag <host> <tag>` adds one.',
    });
  return hosts;
}

/** `set --tag prod Keyword value…`: the keyword in every tagged host's own block, as one edit. */
export async function setTagged(
  selectors: readonly string[],
  keyword: string,
  values: readonly string[],
  opts: EditOptions,
  confirm?: Confirm,
): Promise<TaggedSetResult> {
  selectors.forEach(validateTagSelector);
  let hosts: string[] = [];
  const result = await runEdit(
    'set',
    `set --tag ${selectors.join(' --tag ')} ${keyword} ${values.join(' ')}`,
    opts,
    ({ session, docs }) => {
      hosts = taggedHosts(session, selectors);
      const name = formatDirective(keyword, values, '', ' ', session.ctx).spec.name;
      const each = planEach(
        docs,
        hosts,
        (d, alias) => planSet(d, alias, keyword, values, session.ctx),
        session.ctx,
      );
      // Each asked value must take effect where it was written, found in the final files.
      const wanted = hosts.flatMap((host) => {
        const at = ownLine(each.docs, host, name);
        return at ? [{ host, from: new Map([[name, at]]) }] : [];
      });
      return {
        planned: { ...each.planned, wanted },
        summary: `${hosts.join(', ')}: ${keyword} ${values.join(' ')}`,
        verify: { exempt: new Set(hosts) },
        afterCheck: (after) => hosts.forEach((h) => void chainAfter(session, opts, after, h)),
      };
    },
    confirm,
  );
  return { ...result, hosts, keyword };
}

/** `unset --tag prod Keyword`: the keyword removed from every tagged host's own block that sets it. */
export async function unsetTagged(
  selectors: readonly string[],
  keyword: string,
  opts: EditOptions,
  confirm?: Confirm,
): Promise<TaggedSetResult> {
  selectors.forEach(validateTagSelector);
  let hosts: string[] = [];
  const result = await runEdit(
    'unset',
    `unset --tag ${selectors.join(' --tag ')} ${keyword}`,
    opts,
    ({ session, docs }) => {
      const all = taggedHosts(session, selectors);
      const name = lookupKeyword(keyword, session.ctx)?.name;
      // Hosts whose own block does not set it are left as they are (said in the notes).
      hosts = all.filter((h) => name === undefined || ownLine(docs, h, name) !== undefined);
      const skipped = all.filter((h) => !hosts.includes(h));
      if (hosts.length === 0) planUnset(docs, all[0] as string, keyword, session.ctx); // throws why
      const each = planEach(
        docs,
        hosts,
        (d, alias) => planUnset(d, alias, keyword, session.ctx),
        session.ctx,
      );
      const notes =
        skipped.length > 0 ? [`${skipped.join(', ')}: ${keyword} is not set in its own block`] : [];
      return {
        planned: { ...each.planned, notes: [...each.planned.notes, ...notes] },
        summary: `${hosts.join(', ')}: ${keyword} removed`,
        verify: { exempt: new Set(hosts) },
        afterCheck: (after) => hosts.forEach((h) => void chainAfter(session, opts, after, h)),
      };
    },
    confirm,
  );
  return { ...result, hosts, keyword };
}
