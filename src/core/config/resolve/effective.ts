/**
 * Turns the option state into what `ssh -G` prints: defaults filled in from the client's own
 * baseline, the defaults ssh derives from other options, path options expanded, forwards shown
 * the way dump_client_config does, ProxyJump/ProxyCommand, and the `file:line` of each value.
 */
import { ConfigError } from '../../errors.js';
import { clientPathExpand, dollarExpand, percentExpand } from './expand.js';
import { formatProxyJump, type JumpHop } from '../chain/jump.js';
import { KEYWORDS } from '../keywords/keywords.js';
import { CLEARED_BY_NONE, resolveFirst } from '../keywords/combine.js';
import { dumpForwardLines, parseForwardArgs, type Forward } from '../keywords/forward.js';
import type { OptionState } from './options.js';
import type { Program } from '../program/program.js';
import type { ResolveContext } from './context.js';
import { formatRef, type SourceRef } from '../syntax/source.js';
import { connectionTokens } from './connection-tokens.js';

export type OptionValue = string | string[];

export type JumpInfo =
  | { readonly kind: 'direct' }
  | { readonly kind: 'jump'; readonly hops: readonly JumpHop[]; readonly raw: string }
  | { readonly kind: 'command'; readonly command: string };

export interface Effective {
  readonly host: string;
  readonly hostname: string;
  readonly user: string;
  readonly port: number;
  readonly options: Record<string, OptionValue>;
  readonly sources: Record<string, string | string[]>;
  readonly jump: JumpInfo;
  /** Where the winning ProxyJump/ProxyCommand came from. */
  readonly jumpSource?: string;
}

/** Path keywords ssh expands (tilde, ${ENV}, %tokens) before -G prints them. */
const EXPANDED_PATHS = new Set(['controlpath', 'identityagent', 'userknownhostsfile', 'forwardagent']);
const FORWARDS = new Set(['localforward', 'remoteforward', 'dynamicforward']);

function refText(r: SourceRef | 'command line'): string {
  return r === 'command line' ? 'command line' : formatRef(r);
}

export function buildEffective<X extends object>(
  state: OptionState,
  hostArg: string,
  host: string,
  ctx: ResolveContext,
  program: Program,
  extra: X,
): Effective & X {
  const user = state.get('user') ?? ctx.localUser;
  const portText = state.get('port') ?? '22';
  let jump: JumpInfo = { kind: 'direct' };
  let jumpSource: string | undefined;
  if (state.jump?.kind === 'hops') {
    jumpSource = refText(state.jump.ref);
    jump = { kind: 'jump', hops: state.jump.hops, raw: state.jump.raw };
  } else if (
    state.proxyCommand &&
    !state.proxyCommand.marker &&
    state.proxyCommand.value.toLowerCase() !== 'none'
  ) {
    jumpSource = refText(state.proxyCommand.ref);
    jump = { kind: 'command', command: state.proxyCommand.value };
  }
  // The full option map is built only when asked for: listing 10,000 hosts needs four values each.
  let details: Pick<Effective, 'options' | 'sources'> | undefined;
  const get = () => (details ??= buildOptions(state, hostArg, host, ctx, program, user, portText));
  return {
    ...extra,
    host: hostArg,
    hostname: host,
    user,
    port: Number(portText),
    jump,
    ...(jumpSource !== undefined ? { jumpSource } : {}),
    get options() {
      return get().options;
    },
    get sources() {
      return get().sources;
    },
  };
}

function buildOptions(
  state: OptionState,
  hostArg: string,
  host: string,
  ctx: ResolveContext,
  program: Program,
  user: string,
  portText: string,
): Pick<Effective, 'options' | 'sources'> {
  const tokens = tokenMap(state, ctx, hostArg, host, user, portText);
  const fail = (key: string, message: string): never => {
    const r = state.slots.get(key)?.refs[0];
    throw new ConfigError([
      { ...(r && r !== 'command line' ? r : { file: 'command line', line: 0 }), message },
    ]);
  };

  const options: Record<string, OptionValue> = { host: hostArg, user, hostname: host, port: portText };
  const sources: Record<string, string | string[]> = {};
  for (const key of ['user', 'hostname', 'port']) {
    const r = state.slots.get(key)?.refs[0];
    if (r) sources[key] = refText(r);
  }

  const baseline = baselineMap(ctx.baseline);
  const keys = [...baseline.keys(), ...[...state.slots.keys()].filter((k) => !baseline.has(k))];
  for (const key of keys) {
    if (key in options || key === 'proxycommand' || key === 'proxyjump' || FORWARDS.has(key)) continue;
    const slot = state.slots.get(key);
    if (!slot) {
      options[key] = shaped(key, baseline.get(key) ?? []);
      continue;
    }
    let values = slot.values;
    const parts = state.partLines.get(key);
    const spec = KEYWORDS.get(key);
    if (parts && spec) {
      values = [
        ...(resolveFirst(
          spec,
          parts.map((p) => ({ args: p.args, active: true })),
          ctx,
        ) ?? values),
      ];
    }
    if (CLEARED_BY_NONE.has(key) && values.length === 1 && values[0]?.toLowerCase() === 'none') continue;
    if (EXPANDED_PATHS.has(key)) values = values.map((v) => expandPath(key, v, tokens, ctx, fail));
    if (key === 'remotecommand') values = values.map((v) => orFail(key, percentExpand(v, tokens), fail));
    options[key] = shaped(key, values);
    sources[key] = spec?.print === 'lines' ? slot.refs.map(refText) : refText(slot.refs[0] ?? 'command line');
  }

  derivedDefaults(state, options, ctx, program);
  forwards(state, options, sources, tokens, ctx, fail);

  if (state.jump?.kind === 'hops') {
    options.proxyjump = formatProxyJump(state.jump.raw, state.jump.hops);
    sources.proxyjump = refText(state.jump.ref);
  } else if (
    state.proxyCommand &&
    !state.proxyCommand.marker &&
    state.proxyCommand.value.toLowerCase() !== 'none'
  ) {
    options.proxycommand = state.proxyCommand.value;
    sources.proxycommand = refText(state.proxyCommand.ref);
  }
  return { options, sources };
}

function shaped(name: string, values: readonly string[]): OptionValue {
  return KEYWORDS.get(name)?.print === 'lines' ? [...values] : values.join(' ');
}

/** ssh.c's default client token set (OpenSSH 9.2: %C = sha1 of %l%h%p%r). */
function tokenMap(
  state: OptionState,
  ctx: ResolveContext,
  hostArg: string,
  host: string,
  user: string,
  port: string,
) {
  return connectionTokens(ctx, {
    hostArg,
    host,
    port,
    user,
    hostKeyAlias: state.get('hostkeyalias') ?? hostArg,
  });
}

/** Defaults ssh derives from other options (fill_default_options, ssh.c, Debian's patches). */
function derivedDefaults(
  state: OptionState,
  options: Record<string, OptionValue>,
  ctx: ResolveContext,
  program: Program,
): void {
  if (ctx.debian && state.get('batchmode') === 'yes' && !state.slots.has('serveraliveinterval')) {
    options.serveraliveinterval = '300';
  }
  if (!state.slots.has('updatehostkeys') && state.slots.has('userknownhostsfile'))
    options.updatehostkeys = 'false';
  if (options.updatehostkeys === 'ask') {
    const persist =
      state.slots.has('controlpersist') &&
      state.get('controlpersist') !== 'no' &&
      state.slots.has('controlpath');
    if (persist || state.slots.has('remotecommand') || state.get('requesttty') === 'false')
      options.updatehostkeys = 'false';
  }
  // StreamLocalBindMask is assigned on every line, matching or not: the last one anywhere wins.
  const mask = lastMask(program, ctx);
  if (mask !== undefined) options.streamlocalbindmask = mask;
}

const masks = new WeakMap<Program, string | undefined>();

function lastMask(program: Program, ctx: ResolveContext): string | undefined {
  if (masks.has(program)) return masks.get(program);
  const spec = KEYWORDS.get('streamlocalbindmask');
  const lines = program.maskSteps;
  const got =
    spec && lines.length > 0
      ? resolveFirst(
          spec,
          lines.map((m) => ({ args: m.line.args, active: false })),
          ctx,
        )
      : undefined;
  const value = got?.join(' ');
  masks.set(program, value);
  return value;
}

function forwards(
  state: OptionState,
  options: Record<string, OptionValue>,
  sources: Record<string, string | string[]>,
  tokens: Record<string, string>,
  ctx: ResolveContext,
  fail: (key: string, message: string) => never,
): void {
  if (state.get('clearallforwardings') === 'yes') return;
  const expand = (f: Forward, key: string): Forward => {
    const one = (p: string | null) =>
      p === null ? null : orFail(key, expandSocketPath(p, tokens, ctx), fail);
    return { ...f, listenPath: one(f.listenPath), connectPath: one(f.connectPath) };
  };
  const parse = (kind: 'localforward' | 'dynamicforward' | 'remoteforward', args: readonly string[]) => {
    const f = parseForwardArgs(kind, args);
    return 'error' in f ? undefined : expand(f, kind);
  };
  const local = state.localForwards
    .map((f) => parse(f.kind, f.args))
    .filter((f): f is Forward => f !== undefined);
  const remote = state.remoteForwards
    .map((f) => parse('remoteforward', f.args))
    .filter((f): f is Forward => f !== undefined);
  for (const line of dumpForwardLines(local, remote)) {
    const sp = line.indexOf(' ');
    const key = line.slice(0, sp);
    const list = (options[key] as string[] | undefined) ?? [];
    list.push(line.slice(sp + 1));
    options[key] = list;
  }
  for (const key of FORWARDS) {
    const slot = state.slots.get(key);
    if (slot && options[key]) sources[key] = slot.refs.map(refText);
  }
}

function expandSocketPath(p: string, tokens: Record<string, string>, ctx: ResolveContext) {
  const d = dollarExpand(p, ctx.env);
  return d.ok ? percentExpand(d.value, tokens) : d;
}

function orFail(
  key: string,
  e: { ok: true; value: string } | { ok: false; error: string },
  fail: (k: string, m: string) => never,
): string {
  return e.ok ? e.value : fail(key, `${key}: ${e.error}`);
}

function expandPath(
  key: string,
  v: string,
  tokens: Record<string, string>,
  ctx: ResolveContext,
  fail: (k: string, m: string) => never,
): string {
  if (key === 'forwardagent' && /^(yes|no)$/.test(v)) return v;
  if ((key === 'identityagent' || key === 'userknownhostsfile') && v.toLowerCase() === 'none') return v;
  if (key === 'identityagent' && v === 'SSH_AUTH_SOCK') return v;
  return orFail(key, clientPathExpand(v, tokens, ctx.env, ctx.passwdHome), fail);
}

const baselineMaps = new WeakMap<object, Map<string, string[]>>();

/** The baseline grouped by key, built once per context (list resolves thousands of hosts). */
function baselineMap(lines: ResolveContext['baseline']): Map<string, string[]> {
  let m = baselineMaps.get(lines);
  if (!m) {
    m = new Map();
    for (const [k, v] of lines) m.set(k, [...(m.get(k) ?? []), v]);
    baselineMaps.set(lines, m);
  }
  return m;
}
