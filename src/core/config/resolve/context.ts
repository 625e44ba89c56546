/**
 * What resolving a host is given besides the program: the facts about this machine and client
 * (supplied by the edge) and the options of ssh's own command line. Apart from resolve.ts so
 * that effective.ts, which resolve.ts calls, needs nothing from it.
 */
import type { SshVersion } from '../keywords/keywords.js';

/** Facts about the local machine and client that resolution depends on (supplied by the edge). */
export interface ResolveContext {
  readonly localUser: string;
  /** $HOME: where `~` in Include globs points (glob(3) reads it). */
  readonly home: string;
  /** The passwd entry's home: what ssh uses for `%d` and `~` in expanded options. */
  readonly passwdHome: string;
  /** A Debian/Ubuntu client (their patches change a few defaults). */
  readonly debian: boolean;
  readonly uid: number;
  readonly localHostname: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly version: SshVersion;
  /** What `ssh -G -F none` prints for this client: the defaults, in ssh's order. */
  readonly baseline: readonly (readonly [string, string])[];
  readonly sha1: (s: string) => string;
  /** Runs a `Match exec` command through the user's shell; absent when exec must not run. */
  readonly exec?: (command: string) => boolean;
}

/** Options ssh takes from its own command line (what ssh passes to a jump hop's process). */
export interface CommandLine {
  readonly user?: string;
  readonly port?: number;
  /** `-J`: overrides the host's own ProxyJump/ProxyCommand. */
  readonly jump?: string;
}
