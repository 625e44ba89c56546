/**
 * Resolving a host the way `ssh -G` does: command line first, then the files in order, first
 * value wins; HostName `%h` expansion and lower-casing; a second pass for `Match final` (or
 * canonicalization) with Host lines matched against the final name.
 */
import { ChainCycleError, ConfigError, type ConfigProblem } from '../../errors.js';
import { evaluateMatch, type MatchState } from './match.js';
import { OptionState } from './options.js';
import { matchHostLine, matchPatternList } from './pattern.js';
import type { Program, Scope } from '../program/program.js';
import { percentExpand } from './expand.js';
import { buildEffective, type Effective } from './effective.js';
import type { SourceRef } from '../syntax/source.js';
import { connectionTokens } from './connection-tokens.js';
import type { CommandLine, ResolveContext } from './context.js';
import { KEYWORDS } from '../keywords/keywords.js';
import { didYouMean, suggest } from '../../suggest.js';

export type { CommandLine, ResolveContext } from './context.js';

export interface ExecDependency {
  readonly where: SourceRef;
  readonly keywords: string[];
}

export interface Resolution extends Effective {
  /** True when some Host or Match block (not only global lines) applied. */
  readonly matched: boolean;
  readonly execDependencies: readonly ExecDependency[];
  readonly notes: readonly string[];
}

const IP_RE = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$/;

export function resolveHost(
  program: Program,
  hostArg: string,
  ctx: ResolveContext,
  cli: CommandLine = {},
): Resolution {
  if (program.problems.length > 0) throw new ConfigError(configProblems(program));
  const state = new OptionState();
  if (cli.user !== undefined) state.setFirst('user', [cli.user], 'command line');
  if (cli.port !== undefined) state.setFirst('port', [String(cli.port)], 'command line');
  if (cli.jump !== undefined) state.applyJump(cli.jump, 'command line');

  const deps = new Map<Scope, ExecDependency>();
  let matched = walk(program, hostArg, hostArg, false, state, ctx, deps);
  checkUnknowns(program, state);

  let host = hostArg;
  const hostname = state.get('hostname');
  if (hostname !== undefined) {
    const e = percentExpand(hostname, { h: hostArg });
    if (!e.ok) throw new ConfigError([{ ...refOf(state, 'hostname'), message: `HostName: ${e.error}` }]);
    host = e.value;
  }
  if (!IP_RE.test(host)) host = host.toLowerCase();

  const notes: string[] = [];
  const canon = state.get('canonicalizehostname');
  if (canon !== undefined && canon !== 'false') {
    notes.push(
      'CanonicalizeHostname is on: ssh would look names up in DNS; jumpctl does not and resolves as if no domain matched.',
    );
  }
  if (program.wantFinalPass || (canon !== undefined && canon !== 'false')) {
    state.slots.set('hostname', { values: [host], refs: state.slots.get('hostname')?.refs ?? [] });
    matched = walk(program, host, hostArg, true, state, ctx, deps) || matched;
  }
  const resolution = buildEffective(state, hostArg, host, ctx, program, {
    matched,
    execDependencies: [...deps.values()],
    notes,
  });
  checkJumphostLoop(resolution);
  return resolution;
}

/** ssh.c refuses a ProxyJump whose last hop is the destination itself ("jumphost loop"). */
function checkJumphostLoop(e: Effective): void {
  if (e.jump.kind !== 'jump') return;
  const last = e.jump.hops[e.jump.hops.length - 1];
  if (!last) return;
  if (last.host === e.hostname && (last.port ?? 22) === e.port && (last.user ?? e.user) === e.user) {
    throw new ChainCycleError(
      [e.host, last.host],
      `ssh refuses this itself: jumphost loop via ${last.host}${e.jumpSource ? `, set at ${e.jumpSource}` : ''}`,
    );
  }
}

function refOf(state: OptionState, name: string): SourceRef {
  const r = state.slots.get(name)?.refs[0];
  return r && r !== 'command line' ? r : { file: 'command line', line: 0 };
}

/** An unknown keyword is fatal unless an IgnoreUnknown obtained *before* it covers it. */
function checkUnknowns(program: Program, state: OptionState): void {
  const ignore = state.get('ignoreunknown');
  const bad: ConfigProblem[] = [];
  for (const u of program.unknowns) {
    const covered =
      ignore !== undefined &&
      state.ignoreUnknownSeq < u.seq &&
      matchPatternList(u.keyword, ignore, true) === 1;
    if (!covered) bad.push({ ...u.ref, message: badOption(u.keyword) });
  }
  if (bad.length > 0) throw new ConfigError(bad);
}

/** ssh's words for an unknown keyword, and the keyword it may have meant. */
function badOption(keyword: string): string {
  const close = didYouMean(suggest(keyword, KEYWORDS.keys(), 2));
  return `Bad configuration option: ${keyword}${close ? ` (${close.replace(/^D/, 'd')})` : ''}`;
}

/**
 * Every bad line of a configuration that has some, in the order ssh reads them: ssh names each
 * bad line of a file before it stops ("terminating, 2 bad configuration options"). Unknown
 * keywords count too, unless an IgnoreUnknown line is present: which ones it covers depends on
 * the host, and resolving that host reports them.
 */
export function configProblems(program: Program): ConfigProblem[] {
  const ignoring = program.files.some((f) => f.lines.some((l) => /^\s*ignoreunknown\b/i.test(l.text)));
  const unknown = ignoring ? [] : program.unknowns.map((u) => ({ ...u.ref, message: badOption(u.keyword) }));
  const order = new Map(program.files.map((f, i) => [f.path, i]));
  return [...program.problems, ...unknown].sort(
    (a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) || a.line - b.line,
  );
}

function walk(
  program: Program,
  host: string,
  originalHost: string,
  finalPass: boolean,
  state: OptionState,
  ctx: ResolveContext,
  deps: Map<Scope, ExecDependency>,
): boolean {
  const active = new Map<Scope, boolean | 'unknown'>();
  let matched = false;
  const stateOf = (s: Scope | undefined): boolean | 'unknown' =>
    s === undefined || s.kind === 'root' ? true : (active.get(s) ?? false);
  for (const seg of program.segmentsFor(host)) {
    const scope = seg.scope;
    if (seg.header && scope.kind !== 'root') {
      const parent = stateOf(scope.parent);
      let own: boolean | 'unknown' = false;
      if (parent !== false) {
        own =
          scope.kind === 'host'
            ? matchHostLine(host, scope.patterns ?? [])
            : evaluateMatch(scope.criteria ?? [], matchState(state, host, originalHost, finalPass, ctx));
      }
      const value =
        own === false || parent === false
          ? false
          : own === 'unknown' || parent === 'unknown'
            ? 'unknown'
            : true;
      active.set(scope, value);
      if (value === true && !isCatchAll(scope)) matched = true;
    }
    const now = stateOf(scope);
    if (now === true) for (const step of seg.steps) state.apply(step);
    else if (now === 'unknown' && seg.steps.length > 0) {
      const dep = deps.get(scope) ?? { where: scope.ref, keywords: [] };
      for (const step of seg.steps)
        if (!dep.keywords.includes(step.line.spec.name)) dep.keywords.push(step.line.spec.name);
      deps.set(scope, dep);
    }
  }
  return matched;
}

/** `Host *` and `Match all` apply to every host, so they do not count as the host being known. */
function isCatchAll(scope: Scope): boolean {
  if (scope.kind === 'host') return (scope.patterns ?? []).every((p) => p === '*');
  return (scope.criteria ?? []).every(
    (c) => c.attr === 'all' || c.attr === 'final' || c.attr === 'canonical',
  );
}

function matchState(
  state: OptionState,
  host: string,
  originalHost: string,
  finalPass: boolean,
  ctx: ResolveContext,
): MatchState {
  let matchHost = host;
  const hn = state.get('hostname');
  if (!finalPass && hn !== undefined) {
    const e = percentExpand(hn, { h: host });
    matchHost = e.ok ? e.value : hn;
  }
  const remoteUser = state.get('user') ?? ctx.localUser;
  const port = state.get('port') ?? '22';
  const tokens = connectionTokens(ctx, {
    hostArg: originalHost,
    host: matchHost,
    port,
    user: remoteUser,
    hostKeyAlias: state.get('hostkeyalias') ?? matchHost,
  });
  return {
    host: matchHost,
    originalHost,
    remoteUser,
    localUser: ctx.localUser,
    finalPass,
    exec: (cmd) => (ctx.exec ? ctx.exec(cmd) : undefined),
    expandExec: (cmd) => {
      const e = percentExpand(cmd, tokens);
      return e.ok ? e.value : cmd;
    },
  };
}
