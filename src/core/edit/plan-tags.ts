/**
 * Planning `tag` and `untag`: the host's `# jumpctl-tags:` comment line (core/config tags.ts)
 * in its own block, written, rewritten or removed. Pure: lines in, lines out. Comments only, so
 * what ssh reads does not change (runEdit's proof checks that every host resolves as before).
 */
import { JumpctlError } from '../errors.js';
import { validateTag } from '../tag-name.js';
import { formatRef, ownAlias, tagLineWords, type RawLine } from '../config/index.js';
import { hostBlocks, type Doc, type Planned } from './docs.js';
import { noHost } from './plan-host.js';
import { insertBlock, insertLines, removeLines, replaceLine } from './splice.js';

export interface TagPlan {
  readonly planned: Planned;
  /** The tags that change (added or removed), and those that were already as asked. */
  readonly changed: readonly string[];
  readonly unchanged: readonly string[];
}

const tagLine = (indent: string, tags: readonly string[]) => `${indent}# jumpctl-tags: ${tags.join(' ')}`;

/** The host's tag lines in its own blocks: where, and which tags each holds. */
function tagLines(docs: readonly Doc[], alias: string) {
  const own = hostBlocks(docs, alias).filter((b) => ownAlias(b.block.patterns) !== undefined);
  const found: { doc: Doc; index: number; tags: string[] }[] = [];
  const keyword: { tag: string; where: string }[] = [];
  for (const { doc, block } of own)
    for (let i = block.header + 1; i < block.end; i++) {
      const text = doc.lines[i]?.text ?? '';
      const words = tagLineWords(text);
      if (words) found.push({ doc, index: i, tags: words });
      const pl = doc.parsed[i];
      if (pl?.kind === 'directive' && pl.spec.name === 'tag')
        keyword.push({ tag: pl.values[0] ?? '', where: formatRef({ file: doc.path, line: i + 1 }) });
    }
  return { own, found, keyword };
}

export function planTag(docs: readonly Doc[], alias: string, tags: readonly string[]): TagPlan {
  tags.forEach(validateTag);
  const blocks = hostBlocks(docs, alias);
  if (blocks.length === 0) throw noHost(alias, docs);
  const { own, found, keyword } = tagLines(docs, alias);
  const have = new Set([...found.flatMap((f) => f.tags), ...keyword.map((k) => k.tag)]);
  const add = [...new Set(tags)].filter((t) => !have.has(t));
  const unchanged = tags.filter((t) => have.has(t));
  const none = { files: new Map(), wanted: [], notes: [] };
  if (add.length === 0) return { planned: none, changed: [], unchanged };
  const first = found[0];
  if (first) {
    // The first tag line gets the new tags, its indentation and spacing before the marker kept.
    const text = first.doc.lines[first.index]?.text ?? '';
    const head = /^[ \t]*#[ \t]*/.exec(text)?.[0] ?? '# ';
    const lines = replaceLine(
      first.doc.lines,
      first.index,
      `${head}jumpctl-tags: ${[...first.tags, ...add].join(' ')}`,
    );
    return { planned: { ...none, files: new Map([[first.doc.path, lines]]) }, changed: add, unchanged };
  }
  const mine = own[0];
  if (mine) {
    // Right under the Host line, indented like the block (a comment that is not indented and
    // follows a block's last line would read as the next block's lead comment).
    const { doc, block } = mine;
    const indent = blockIndent(doc, block.header, block.end) ?? (doc.style.indent || '  ');
    const lines = insertLines(doc.lines, block.header + 1, [tagLine(indent, add)], doc.style);
    return { planned: { ...none, files: new Map([[doc.path, lines]]) }, changed: add, unchanged };
  }
  // Only a shared Host line names it: it gets a block of its own first, as `set` does.
  const shared = blocks[0] as (typeof blocks)[number];
  const { doc } = shared;
  const { lines } = insertBlock(
    doc.lines,
    shared.block.lead,
    [`Host ${alias}`, tagLine(doc.style.indent || '  ', add)],
    doc.style,
  );
  return {
    planned: {
      files: new Map([[doc.path, lines]]),
      wanted: [],
      notes: [`${alias} shared its Host line with other hosts; it now has a block of its own`],
    },
    changed: add,
    unchanged,
  };
}

export function planUntag(docs: readonly Doc[], alias: string, tags: readonly string[]): TagPlan {
  tags.forEach(validateTag);
  if (hostBlocks(docs, alias).length === 0) throw noHost(alias, docs, false);
  const { found, keyword } = tagLines(docs, alias);
  const drop = new Set(tags);
  for (const k of keyword)
    if (drop.has(k.tag) && !found.some((f) => f.tags.includes(k.tag)))
      throw new JumpctlError('E_NOT_SET', `${alias}'s tag ${k.tag} is ssh's Tag keyword at ${k.where}`, {
        hint: `It is a setting, not a comment: \`jumpctl unset ${alias} Tag\` removes it.`,
      });
  const removed = [...drop].filter((t) => found.some((f) => f.tags.includes(t)));
  const unchanged = [...drop].filter((t) => !removed.includes(t));
  const files = new Map<string, RawLine[]>();
  // Bottom up, so that removing a line does not move the ones still to edit.
  for (const f of [...found].reverse()) {
    if (!f.tags.some((t) => drop.has(t))) continue;
    const lines = files.get(f.doc.path) ?? [...f.doc.lines];
    const left = f.tags.filter((t) => !drop.has(t));
    const text = lines[f.index]?.text ?? '';
    const head = /^[ \t]*#[ \t]*/.exec(text)?.[0] ?? '# ';
    files.set(
      f.doc.path,
      left.length === 0
        ? removeLines(lines, f.index, f.index + 1)
        : replaceLine(lines, f.index, `${head}jumpctl-tags: ${left.join(' ')}`),
    );
  }
  return { planned: { files, wanted: [], notes: [] }, changed: removed, unchanged };
}

function blockIndent(doc: Doc, header: number, end: number): string | undefined {
  for (let i = header + 1; i < end; i++)
    if (doc.parsed[i]?.kind === 'directive') return /^[ \t]*/.exec(doc.lines[i]?.text ?? '')?.[0];
  return undefined;
}
