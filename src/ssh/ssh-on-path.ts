/**
 * Other `ssh` executables on PATH besides the one jumpctl runs: a shell or a ProxyCommand that
 * finds one of them first runs a different client for the jumps. `ssh -V` is asked only when
 * there are any.
 */
import { realpathSync } from 'node:fs';
import { everyOnPath, runCaptured } from './process.js';

/** The `ssh` executables on PATH other than `first`, with their versions. */
export async function otherSshOnPath(
  first: string | undefined,
): Promise<{ path: string; versionText: string }[]> {
  const seen = new Set<string>();
  try {
    if (first) seen.add(realpathSync(first));
  } catch {
    // keep going
  }
  const found: string[] = [];
  for (const p of everyOnPath('ssh')) {
    try {
      const real = realpathSync(p);
      if (seen.has(real)) continue;
      seen.add(real);
      found.push(p);
    } catch {
      // not here
    }
  }
  return Promise.all(
    found.map(async (path) => {
      const v = await runCaptured(path, ['-V'], { timeoutMs: 5000 });
      return { path, versionText: (v.stderr || v.stdout).trim().split('\n')[0] ?? '' };
    }),
  );
}
