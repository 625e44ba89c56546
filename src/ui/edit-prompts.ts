/**
 * The questions of the writing commands (only ever asked with a terminal). inquirer is an ES
 * module only, loaded with import() from the CommonJS build when a question is asked.
 */
import type { AddHostOptions } from '../commands/edit/add-host.js';
import type { FileChange } from '../commands/edit/flow.js';
import { hostProblem } from '../core/validate.js';
import { renderDiff } from './render-edit.js';
import { makeTheme } from './theme.js';
import { vis } from '../core/vis.js';

export async function confirmWrite(files: readonly FileChange[], summary: string): Promise<boolean> {
  process.stderr.write(`${vis(renderDiff(files, await makeTheme({})), true)}\n`);
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message: `Write this change (${summary})?`, default: true }, { output: process.stderr });
}

const name = (v: string) => (hostProblem(v) ? `not usable: ${hostProblem(v)}` : true);

export async function askAddHost(
  known: AddHostOptions,
  hosts: readonly string[],
  keys: readonly string[],
): Promise<AddHostOptions> {
  const { confirm, input, select } = await import('@inquirer/prompts');
  const io = { output: process.stderr };
  const hostname = known.hostname ?? (await input({ message: 'Host name or address', validate: name }, io));
  const user =
    known.user ??
    ((await input({ message: 'User (empty: ssh default)', validate: (v) => v === '' || name(v) }, io)) ||
      undefined);
  // The default is in the message, not inquirer's `default`: inquirer forgets its default for
  // good on one backspace too many (clearing a mistyped port), and Enter then only says the
  // empty answer is not a number.
  const port =
    known.port ??
    ((await input(
      {
        message: 'Port (empty: 22)',
        validate: (v) =>
          v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535) || 'a number from 1 to 65535',
      },
      io,
    )) ||
      '22');
  let via = known.via;
  if (via === undefined && hosts.length > 0) {
    const chosen: string[] = [];
    for (;;) {
      const next = await select<string>(
        {
          message:
            chosen.length === 0
              ? 'Jump through (first hop)'
              : `Then jump through (after ${chosen.join(' → ')})`,
          choices: [
            { name: chosen.length === 0 ? 'no jump: connect directly' : 'no more jumps', value: '' },
            ...hosts.filter((h) => !chosen.includes(h)).map((h) => ({ name: vis(h), value: h })),
          ],
        },
        io,
      );
      if (next === '') break;
      chosen.push(next);
    }
    via = chosen.length > 0 ? chosen.join(',') : undefined;
  }
  let identity = known.identity;
  if (identity === undefined && keys.length > 0) {
    const k = await select<string>(
      {
        message: 'Identity file',
        choices: [
          { name: 'none: ssh default keys', value: '' },
          ...keys.map((p) => ({ name: vis(p), value: p })),
        ],
      },
      io,
    );
    identity = k || undefined;
  }
  const controlMaster =
    known.controlMaster ??
    (await confirm({ message: 'Share connections (ControlMaster)?', default: false }, io));
  return {
    ...known,
    hostname,
    ...(user ? { user } : {}),
    ...(port !== '22' || known.port ? { port } : {}),
    ...(via ? { via } : {}),
    ...(identity ? { identity } : {}),
    controlMaster,
  };
}
