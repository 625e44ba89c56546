/**
 * The live part of `doctor`: one probe of the whole chain whose per-hop progress markers prove
 * every hop at once; only when it fails, one link probe from the last proven jump to the first
 * unproven hop to locate the failure. Never a second authentication attempt at the hop that
 * refused one (lockouts, PerSourcePenalties), and never a second wait for a time-out.
 */
import type { Chain } from '../../core/config/index.js';
import { classifyFailure, provenHops, type Classification, type HopRef } from '../../core/doctor/classify.js';
import {
  chainProbeArgs,
  includeProblem,
  linkProbeArgs,
  renderProbeConfig,
  wallClockSeconds,
} from '../../core/doctor/probe-plan.js';
import { MARKER } from '../../core/doctor/signatures.js';
import type { Failure, HopReport } from '../../core/doctor/types.js';
import { JumpctlError } from '../../core/errors.js';
import { scratchDir } from '../../io/doctor-files.js';
import type { ProbeResult } from '../../ssh/probe.js';

export type Progress =
  | { readonly kind: 'probe'; readonly hops: readonly string[] }
  | { readonly kind: 'hop-ok'; readonly alias: string }
  | { readonly kind: 'link'; readonly from: string; readonly to: string };

export interface LiveInput {
  /** Absolute path of ssh: the jumps' ssh is then started by the same path. */
  readonly ssh: string;
  /** The target as typed. */
  readonly target: string;
  readonly chain: Chain;
  /** Every hop and the target last, with config sources for remedies. */
  readonly hops: readonly HopRef[];
  /** The config files ssh would read, as absolute paths, in order. */
  readonly includes: readonly string[];
  readonly timeout: number;
  readonly onProgress?: (p: Progress) => void;
}

export interface LiveResult {
  readonly hops: HopReport[];
  readonly failure: Failure | null;
}

export async function liveDiagnosis(input: LiveInput): Promise<LiveResult> {
  const { hops, target } = input;
  for (const p of input.includes) {
    const why = includeProblem(p);
    if (why)
      return failed(input, hops.length - 1, {
        code: 'E_CONFIG',
        message: `cannot include ${p} in the probe configuration: ${why}`,
        fix: 'Move the configuration to a plain absolute path',
        raw: '',
      });
  }
  const { runProbe } = await import('../../ssh/probe.js');
  const dir = scratchDir('jumpctl-doctor-');
  try {
    const config = dir.write('probe.conf', renderProbeConfig(input.includes, input.timeout));
    input.onProgress?.({ kind: 'probe', hops: hops.map((h) => h.alias) });
    let seen = '';
    let shown = 0;
    const full = await runProbe(input.ssh, chainProbeArgs(config, target), {
      wallMs: wallClockSeconds(input.timeout, hops.length) * 1000,
      onStderrLine: (line) => {
        if (!MARKER.test(line)) return;
        seen += `${line}\n`;
        const proven = provenHops(seen, hops);
        for (; shown < proven; shown++)
          input.onProgress?.({ kind: 'hop-ok', alias: hops[shown]?.alias ?? '' });
      },
    });
    interrupted(full);
    if (full.exitCode !== null && full.exitCode !== 255 && full.killedAfterMs === undefined)
      return { hops: hops.map((h) => report(h, 'ok')), failure: null };

    const ctx = { target, connectTimeout: input.timeout };
    let cls = classify(full, hops, ctx, false);
    let raw = full.stderr;
    const jump = input.chain.hops[cls.proven - 1];
    const next = hops[cls.proven];
    if (jump && next && cls.code !== 'E_TIMEOUT') {
      input.onProgress?.({ kind: 'link', from: jump.alias, to: next.alias });
      const link = await runProbe(input.ssh, linkProbeArgs(config, jump, next), {
        wallMs: wallClockSeconds(input.timeout, cls.proven) * 1000,
        banner: true,
      });
      interrupted(link);
      if (link.banner?.startsWith('SSH-')) {
        cls = {
          ...cls,
          message: `${cls.message} (${next.alias} itself is reachable through ${jump.alias}: it answers ${link.banner})`,
        };
      } else {
        const l = classify(link, hops.slice(0, cls.proven + 1), ctx, true);
        if (l.code !== 'E_UNKNOWN' || cls.code === 'E_UNKNOWN') {
          cls = l;
          raw = link.stderr;
        }
      }
    }
    return failed(input, cls.index, { ...cls, raw });
  } finally {
    dir.remove();
  }
}

function classify(
  p: ProbeResult,
  hops: readonly HopRef[],
  ctx: { target: string; connectTimeout: number },
  forwardOnly: boolean,
): Classification {
  return classifyFailure(p.stderr, {
    hops,
    ...ctx,
    forwardOnly,
    ...(p.banner !== undefined ? { banner: p.banner } : {}),
    ...(p.killedAfterMs !== undefined ? { killedAfter: Math.round(p.killedAfterMs / 1000) } : {}),
  });
}

function interrupted(p: ProbeResult): void {
  if (p.interrupted)
    throw new JumpctlError('E_INTERRUPTED', `interrupted (${p.interrupted}) while probing`, {
      exitCode: 130,
    });
}

function report(h: HopRef, status: HopReport['status']): HopReport {
  return { alias: h.alias, hostname: h.hostname, port: h.port, status };
}

function failed(
  input: LiveInput,
  index: number,
  f: Pick<Failure, 'code' | 'message' | 'fix' | 'raw'> & { via?: string | null },
): LiveResult {
  const hops = input.hops.map((h, i) => report(h, i < index ? 'ok' : i === index ? 'failed' : 'not-reached'));
  const hop = input.hops[index];
  const via = f.via !== undefined ? f.via : null;
  return {
    hops,
    failure: {
      hop: hop?.alias ?? input.target,
      via,
      code: f.code,
      message: f.message,
      fix: f.fix,
      raw: f.raw,
    },
  };
}
