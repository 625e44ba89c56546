/**
 * Other `ssh` executables on PATH besides the one jumpctl runs: a shell or a ProxyCommand that
 * finds one of them first runs a different client for the jumps. `ssh -V` is asked only when
 * there are any (execa is loaded only then).
 */
import { realpathSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

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
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, 'ssh');
    try {
      const st = statSync(p);
      if (!st.isFile() || (st.mode & 0o111) === 0) continue;
      const real = realpathSync(p);
      if (seen.has(real)) continue;
      seen.add(real);
      found.push(p);
    } catch {
      // not here
    }
  }
  if (found.length === 0) return [];
  const { execa } = await import('execa');
  return Promise.all(
    found.map(async (path) => {
      const v = await execa(path, ['-V'], { reject: false, stdin: 'ignore', timeout: 5000 });
      return { path, versionText: (v.stderr || v.stdout).trim().split('\n')[0] ?? '' };
    }),
  );
}
