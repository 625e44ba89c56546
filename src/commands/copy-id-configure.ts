/**
 * The seam for `copy-id --configure`: applying the edits computed by core/copy-id/configure.ts
 * belongs to the safe-editing engine (issue #3: lossless, validated with ssh -G, atomic). Until
 * that engine is merged this hook refuses, and copy-id reports the edits it would have made.
 */
import type { ConfigEdit } from '../core/copy-id/configure.js';
import { JumpctlError } from '../core/errors.js';
import type { GlobalOptions } from '../session.js';

export async function applyConfigEdits(edits: readonly ConfigEdit[], _opts: GlobalOptions): Promise<void> {
  await Promise.resolve();
  throw new JumpctlError(
    'E_NOT_IMPLEMENTED',
    '--configure is not available yet: config editing comes with issue #3',
    {
      hint: `The key is installed; add these lines yourself for now: ${edits
        .map((e) => `Host ${e.alias}: ${e.keyword} ${e.value}`)
        .join('; ')}`,
      data: { edits: [...edits] },
    },
  );
}
