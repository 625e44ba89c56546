import type { Chain } from '../core/chain.js';
import { validateHostArg } from '../core/validate.js';
import { openSession, type GlobalOptions } from '../session.js';

export type ChainResult = Chain;

export async function chain(host: string, opts: GlobalOptions): Promise<ChainResult> {
  validateHostArg(host);
  const s = await openSession(opts, true);
  return s.chains.chain(host);
}
