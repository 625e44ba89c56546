/**
 * `copy-id --configure`: the edits computed by core/copy-id/configure.ts, applied through the
 * safe-editing engine as one change (one diff, one backup, one `jumpctl undo`): lossless, proved
 * with the resolver, atomic, under the lock. Like every writing command it shows the diff and,
 * on a terminal, asks first (--yes skips the question); --dry-run only shows the diff.
 */
import type * as Tty from 'node:tty';
import type { ConfigEdit } from '../../core/copy-id/configure.js';
import { docOf, textOf, type Doc, type Planned } from '../../core/edit/docs.js';
import { planSet } from '../../core/edit/plan-host.js';
import { JumpctlError } from '../../core/errors.js';
import { parseFile, type RawLine, resolveHost } from '../../core/config/index.js';
import type { GlobalOptions } from '../../session.js';
import { runEdit, type Confirm, type EditResult, type PlanInput, type PlanOutput } from '../edit/flow.js';

export async function applyConfigEdits(
  edits: readonly ConfigEdit[],
  opts: GlobalOptions & { dryRun?: boolean; yes?: boolean },
): Promise<EditResult> {
  const aliases = [...new Set(edits.map((e) => e.alias))];
  // As the editing commands decide it (cli/edit-commands.ts): a terminal to ask on, not --json.
  const tty = process.getBuiltinModule('node:tty') as typeof Tty;
  const interactive = tty.isatty(0) && tty.isatty(2) && !process.env.CI && opts.json !== true;
  const confirm: Confirm = async (files, summary) =>
    (await import('../../ui/edit-prompts.js')).confirmWrite(files, summary);
  try {
    return await runEdit(
      'copy-id --configure',
      `copy-id --configure (${aliases.join(', ')})`,
      { ...opts, interactive },
      (input) => plan(edits, aliases, input),
      confirm,
    );
  } catch (e) {
    // Answering no is a decision: the key stays installed, the configuration as it was.
    if (!(e instanceof JumpctlError && e.code === 'E_ABORTED')) throw e;
    return {
      action: 'copy-id --configure',
      summary: 'not written: you declined the change',
      dryRun: false,
      written: false,
      files: [],
      backup: null,
      notes: ['the configuration was not changed (declined)'],
    };
  }
}

function plan(
  edits: readonly ConfigEdit[],
  aliases: readonly string[],
  { session, docs }: PlanInput,
): PlanOutput {
  let current: Doc[] = [...docs];
  const files = new Map<string, readonly RawLine[]>();
  const notes: string[] = [];
  for (const e of edits) {
    let step: Planned;
    try {
      step = planSet(current, e.alias, e.keyword, [e.value], session.ctx, e.keyword === 'IdentityFile');
    } catch (err) {
      if (err instanceof JumpctlError && err.code === 'E_NO_HOST') {
        notes.push(`${e.alias} has no Host block of its own; add ${e.keyword} ${e.value} for it by hand`);
        continue;
      }
      throw err;
    }
    for (const [path, lines] of step.files) {
      files.set(path, lines);
      current = current.map((d) =>
        d.path === path ? docOf(parseFile(path, textOf(lines), session.ctx)) : d,
      );
    }
  }
  return {
    planned: { files, wanted: [], notes },
    summary: `${aliases.join(', ')} now use the installed key`,
    verify: { exempt: new Set(aliases) },
    // The point of the edit: each host offers the key, and only its listed keys.
    afterCheck: (after) => {
      const home = session.ctx.passwdHome;
      for (const e of edits) {
        if (notes.some((n) => n.startsWith(`${e.alias} `))) continue;
        const got = resolveHost(after, e.alias, session.ctx, {}).options;
        const ok =
          e.keyword === 'IdentitiesOnly'
            ? got.identitiesonly === 'yes'
            : // ssh -G shows IdentityFile as written (~ unexpanded); accept the expanded form too.
              [got.identityfile ?? []]
                .flat()
                .some((f) => f === e.value || expand(f, home) === expand(e.value, home));
        if (!ok)
          throw new JumpctlError(
            'E_SHADOWED',
            `${e.keyword} ${e.value} would not take effect for ${e.alias}`,
            {
              hint: `An earlier line decides it for ${e.alias}; \`jumpctl show ${e.alias}\` names it. The key itself is installed.`,
            },
          );
      }
    },
  };
}

/** IdentityFile as ssh expands it: `~/` under the passwd home, `%%` a single `%`. */
function expand(value: string, home: string): string {
  return (value.startsWith('~/') ? `${home}/${value.slice(2)}` : value).replace(/%%/g, '%');
}
