/**
 * All static checks for one target (its chain's hops and the "every host" canary) or, without a
 * target, for every alias of the configuration. Passing categories get one ✓ line each, so the
 * output reads as a checklist.
 */
import {
  type Chain,
  type ChainResolver,
  listHosts,
  type Program,
  type CommandLine,
  type ResolveContext,
} from '../config/index.js';
import { ConfigError, JumpctlError } from '../errors.js';
import { suggest } from '../suggest.js';
import { chainChecks, configProblemChecks, type Blocked, type ChainTarget } from './checks-chain.js';
import { clientChecks, type ClientFacts } from './checks-client.js';
import { controlPathChecks, identityChecks, permissionChecks } from './checks-files.js';
import { CANARY, type Facts, type Subject } from './facts.js';
import { lintLines } from './lint-raw.js';
import { lintSubjects } from './lint.js';
import { shadowChecks } from './shadow.js';
import type { Check } from './types.js';

export interface StaticInput {
  readonly program: Program;
  readonly chains: ChainResolver;
  readonly ctx: ResolveContext;
  readonly facts: Facts;
  readonly client: ClientFacts;
  readonly sshDir: string;
  /** The target as typed (host part) and its command-line user, or undefined: whole config. */
  readonly target?: { readonly alias: string; readonly cli: CommandLine };
  /** Match exec commands were run (false: values that depend on one were not checked). */
  readonly matchExec?: boolean;
  /** A file of the system configuration (root's to edit, not the user's). */
  readonly systemFile?: (path: string) => boolean;
}

export type { Blocked };

export interface StaticResult {
  readonly checks: Check[];
  /** The target's chain, when it could be built. */
  readonly chain?: Chain;
  /** Why the target cannot be probed (bad config, loop, unknown jump, unsafe name). */
  readonly blocked?: Blocked;
  /**
   * The first hop whose ControlMaster socket ssh could not create: the probe runs with
   * connection sharing off, so a working chain still fails there for the user (E_CONTROLPATH).
   */
  readonly controlPath?: { readonly alias: string; readonly check: Check };
}

export function staticChecks(input: StaticInput): StaticResult {
  const { program, facts } = input;
  const refused = new Set(
    program.problems.map((p) => /^Bad owner or permissions on (.+)$/.exec(p.message)?.[1]).filter(Boolean),
  ) as Set<string>;
  const perms = permissionChecks(
    input.sshDir,
    program.files.map((f) => f.path),
    refused,
    facts,
  );
  const usesJumps = program.segments.some((s) => s.steps.some((st) => st.line.spec.name === 'proxyjump'));
  const head = [...clientChecks(input.client, usesJumps)];
  if (program.problems.length > 0) {
    const bad = configProblemChecks(new ConfigError(program.problems));
    return {
      checks: [...head, ...bad, ...orOk(perms, 'permissions', permsOk(input))],
      blocked: { check: bad[0] as Check },
    };
  }
  try {
    return analyse(input, head, perms);
  } catch (e) {
    // Unknown keywords and bad expansions surface only while resolving a host.
    if (!(e instanceof ConfigError)) throw e;
    const bad = configProblemChecks(e);
    return { checks: [...head, ...bad, ...perms], blocked: { check: bad[0] as Check } };
  }
}

function analyse(input: StaticInput, head: Check[], perms: Check[]): StaticResult {
  const { program, chains, target } = input;
  const aliases = listHosts(program).aliases.map((a) => a.alias);
  const targets: ChainTarget[] = target ? [target] : aliases.map((alias) => ({ alias }));
  const outcome = chainChecks(targets, chains, aliases);
  const subjects = collectSubjects(input, targets, [...outcome.chains.values()]);
  const names = target ? subjects.filter((s) => !s.canary).map((s) => s.alias) : aliases;
  const chain = target ? outcome.chains.get(target.alias) : undefined;
  const unknown = target ? unknownTarget(target.alias, subjects, aliases) : [];
  const chainOk = target
    ? chain &&
      `chain to ${target.alias}: ${[...chain.hops.map((h) => h.alias), chain.target.alias].join(' → ')}`
    : `${targets.length} host${targets.length === 1 ? '' : 's'}: no loops, every jump configured`;
  const shadows = shadowChecks(program, names, input.systemFile);
  const fileCount = program.files.length;
  const checks: Check[] = [
    ...head,
    ok(
      'config.parse',
      `configuration parses (${fileCount} file${fileCount === 1 ? '' : 's'}${fileCount > 0 ? `: ${program.files.map((f) => f.path).join(', ')}` : ''})`,
    ),
    ...orOk(perms, 'permissions', permsOk(input)),
    ...unknown,
    ...orOk(
      outcome.checks.filter((c) => c.severity !== 'info'),
      'chain',
      chainOk ?? 'chains',
    ),
    ...outcome.checks.filter((c) => c.severity === 'info'),
    ...orOk(
      identityChecks(subjects, input.facts, input.ctx),
      'identity',
      'identity files exist and are private',
    ),
    ...controlPathChecks(subjects, input.facts),
    ...(input.matchExec === false ? execNotRun(subjects) : []),
    ...orOk(
      shadows.filter((c) => c.severity !== 'info'),
      'config.dead-line',
      program.wantFinalPass ? '' : 'every Host block and line can take effect',
    ),
    ...shadows.filter((c) => c.severity === 'info'),
    ...orOk(
      [...lintSubjects(subjects, input.facts.agentKeys), ...lintLines(program, target ? names : undefined)],
      'security',
      'security lint: nothing to report',
    ),
  ];
  const blocked = target ? outcome.blocked.get(target.alias) : undefined;
  const broken = chain ? brokenControlPath(chain, subjects, input.facts) : undefined;
  return {
    checks,
    ...(chain ? { chain } : {}),
    ...(blocked ? { blocked } : {}),
    ...(broken ? { controlPath: broken } : {}),
  };
}

/** A target no Host or Match block is written for: ssh connects with defaults, often a typo. */
function unknownTarget(alias: string, subjects: readonly Subject[], aliases: readonly string[]): Check[] {
  const s = subjects.find((x) => !x.canary && x.alias === alias);
  if (!s || s.res.matched) return [];
  const close = suggest(alias, [...aliases]);
  return [
    {
      id: 'chain.unknown-target',
      severity: 'warning',
      message: `no Host or Match block applies to "${alias}": ssh connects to it by that name with defaults`,
      where: null,
      fix:
        close.length > 0
          ? `Did you mean ${close.join(', ')}?`
          : `Add it: jumpctl add-host ${alias} --hostname <name>`,
    },
  ];
}

/** Without --match-exec, the Match exec lines whose outcome the checked values may depend on. */
function execNotRun(subjects: readonly Subject[]): Check[] {
  const lines = new Map<string, Set<string>>();
  for (const s of subjects)
    for (const d of s.res.execDependencies) {
      const where = `${d.where.file}:${d.where.line}`;
      const keys = lines.get(where) ?? new Set<string>();
      for (const k of d.keywords) keys.add(k);
      lines.set(where, keys);
    }
  return [...lines].map(([where, keys]) => ({
    id: 'config.match-exec-not-run',
    severity: 'info',
    message: `Match exec at ${where} was not run (it runs a command per host): what it could set (${[...keys].join(', ')}) was not checked`,
    where,
    fix: 'jumpctl doctor --match-exec runs it for every host; jumpctl doctor <host> runs it for that host',
  }));
}

function brokenControlPath(chain: Chain, subjects: readonly Subject[], facts: Facts) {
  for (const n of [...chain.hops, chain.target]) {
    const s = subjects.find((x) => !x.canary && x.alias === n.alias);
    const bad = s ? controlPathChecks([s], facts).find((c) => c.severity === 'error') : undefined;
    if (bad) return { alias: n.alias, check: bad };
  }
  return undefined;
}

/** The canary, the targets and every hop of their chains (hops resolved as their ssh does). */
function collectSubjects(
  input: StaticInput,
  targets: readonly ChainTarget[],
  built: readonly Chain[],
): Subject[] {
  const { chains } = input;
  const out = new Map<string, Subject>();
  const add = (
    alias: string,
    cli: CommandLine,
    config: string | null | undefined,
    jump: boolean,
    canary = false,
  ) => {
    const key = `${alias}\u0000${cli.user ?? ''}\u0000${cli.port ?? ''}\u0000${cli.jump ?? ''}`;
    const had = out.get(key);
    if (had) {
      if (jump && !had.jump) out.set(key, { ...had, jump });
      return;
    }
    try {
      const res = config === undefined ? chains.resolve(alias, cli) : chains.resolve(alias, cli, config);
      out.set(key, { alias, res, jump, canary });
    } catch (e) {
      // A loop is already reported by the chain checks.
      if (!(e instanceof JumpctlError) || e instanceof ConfigError) throw e;
    }
  };
  add(CANARY, {}, undefined, false, true);
  for (const t of targets) add(t.alias, t.cli ?? {}, undefined, false);
  for (const c of built) for (const h of c.hops) add(h.alias, h.cli ?? {}, h.config, true);
  return [...out.values()];
}

function permsOk(input: StaticInput): string {
  return `${input.sshDir} and the config files are private`;
}

function ok(id: string, message: string): Check {
  return { id, severity: 'ok', message, where: null, fix: null };
}

/** The findings, or one passing line for the category when there are none. */
function orOk(found: readonly Check[], id: string, message: string): Check[] {
  if (found.length > 0) return [...found];
  return message ? [ok(id, message)] : [];
}
