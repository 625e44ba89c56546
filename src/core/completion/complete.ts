/**
 * Shell completion candidates, from a description of jumpctl's own commands (built from the
 * commander program, so they are always what jumpctl accepts) and the sources the edge supplies
 * (aliases, keywords, …). Pure: the shells' scripts (scripts.ts) ask `jumpctl __complete` and
 * print what this returns.
 *
 * The answer is one candidate per line. Two lines are directives for the script: FILES (also
 * offer file names) and NOSPACE (do not add a space after the candidate).
 */
export const FILES = ':files';
export const NOSPACE = ':nospace';

export interface OptionSpec {
  /** Every spelling: `-F`, `--config`; `--no-audit`. */
  readonly flags: readonly string[];
  /** The value's placeholder (`file`, `jumps`, `fmt`), when the option takes one. */
  readonly value?: string;
  readonly choices?: readonly string[];
}

export interface CommandSpec {
  readonly name: string;
  readonly options: readonly OptionSpec[];
  /** Argument names in order (`host`, `keyword`, `values...`); `...` marks a variadic one. */
  readonly args: readonly string[];
}

export interface ProgramSpec {
  readonly options: readonly OptionSpec[];
  readonly commands: readonly CommandSpec[];
}

export interface Sources {
  /**
   * Concrete aliases of the configuration in use (`-F` as given on the line, if any); at least
   * those starting with `prefix` (a hint: the source may skip lines that cannot hold one).
   */
  aliases(configFlag: string | undefined, prefix: string): readonly string[];
  /** Keywords in their documented spelling. */
  keywords(): readonly string[];
  /** The accepted values of a keyword when they are a short closed list, else []. */
  keywordValues(keyword: string): readonly string[];
  tags(configFlag: string | undefined): readonly string[];
}

/** Argument names whose values are host aliases. */
const HOST_ARGS = new Set(['host', 'hosts', 'target', 'alias', 'old', 'jump']);

/** Options whose value is a list of aliases or a file. */
function valueCandidates(
  opt: OptionSpec,
  cur: string,
  ctx: { sources: Sources; configFlag: string | undefined },
): string[] {
  if (opt.choices) return prefixed(opt.choices, cur);
  const v = opt.value ?? '';
  if (/file|key|path|identity/.test(v)) return [FILES];
  if (/jump|host|hop/.test(v)) {
    // A comma-separated list: complete its last element.
    const cut = cur.lastIndexOf(',') + 1;
    const head = cur.slice(0, cut);
    const extra = /hop/.test(v) ? ['all', 'target'] : [];
    return prefixed([...extra, ...ctx.sources.aliases(ctx.configFlag, cur.slice(cut))], cur.slice(cut)).map(
      (a) => head + a,
    );
  }
  if (/tag/.test(v)) return prefixed(ctx.sources.tags(ctx.configFlag), cur);
  return [];
}

function prefixed(candidates: readonly string[], cur: string, caseless = false): string[] {
  const c = caseless ? cur.toLowerCase() : cur;
  return [...new Set(candidates)].filter((x) => (caseless ? x.toLowerCase() : x).startsWith(c));
}

function findOption(options: readonly OptionSpec[], word: string): OptionSpec | undefined {
  const flag = word.startsWith('--') ? word.split('=')[0] : word;
  return options.find((o) => o.flags.includes(flag as string));
}

/**
 * `words`: the command line after `jumpctl`, the last being the word under the cursor (maybe
 * empty).
 */
export function complete(program: ProgramSpec, words: readonly string[], sources: Sources): string[] {
  const cur = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  let command: CommandSpec | undefined;
  let configFlag: string | undefined;
  const positional: string[] = [];
  let afterDashDash = false;
  for (let i = 0; i < before.length; i++) {
    const w = before[i] as string;
    if (afterDashDash) continue;
    if (w === '--') {
      afterDashDash = true;
      continue;
    }
    const opts = command ? [...command.options, ...program.options] : program.options;
    if (w.startsWith('-') && w.length > 1) {
      const opt = findOption(opts, w);
      if (opt?.value !== undefined && !w.includes('=')) {
        const value = before[i + 1];
        if (opt.flags.includes('--config')) configFlag = value;
        i++;
      } else if (w.startsWith('--config=')) configFlag = w.slice('--config='.length);
      continue;
    }
    if (!command) {
      command = program.commands.find((c) => c.name === w);
      if (!command) return [];
    } else positional.push(w);
  }
  // After `--`, the words are ssh's.
  if (afterDashDash) return [FILES];
  const ctx = { sources, configFlag };
  const prev = before[before.length - 1];
  const opts = command ? [...command.options, ...program.options] : program.options;
  if (prev !== undefined && prev.startsWith('-') && !prev.includes('=')) {
    const opt = findOption(opts, prev);
    if (opt?.value !== undefined) return valueCandidates(opt, cur, ctx);
  }
  if (cur.startsWith('--') && cur.includes('=')) {
    const [flag = '', value = ''] = cur.split(/=(.*)/s);
    const opt = findOption(opts, flag);
    if (opt?.value !== undefined) return valueCandidates(opt, value, ctx).map((v) => `${flag}=${v}`);
  }
  if (cur.startsWith('-')) {
    const flags = opts.flatMap((o) => o.flags.filter((f) => f.startsWith('--')));
    return prefixed(flags.length > 0 ? flags : opts.flatMap((o) => o.flags), cur);
  }
  if (!command)
    return prefixed(
      program.commands.map((c) => c.name),
      cur,
    );
  // `set --tag prod <Keyword> <value…>` names the hosts by tag instead of the alias argument.
  const byTag = before.some((w) => w === '--tag' || w.startsWith('--tag='));
  const [first, ...rest] = command.args;
  if (byTag && HOST_ARGS.has(first ?? '') && rest.some((a) => a === 'keyword'))
    return argumentCandidates({ ...command, args: rest }, positional, cur, ctx);
  return argumentCandidates(command, positional, cur, ctx);
}

function argumentCandidates(
  command: CommandSpec,
  positional: readonly string[],
  cur: string,
  ctx: { sources: Sources; configFlag: string | undefined },
): string[] {
  const last = command.args[command.args.length - 1];
  const name = command.args[positional.length] ?? (last?.endsWith('...') ? last : undefined) ?? '';
  const base = name.replace(/\.\.\.$/, '');
  // add-host names a host that does not exist yet.
  if (HOST_ARGS.has(base) && command.name !== 'add-host') {
    // `user@host` for a target: complete the host part.
    const at = base === 'target' ? cur.lastIndexOf('@') + 1 : 0;
    const aliases = ctx.sources.aliases(ctx.configFlag, cur.slice(at));
    return prefixed(aliases, cur.slice(at)).map((a) => cur.slice(0, at) + a);
  }
  if (base === 'keyword') return prefixed(ctx.sources.keywords(), cur, true);
  if (base === 'values' || base === 'value') {
    const kwIndex = command.args.findIndex((a) => a === 'keyword');
    const keyword = kwIndex >= 0 ? positional[kwIndex] : undefined;
    // Only the first value of a keyword has a closed list.
    if (keyword === undefined || positional.length !== kwIndex + 1) return [];
    return prefixed(ctx.sources.keywordValues(keyword), cur, true);
  }
  if (base === 'tags' || base === 'tag') return prefixed(ctx.sources.tags(ctx.configFlag), cur);
  if (base === 'shell') return prefixed(['bash', 'zsh', 'fish'], cur);
  return [];
}

/** ssh's own options that take an argument (ssh.c's getopt string). */
const SSH_VALUE_OPTIONS = new Set('bcDEeFIiJLlmOoPpQRSWw'.split('').map((c) => `-${c}`));

/**
 * Completion for ssh, scp, sftp and rsync (`jumpctl completion <shell> --ssh`): host aliases
 * where a destination goes, files elsewhere. For scp, sftp and rsync an alias is offered as
 * `alias:` (the remote path follows, without a space).
 */
export function completeSshTool(
  tool: string,
  words: readonly string[],
  aliases: (configFlag: string | undefined, prefix: string) => readonly string[],
): string[] {
  const cur = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  let configFlag: string | undefined;
  let destinationSeen = false;
  for (let i = 0; i < before.length; i++) {
    const w = before[i] as string;
    if (w.startsWith('-') && w.length > 1) {
      if (w === '-F') configFlag = before[i + 1];
      else if (w.startsWith('-F')) configFlag = w.slice(2);
      if (SSH_VALUE_OPTIONS.has(w) && tool !== 'rsync') i++;
      continue;
    }
    destinationSeen = true;
  }
  const prev = before[before.length - 1];
  if (prev === '-F' || prev === '-i' || prev === '-E' || prev === '-S') return [FILES];
  if (prev === '-J') {
    const cut = cur.lastIndexOf(',') + 1;
    return prefixed(aliases(configFlag, cur.slice(cut)), cur.slice(cut)).map((a) => cur.slice(0, cut) + a);
  }
  if (cur.startsWith('-')) return [];
  const at = cur.lastIndexOf('@') + 1;
  const user = cur.slice(0, at);
  const host = cur.slice(at);
  if (tool === 'ssh' || tool === 'sftp') {
    // After the destination come the remote command's words (ssh) or nothing (sftp).
    if (destinationSeen) return [];
    return prefixed(aliases(configFlag, host), host).map((a) => user + a);
  }
  // scp, rsync: `host:path` or a local file.
  if (host.includes(':') || host.includes('/')) return [FILES];
  const remote = prefixed(aliases(configFlag, host), host).map((a) => `${user}${a}:`);
  return remote.length > 0 ? [...remote, FILES, NOSPACE] : [FILES];
}
