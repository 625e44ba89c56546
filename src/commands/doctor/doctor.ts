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
import { staticChecks } from '../../core/doctor/static.js';
import {
  isProblem,
  type Check,
  type DoctorReport,
  type Failure,
  type HopReport,
} from '../../core/doctor/types.js';
import { UsageError } from '../../core/errors.js';
import { splitDestination, validateHostArg } from '../../core/validate.js';
import { entryFiles } from '../../io/config-files.js';
import { machineFacts } from '../../io/doctor-files.js';
import { agentKeyCount } from '../../ssh/agent.js';
import { openSession, type GlobalOptions, type Session } from '../../session.js';
import { otherSshOnPath } from '../../ssh/ssh-on-path.js';
import type { Progress } from './live.js';

export interface DoctorOptions extends GlobalOptions {
  readonly offline?: boolean;
  /** Seconds: ConnectTimeout of every hop; the wall clock of a probe is derived from it. */
  readonly timeout?: number;
  readonly onProgress?: (p: Progress) => void;
}

export const DEFAULT_TIMEOUT = 10;

export async function doctor(target: string | undefined, opts: DoctorOptions): Promise<DoctorReport> {
  if (target !== undefined) validateHostArg(target, 'target');
  const timeout = opts.timeout ?? DEFAULT_TIMEOUT;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 3600)
    throw new UsageError(`--timeout must be a whole number of seconds from 1 to 3600, not ${timeout}`);
  const s = await openSession(opts, true, true);
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
    if (st.blocked) failure = blockedFailure(st.blocked, dest?.host ?? target);
    else if (!s.client.path || !st.chain) failure = blockedFailure(noSsh(), target);
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

/** A target that cannot be probed at all: the static check that says why becomes the failure. */
function blockedFailure(c: Check, hop: string): Failure {
  const code = c.id === 'chain.cycle' ? 'E_CHAIN_CYCLE' : 'E_CONFIG';
  const message = code === 'E_CONFIG' && c.id !== 'config.parse' ? `not probed: ${c.message}` : c.message;
  return { hop, via: null, code, message, fix: c.fix ?? '', raw: '' };
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
