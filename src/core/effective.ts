/**
 * Turns the option state into what `ssh -G` prints: defaults filled in from the client's own
 * baseline, path options expanded, ProxyJump/ProxyCommand shown the way dump_client_config does,
 * and the `file:line` each value came from.
 */
import { clientPathExpand, percentExpand } from './expand.js';
import { formatProxyJump, type JumpHop } from './jump.js';
import { KEYWORDS } from './keywords.js';
import { CLEARED_BY_NONE, resolveFirst } from './keywords-combine.js';
import type { OptionState } from './options.js';
import type { ResolveContext } from './resolve.js';
import { formatRef, type SourceRef } from './source.js';

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

function refText(r: SourceRef | 'command line'): string {
  return r === 'command line' ? 'command line' : formatRef(r);
}

export function buildEffective(
  state: OptionState,
  hostArg: string,
  host: string,
  ctx: ResolveContext,
): Effective {
  const user = state.get('user') ?? ctx.localUser;
  const portText = state.get('port') ?? '22';
  const short = ctx.localHostname.split('.')[0] ?? ctx.localHostname;
  const tokens: Record<string, string> = {
    C: ctx.sha1(ctx.localHostname + host + portText + user),
    L: short,
    i: String(ctx.uid),
    k: state.get('hostkeyalias') ?? hostArg,
    l: ctx.localHostname,
    n: hostArg,
    p: portText,
    d: ctx.home,
    h: host,
    r: user,
    u: ctx.localUser,
  };

  const options: Record<string, OptionValue> = { host: hostArg, user, hostname: host, port: portText };
  const sources: Record<string, string | string[]> = {};
  for (const key of ['user', 'hostname', 'port']) {
    const r = state.slots.get(key)?.refs[0];
    if (r) sources[key] = refText(r);
  }

  const shaped = (name: string, values: string[]): OptionValue => {
    const spec = KEYWORDS.get(name);
    return spec?.print === 'lines' ? values : values.join(' ');
  };
  const baseline = baselineMap(ctx.baseline);

  const keys = [...baseline.keys(), ...[...state.slots.keys()].filter((k) => !baseline.has(k))];
  for (const key of keys) {
    if (key in options || key === 'proxycommand' || key === 'proxyjump' || key === 'ignoreunknown') continue;
    const slot = state.slots.get(key);
    if (!slot) {
      options[key] = shaped(key, baseline.get(key) ?? []);
      continue;
    }
    let values = slot.values;
    const parts = state.partLines.get(key);
    const partSpec = KEYWORDS.get(key);
    if (parts && partSpec)
      values = [
        ...(resolveFirst(
          partSpec,
          parts.map((p) => ({ args: p.args, active: true })),
          ctx,
        ) ?? values),
      ];
    if (CLEARED_BY_NONE.has(key) && values.length === 1 && values[0]?.toLowerCase() === 'none') continue;
    if (EXPANDED_PATHS.has(key)) values = values.map((v) => expandPath(key, v, tokens, ctx));
    if (key === 'remotecommand') values = values.map((v) => expandOr(v, tokens));
    options[key] = shaped(key, values);
    const spec = KEYWORDS.get(key);
    sources[key] = spec?.print === 'lines' ? slot.refs.map(refText) : refText(slot.refs[0] ?? 'command line');
  }

  let jump: JumpInfo = { kind: 'direct' };
  let jumpSource: string | undefined;
  if (state.jump?.kind === 'hops') {
    options.proxyjump = formatProxyJump(state.jump.raw, state.jump.hops);
    sources.proxyjump = jumpSource = refText(state.jump.ref);
    jump = { kind: 'jump', hops: state.jump.hops, raw: state.jump.raw };
  } else if (
    state.proxyCommand &&
    !state.proxyCommand.marker &&
    state.proxyCommand.value.toLowerCase() !== 'none'
  ) {
    options.proxycommand = state.proxyCommand.value;
    sources.proxycommand = jumpSource = refText(state.proxyCommand.ref);
    jump = { kind: 'command', command: state.proxyCommand.value };
  }
  return {
    host: hostArg,
    hostname: host,
    user,
    port: Number(portText),
    options,
    sources,
    jump,
    ...(jumpSource ? { jumpSource } : {}),
  };
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

function expandOr(v: string, tokens: Record<string, string>): string {
  const e = percentExpand(v, tokens);
  return e.ok ? e.value : v;
}

function expandPath(key: string, v: string, tokens: Record<string, string>, ctx: ResolveContext): string {
  if (key === 'forwardagent' && /^(yes|no)$/.test(v)) return v;
  if (key === 'identityagent' && v.toLowerCase() === 'none') return v;
  if (key === 'userknownhostsfile' && v === 'none') return v;
  return expandOne(v, tokens, ctx);
}

function expandOne(v: string, tokens: Record<string, string>, ctx: ResolveContext): string {
  const e = clientPathExpand(v, tokens, ctx.env, ctx.home);
  return e.ok ? e.value : v;
}
