/**
 * Proving an edit before it is written: resolve every host of the configuration before and
 * after, with the same resolver `show` uses (checked against `ssh -G`). The values asked for must
 * be the ones that take effect, and every host the edit is not about must resolve as before.
 */
import {
  listHosts,
  type Program,
  resolveHost,
  type ResolveContext,
  formatRef,
  type SourceRef,
} from '../config/index.js';

export interface Wanted {
  /** The host as `ssh -G <host>` is asked. */
  readonly host: string;
  /** Keyword (lower case) → the new line that must be where its value comes from. */
  readonly from: ReadonlyMap<string, SourceRef>;
}

export interface Shadowed {
  readonly host: string;
  readonly keyword: string;
  /** The line that wins instead (file:line), or undefined when nothing sets it. */
  readonly winner: string | undefined;
}

export interface HostChange {
  readonly host: string;
  readonly keys: readonly string[];
}

export interface Verdict {
  readonly shadowed: readonly Shadowed[];
  readonly changed: readonly HostChange[];
  /** Hosts that no longer resolve at all (the message of what broke). */
  readonly broken: readonly { host: string; message: string }[];
}

export interface VerifyOptions {
  /** Hosts the edit is about: their changes are expected. */
  readonly exempt?: ReadonlySet<string>;
  /** For a rename: compare the host under its old name before with its new name after. */
  readonly renamed?: { readonly from: string; readonly to: string };
  /** Only these hosts (lower case) can have changed; see affected.ts. Undefined: check all. */
  readonly only?: ReadonlySet<string>;
  /** Option values expected to change text (a jump alias renamed): old → new, per value. */
  readonly rewrite?: (key: string, value: string) => string;
}

type Snapshot = { readonly options: Record<string, string | string[]> } | { readonly error: string };

function snapshot(program: Program, host: string, ctx: ResolveContext): Snapshot {
  try {
    return { options: resolveHost(program, host, ctx, {}).options };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function differences(a: Snapshot, b: Snapshot, rewrite?: VerifyOptions['rewrite']): string[] {
  if ('error' in a || 'error' in b) {
    // The same error before and after, wherever its line moved to.
    const norm = (x: Snapshot) => ('error' in x ? x.error.replace(/:\d+\b/g, ':N') : '');
    return 'error' in a && 'error' in b && norm(a) === norm(b) ? [] : ['(resolution)'];
  }
  return diffOptions(a.options, b.options, rewrite);
}

function diffOptions(
  a: Record<string, string | string[]>,
  b: Record<string, string | string[]>,
  rewrite?: VerifyOptions['rewrite'],
): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const k of keys) {
    let va = a[k];
    if (rewrite && va !== undefined) va = Array.isArray(va) ? va.map((v) => rewrite(k, v)) : rewrite(k, va);
    if (JSON.stringify(va) !== JSON.stringify(b[k])) out.push(k);
  }
  return out;
}

export function verifyEdit(
  before: Program,
  after: Program,
  ctx: ResolveContext,
  wanted: readonly Wanted[],
  opts: VerifyOptions = {},
): Verdict {
  const shadowed: Shadowed[] = [];
  const broken: { host: string; message: string }[] = [];
  for (const w of wanted) {
    try {
      const r = resolveHost(after, w.host, ctx, {});
      for (const [key, ref] of w.from) {
        const got =
          key === 'proxyjump' || key === 'proxycommand' ? (r.jumpSource ?? r.sources[key]) : r.sources[key];
        const list = got === undefined ? [] : Array.isArray(got) ? got : [got];
        if (!list.includes(formatRef(ref))) shadowed.push({ host: w.host, keyword: key, winner: list[0] });
      }
    } catch (e) {
      // Broken before the edit too: the configuration was already invalid for this host.
      const was = snapshot(before, w.host, ctx);
      if ('error' in was) throw e;
      broken.push({ host: w.host, message: (e as Error).message });
    }
  }
  const exempt = opts.exempt ?? new Set<string>();
  const hosts = new Set<string>();
  for (const p of [before, after]) for (const h of listHosts(p).aliases) hosts.add(h.alias);
  const changed: HostChange[] = [];
  for (const host of hosts) {
    if (exempt.has(host)) continue;
    if (opts.only && !opts.only.has(host.toLowerCase()) && opts.renamed?.to !== host) continue;
    const was = snapshot(before, opts.renamed?.to === host ? opts.renamed.from : host, ctx);
    const now = snapshot(after, host, ctx);
    if ('error' in now && !('error' in was)) {
      broken.push({ host, message: now.error });
      continue;
    }
    let keys = differences(was, now, opts.rewrite);
    if (opts.renamed?.to === host) keys = keys.filter((k) => k !== 'host');
    if (keys.length > 0) changed.push({ host, keys });
  }
  return { shadowed, changed, broken };
}
