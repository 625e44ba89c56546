/**
 * Turns the stderr of a failed ssh run through a chain into one stable code, the hop it is about,
 * the jump it was reached through, what happened and one remedy. Pure: the probes that produce
 * the text live in src/ssh/probe.ts. `copy-id` reuses this for its own failures.
 */
import type { ClassifyContext, Evidence, HopRef } from './evidence.js';
import { KEX_PAIR, MARKER, NOISE, SIGNATURES, type Signature } from './signatures.js';
import { describe } from './remedies.js';
import type { ProbeCode } from './types.js';

export type { ClassifyContext, HopRef } from './evidence.js';

export interface Classification {
  readonly code: ProbeCode;
  /** Index into ctx.hops of the hop the failure is about. */
  readonly index: number;
  readonly hop: string;
  readonly via: string | null;
  readonly message: string;
  readonly fix: string;
  /** How many hops, from the client outwards, are proven to work (progress markers). */
  readonly proven: number;
}

/**
 * How many hops, from the first, authenticated: the `Authenticated to HOST` markers are matched
 * to hops in order by HostName; a later hop authenticating proves every hop before it.
 */
export function provenHops(stderr: string, hops: readonly HopRef[]): number {
  let next = 0;
  let proven = 0;
  for (const line of splitStderr(stderr)) {
    const m = MARKER.exec(line);
    if (!m) continue;
    const host = (m[1] ?? '').toLowerCase();
    for (let i = next; i < hops.length; i++) {
      if ((hops[i] as HopRef).hostname.toLowerCase() === host) {
        proven = i + 1;
        next = i + 1;
        break;
      }
    }
  }
  return proven;
}

export function splitStderr(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '');
}

export function classifyFailure(stderr: string, ctx: ClassifyContext): Classification {
  const hops = ctx.hops;
  if (hops.length === 0) throw new Error('classifyFailure: no hops');
  const lines = splitStderr(stderr);
  const proven = provenHops(stderr, hops);
  const meaningful = lines.filter((l) => !NOISE.some((re) => re.test(l)));
  // A -W probe that got bytes other than an SSH greeting has its answer in the bytes themselves.
  const badBanner = ctx.banner !== undefined && ctx.banner !== '' && !ctx.banner.startsWith('SSH-');
  const found = badBanner ? undefined : match(meaningful);
  let evidence: Evidence;
  if (found) evidence = found;
  else if (badBanner) evidence = synthetic('E_NOT_SSH', 'banner', [ctx.banner ?? ''], meaningful);
  else if (ctx.killedAfter !== undefined)
    evidence = synthetic('E_TIMEOUT', 'killed', [String(ctx.killedAfter)], meaningful);
  else evidence = synthetic('E_UNKNOWN', 'unknown', [], meaningful);

  const index = attribute(evidence, meaningful, hops, proven, ctx);
  const hopRef = hops[index] as HopRef;
  const local = evidence.sig.code === 'E_CONFIG' || evidence.sig.code === 'E_CHAIN_CYCLE';
  const viaRef = index > 0 && !local ? hops[index - 1] : undefined;
  const text = describe(evidence, hopRef, viaRef, ctx);
  return {
    code: evidence.sig.code,
    index,
    hop: hopRef.alias,
    via: viaRef?.alias ?? null,
    message: text.message,
    fix: text.fix,
    proven,
  };
}

function match(lines: readonly string[]): Evidence | undefined {
  const hasAuthFailure = lines.some((l) => / Permission denied \(|Too many authentication failures/.test(l));
  for (const sig of SIGNATURES) {
    // A key ssh ignored matters only when authentication then failed: another key may have worked.
    if (sig.code === 'E_KEY_PERMISSIONS' && !hasAuthFailure) continue;
    for (const line of lines) {
      const m = sig.re.exec(line);
      if (m) return { sig, groups: [...m].map((g) => g ?? ''), line, lines };
    }
  }
  return undefined;
}

function synthetic(code: ProbeCode, kind: string, groups: string[], lines: readonly string[]): Evidence {
  const sig: Signature = { code, kind, by: 'unproven', re: /$^/ };
  return { sig, groups: ['', ...groups], line: '', lines };
}

/** The index of the hop a signature is about (see Attribution in signatures.ts). */
function attribute(
  e: Evidence,
  lines: readonly string[],
  hops: readonly HopRef[],
  proven: number,
  ctx: ClassifyContext,
): number {
  const last = hops.length - 1;
  const firstUnproven = Math.min(proven, last);
  switch (e.sig.by) {
    case 'named': {
      const { host, port } = hostPort(e);
      return findHop(hops, host, port, proven) ?? firstUnproven;
    }
    case 'socket': {
      const { host, port } = hostPort(e);
      if (host === 'UNKNOWN') return firstUnproven;
      return findHop(hops, host, port, proven) ?? (proven === 0 ? 0 : firstUnproven);
    }
    case 'jump': {
      if (proven > 0) return Math.max(1, firstUnproven);
      // No markers (a hop that does not read the probe config): every process behind the
      // failing channel prints one kex pair, so the pairs after the error count the hops left.
      const at = lines.indexOf(e.line);
      const pairs = lines.slice(at + 1).filter((l) => KEX_PAIR.test(l)).length;
      const processes = hops.length - (ctx.forwardOnly ? 1 : 0);
      return clamp(processes - pairs, 1, last);
    }
    case 'local':
      if (e.sig.code === 'E_KEY_PERMISSIONS') {
        const denied = lines.map((l) => /@([^@\s]+): Permission denied \(/.exec(l)?.[1]).find(Boolean);
        return (denied ? findHop(hops, denied, undefined, proven) : undefined) ?? firstUnproven;
      }
      return firstUnproven;
    case 'unproven':
      return firstUnproven;
  }
}

function hostPort(e: Evidence): { host: string; port: number | undefined } {
  const raw = e.sig.host ? (e.groups[e.sig.host] ?? '') : '';
  const explicit = e.sig.port ? Number(e.groups[e.sig.port]) : undefined;
  // known_hosts style: [host]:port
  const m = /^\[(.+)\]:(\d+)$/.exec(raw);
  if (m) return { host: m[1] ?? '', port: Number(m[2]) };
  return { host: raw, port: explicit };
}

/** The hop with that HostName (and port); among several, the first one not yet proven. */
function findHop(
  hops: readonly HopRef[],
  host: string,
  port: number | undefined,
  proven: number,
): number | undefined {
  const want = host.toLowerCase();
  const hits = hops
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => h.hostname.toLowerCase() === want && (port === undefined || h.port === port));
  return (hits.find(({ i }) => i >= proven) ?? hits[0])?.i;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}
