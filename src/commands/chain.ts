import type { Chain } from '../core/config/index.js';
import { splitDestination, validateHostArg } from '../core/validate.js';
import { openSession, type GlobalOptions } from '../session.js';

export type ChainResult = Chain;

export async function chain(host: string, opts: GlobalOptions): Promise<ChainResult> {
  validateHostArg(host);
  const s = await openSession(opts, true);
  const dest = splitDestination(host);
  return s.chains.chain(dest.host, dest.user !== undefined ? { user: dest.user } : {});
}
