/**
 * `jumpctl doctor [target]`: static checks of the configuration (of the target's chain, or of
 * every host without a target), then, unless --offline, a live diagnosis of the chain that names
 * the failing hop, the jump that reported it, a stable code and the remedy.
 */
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { Chain } from '../../core/config/index.js';
import type { HopRef } from '../../core/doctor/classify.js';
import { expandHostPath, listWithSources, sourceOf } from '../../core/doctor/facts.js';
import { staticChecks, type Blocked } from '../../core/doctor/static.js';
import {
  isProblem,
  type Check,
  type DoctorReport,
  type Failure,
  type FailureCode,
  type HopReport,
} from '../../core/doctor/types.js';
import { UsageError } from '../../core/errors.js';
import { splitDestination, validateHostArg } from '../../core/validate.js';
import { entryFiles, SYSTEM_CONFIG } from '../../io/config-files.js';
import { machineFacts } from '../../io/doctor-files.js';
import { agentKeyCount } from '../../ssh/agent.js';
import { openSession, type GlobalOptions, type Session } from '../../session.js';
import { otherSshOnPath } from '../../ssh/ssh-on-path.js';
import type { Progress } from './live.js';

export interface DoctorOptions extends GlobalOptions {
  readonly offline?: boolean;
  /**
   * Seconds: ConnectTimeout of every hop; the wall clock of a probe is derived from it. The
   * option's text as typed, so that a bad value can be echoed back.
   */
  readonly timeout?: string | number;
  /** Run `Match exec` commands when checking every host (with a target they always run, as ssh's). */
  readonly matchExec?: boolean;
  readonly onProgress?: (p: Progress) => void;
}

export const DEFAULT_TIMEOUT = 10;

export function parseTimeout(value: string | number | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT;
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 3600)
    throw new UsageError(
      `--timeout must be a whole number of seconds from 1 to 3600, not ${JSON.stringify(String(value))}`,
      'For example: jumpctl doctor <host> --timeout 5',
    );
  return n;
}

export async function doctor(target: string | undefined, opts: DoctorOptions): Promise<DoctorReport> {
  if (target !== undefined) validateHostArg(target, 'target');
  const timeout = parseTimeout(opts.timeout);
  // Without a target every host is looked at, and a Match exec runs a command per host: only
  // when asked (as list), while ssh itself would run it for the one host it connects to.
  const runExec = target !== undefined || opts.matchExec === true;
  const s = await openSession(opts, runExec, true);
  const user = userInfo();
  const debian = /Debian|Ubuntu/.test(s.client.versionText);
  const facts = machineFacts(s.ctx.uid, user.gid, debian, await agentKeyCount());
  const dest = target !== undefined ? splitDestination(target) : undefined;
  const st = staticChecks({
    program: s.program,
    chains: s.chains,
    ctx: s.ctx,
    facts,
    client: { ...s.client, others: await otherSshOnPath(s.client.path) },
    sshDir: join(s.home, '.ssh'),
    matchExec: runExec,
    // The system file is root's: a line of it that the user's file overrides is no fault.
    systemFile: (path: string) =>
      opts.config === undefined && (path === SYSTEM_CONFIG || path.startsWith('/etc/ssh/')),
    ...(dest
      ? { target: { alias: dest.host, cli: dest.user !== undefined ? { user: dest.user } : {} } }
      : {}),
  });
  const refs = st.chain ? hopRefs(s, st.chain, dest?.user) : [];
  let hops: HopReport[] = refs.map((h) => ({
    alias: h.alias,
    hostname: h.hostname,
    port: h.port,
    status: 'not-reached',
  }));
  let failure: Failure | null = null;
  if (target !== undefined && !opts.offline) {
    if (st.blocked) ({ hops, failure } = blockedFailure(hops, st.blocked, dest?.host ?? target));
    else if (!s.client.path || !st.chain)
      ({ hops, failure } = blockedFailure(hops, { check: noSsh() }, dest?.host ?? target));
    else {
      const { liveDiagnosis } = await import('./live.js');
      const live = await liveDiagnosis({
        ssh: s.client.path,
        target,
        chain: st.chain,
        hops: refs,
        includes: entryFiles(opts.config, s.home).map((e) => resolve(e.path)),
        timeout,
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      });
      hops = live.hops;
      failure = live.failure;
      if (!failure && st.controlPath) ({ hops, failure } = controlPathFailure(hops, st.controlPath));
    }
  }
  const ok = failure === null && !st.checks.some((c) => isProblem(c.severity));
  return { ok, checks: st.checks, hops, failure };
}

/** Hops and target with what remedies point at: where HostName/Port/User were set, the key used. */
function hopRefs(s: Session, chain: Chain, targetUser: string | undefined): HopRef[] {
  const target = { ...chain.target, cli: targetUser !== undefined ? { user: targetUser } : {} };
  return [...chain.hops, target].map((n) => {
    const res =
      n.config !== undefined
        ? s.chains.resolve(n.alias, n.cli, n.config)
        : s.chains.resolve(n.alias, n.cli ?? {});
    const sources: Record<string, string> = {};
    for (const key of ['hostname', 'port', 'user'] as const) {
      const src = sourceOf(res, key);
      if (src !== undefined) sources[key] = src;
    }
    const key = listWithSources(res, 'identityfile').find((e) => e.source !== undefined);
    return {
      alias: n.alias,
      hostname: n.hostname,
      port: n.port,
      user: n.user,
      sources,
      ...(key ? { identityFile: expandHostPath(key.value, res, s.ctx) } : {}),
    };
  });
}

/** The probe got through with sharing off; the user's own ssh would still fail at this hop. */
function controlPathFailure(hops: HopReport[], cp: { alias: string; check: Check }) {
  const index = Math.max(
    0,
    hops.findIndex((h) => h.alias === cp.alias),
  );
  const failure: Failure = {
    hop: cp.alias,
    via: hops[index - 1]?.alias ?? null,
    code: 'E_CONTROLPATH',
    message: `every hop answers with connection sharing off, but ssh with your ControlMaster settings fails at ${cp.alias}: ${cp.check.message}`,
    fix: cp.check.fix ?? '',
    raw: '',
  };
  const statuses = hops.map((h, i): HopReport => ({
    ...h,
    status: i < index ? 'ok' : i === index ? 'failed' : 'not-reached',
  }));
  return { hops: statuses, failure };
}

const BLOCKED_CODES: Record<string, FailureCode> = {
  'chain.cycle': 'E_CHAIN_CYCLE',
  'chain.unknown-jump': 'E_UNKNOWN_JUMP',
};

/**
 * A target that is not probed because a static check already says the chain cannot work: that
 * check is the verdict (not what a probe would then trip over, e.g. a DNS error for a typo).
 */
function blockedFailure(hops: HopReport[], b: Blocked, target: string) {
  const c = b.check;
  const code = BLOCKED_CODES[c.id] ?? 'E_CONFIG';
  const said = c.id === 'config.parse' || code === 'E_CHAIN_CYCLE';
  const failure: Failure = {
    hop: b.hop ?? target,
    via: b.via ?? null,
    code,
    message: said ? c.message : `not probed: ${c.message}`,
    fix: c.fix ?? '',
    raw: '',
  };
  const at = hops.findIndex((h) => h.alias === failure.hop);
  return { hops: hops.map((h, i): HopReport => (i === at ? { ...h, status: 'failed' } : h)), failure };
}

function noSsh(): Check {
  return {
    id: 'ssh.client',
    severity: 'error',
    message: 'not probed: no ssh client on PATH',
    where: null,
    fix: 'Install OpenSSH (Debian/Ubuntu: apt-get install openssh-client)',
  };
}
