/**
 * What the local OpenSSH client is: its path, version, and the defaults it prints with
 * `ssh -G -F none`. Asked once and cached per binary (path, size, mtime), so that everyday
 * commands never spawn ssh just to learn its defaults.
 */
import { FALLBACK_BASELINE, type SshVersion } from '../core/config/index.js';
import { cacheFile, debug, readCache, writeCache } from '../io/own-files.js';
import { sshIdentity } from './find-ssh.js';
import { findOnPath, runCaptured } from './process.js';

export interface ClientInfo {
  readonly path: string | undefined;
  readonly versionText: string;
  readonly version: SshVersion;
  /** `ssh -G -F none` lines with `host`, `user`, `hostname` and `port` removed. */
  readonly baseline: readonly (readonly [string, string])[];
}

const PROBE_HOST = 'jumpctl-baseline.invalid';

export function parseVersion(text: string): SshVersion {
  const m = /OpenSSH[_-](\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : [9, 2];
}

export function parseG(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const sp = line.indexOf(' ');
    out.push(sp < 0 ? [line, ''] : [line.slice(0, sp), line.slice(sp + 1)]);
  }
  return out;
}

export async function clientInfo(): Promise<ClientInfo> {
  const path = findOnPath('ssh');
  if (!path) return { path, versionText: 'not found', version: [9, 2], baseline: FALLBACK_BASELINE };
  const key = `${path}|${sshIdentity(path)}|${process.getuid?.() ?? 0}|${process.env.HOME ?? ''}`;
  // JUMPCTL_CACHE=off, or a cache directory that fails its check: asked every time.
  const file = cacheFile('client.json');
  const data = file === undefined ? undefined : readCache(file);
  try {
    const cached = data && (JSON.parse(data.toString('utf8')) as { key: string; info: ClientInfo });
    // The path is the one just found, never the file's: the cache only describes it.
    if (cached?.key === key) return { ...cached.info, path };
  } catch (e) {
    debug('cache', `not used: ${file}: ${(e as Error).message}`);
  }
  // Neither contacts a host; the limit only guards against a client that hangs.
  const v = await runCaptured(path, ['-V'], { timeoutMs: 10_000 });
  const g = await runCaptured(path, ['-G', '-F', 'none', PROBE_HOST], { timeoutMs: 10_000 });
  const skip = new Set(['host', 'user', 'hostname', 'port']);
  const baseline = g.exitCode === 0 ? parseG(g.stdout).filter(([k]) => !skip.has(k)) : FALLBACK_BASELINE;
  const versionText = (v.stderr || v.stdout).trim();
  const info: ClientInfo = { path, versionText, version: parseVersion(versionText), baseline };
  if (file !== undefined) writeCache(file, JSON.stringify({ key, info }));
  return info;
}
