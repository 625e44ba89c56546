/**
 * What the failure classifier and the remedies share: the hops of a chain as the classifier sees
 * them, the facts pulled from the matched stderr line, and the words a remedy produces. Apart
 * from classify.ts and remedies*.ts so that neither imports the other for them.
 */
import type { Signature } from './signatures.js';

/** One hop as the classifier needs it; the sources make remedies point at config lines. */
export interface HopRef {
  readonly alias: string;
  readonly hostname: string;
  readonly port: number;
  readonly user?: string;
  /** `file:line` of the values that reach this hop, when configured. */
  readonly sources?: { readonly hostname?: string; readonly port?: string; readonly user?: string };
  /** The first identity file this hop's config names (for the authentication remedy). */
  readonly identityFile?: string;
}

export interface ClassifyContext {
  /** Every hop from the client outwards; the destination last. */
  readonly hops: readonly HopRef[];
  /**
   * The last hop is only forwarded to (`ssh -W host:port jump`): it has no ssh process of its own
   * and its first stdout line, if any, is given as `banner`.
   */
  readonly forwardOnly?: boolean;
  readonly banner?: string;
  /** The probe was killed by the external wall clock after this many seconds. */
  readonly killedAfter?: number;
  /** The target alias as typed (for remedies that run a jumpctl command on the whole chain). */
  readonly target?: string;
  /** The ConnectTimeout the probe used, in seconds (for the wording of time-outs). */
  readonly connectTimeout?: number;
}

/** Facts a remedy may use, pulled from the matched line and its neighbours. */
export interface Evidence {
  readonly sig: Signature;
  readonly groups: readonly string[];
  readonly line: string;
  readonly lines: readonly string[];
}

/** What a remedy says: what happened, and one thing to do about it. */
export interface Text {
  readonly message: string;
  readonly fix: string;
}
