import { listHosts, type ChainNode } from '../core/config/index.js';
import { suggest } from '../core/suggest.js';
import { splitDestination, validateHostArg } from '../core/validate.js';
import { openSession, type GlobalOptions } from '../session.js';
import { unknownJumps, type UnknownJump } from './chain-checks.js';

/** One host of the chain as ssh reaches it. */
export interface ChainHop {
  /** The name ssh hands to this hop's process (or the target as typed). */
  readonly alias: string;
  readonly hostname: string;
  readonly port: number;
  readonly user: string;
  /** Some Host or Match block (not only catch-alls) applies to this name. */
  readonly configured: boolean;
}

/** What `chain` prints, as a tree or as JSON: the same object. */
export interface ChainResult {
  readonly host: string;
  /** From the client outwards; the target is not included. */
  readonly hops: ChainHop[];
  readonly target: ChainHop;
  /** An opaque ProxyCommand in front of the first hop (or of the target), or null. */
  readonly proxy: string | null;
  /** Close aliases when the target is not configured (ssh would connect to it with defaults). */
  readonly suggestions: string[];
  /** Jumps that look like aliases but no block configures: connect refuses them. */
  readonly unknownJumps: UnknownJump[];
  /** What the chain model leaves out (ProxyCommand options it does not follow). */
  readonly notes: string[];
}

const hop = (n: ChainNode): ChainHop => ({
  alias: n.alias,
  hostname: n.hostname,
  port: n.port,
  user: n.user,
  configured: n.known,
});

export async function chain(host: string, opts: GlobalOptions): Promise<ChainResult> {
  validateHostArg(host);
  const s = await openSession(opts, true);
  const dest = splitDestination(host);
  const c = s.chains.chain(dest.host, dest.user !== undefined ? { user: dest.user } : {});
  const aliases = () => listHosts(s.program).aliases.map((a) => a.alias);
  return {
    host: c.host,
    hops: c.hops.map(hop),
    target: hop(c.target),
    proxy: c.proxy,
    suggestions: c.target.known ? [] : suggest(dest.host, aliases()),
    unknownJumps: unknownJumps(c, s),
    notes: [...c.notes],
  };
}
