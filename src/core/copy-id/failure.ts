/**
 * Why a copy-id hop failed: ssh's stderr read by doctor's classifier (the same codes, hop
 * attribution and remedies `jumpctl doctor` gives), for the chain of hops up to this one.
 */
import { classifyFailure, type HopRef } from '../doctor/classify.js';

export interface Failure {
  /** Stable code, as doctor's: E_AUTH, E_HOSTKEY_CHANGED, E_REFUSED, E_DNS_AT_JUMP, … */
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  /** ssh's stderr, trimmed. */
  readonly raw: string;
}

/** `chain`: the hops from the client out to and including the failing one (default: that hop alone). */
export function describeFailure(
  stderr: string,
  hop: string,
  chain?: readonly HopRef[],
  target?: string,
): Failure {
  const hops: readonly HopRef[] =
    chain && chain.length > 0 ? chain : [{ alias: hop, hostname: hop, port: 22 }];
  const c = classifyFailure(stderr, { hops, ...(target !== undefined ? { target } : {}) });
  return { code: c.code, message: c.message, fix: c.fix, raw: stderr.trim() };
}
