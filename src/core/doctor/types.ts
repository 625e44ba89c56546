/**
 * What `doctor` reports: checks (static findings, passing ones included so the output reads as a
 * checklist), the hops of the probed chain with their status, and the one live failure.
 */

/**
 * Functional checks use ok/info/warning/error; the security lint uses the reference's scale
 * (low/medium/high/critical). error, high and critical make the report "not ok" (exit 1).
 */
export type Severity = 'ok' | 'info' | 'warning' | 'error' | 'low' | 'medium' | 'high' | 'critical';

export interface Check {
  /** Stable id, e.g. `config.parse`, `identity.permissions`, `security.stricthostkeychecking`. */
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  /** `file:line`, a path, or a hop alias; null when the check is about the whole setup. */
  readonly where: string | null;
  /** One concrete remedy (a command or the config line to change); null for passing checks. */
  readonly fix: string | null;
}

/** What the live diagnosis can read from ssh's own words. */
export type ProbeCode =
  | 'E_CONFIG'
  | 'E_CHAIN_CYCLE'
  | 'E_DNS'
  | 'E_DNS_AT_JUMP'
  | 'E_REFUSED'
  | 'E_TIMEOUT'
  | 'E_UNREACHABLE'
  | 'E_NOT_SSH'
  | 'E_HOSTKEY_UNKNOWN'
  | 'E_HOSTKEY_CHANGED'
  | 'E_AUTH'
  | 'E_KEY_PERMISSIONS'
  | 'E_FORWARDING_DENIED'
  | 'E_ALGORITHM'
  | 'E_CONTROLPATH'
  | 'E_UNKNOWN';

/** A probe's verdict, or a static finding that stops the probe (a jump no block configures). */
export type FailureCode = ProbeCode | 'E_UNKNOWN_JUMP';

export type HopStatus = 'ok' | 'failed' | 'not-reached';

export interface HopReport {
  readonly alias: string;
  readonly hostname: string;
  readonly port: number;
  readonly status: HopStatus;
}

export interface Failure {
  /** The hop that could not be reached or authenticated. */
  readonly hop: string;
  /** The jump that reported it (the previous hop), or null for the first hop and local causes. */
  readonly via: string | null;
  readonly code: FailureCode;
  readonly message: string;
  readonly fix: string;
  /** ssh's stderr from the probe the diagnosis came from. */
  readonly raw: string;
}

export interface DoctorReport {
  readonly ok: boolean;
  readonly checks: readonly Check[];
  readonly hops: readonly HopReport[];
  readonly failure: Failure | null;
}

/** Severities that mean "a problem was found" (exit 1). */
export function isProblem(s: Severity): boolean {
  return s === 'error' || s === 'high' || s === 'critical';
}

/** Severities shown as warnings (⚠) rather than failures. */
export function isWarning(s: Severity): boolean {
  return s === 'warning' || s === 'low' || s === 'medium';
}
