/**
 * What the local OpenSSH client is: its path, version, and the defaults it prints with
 * `ssh -G -F none`. Asked once and cached per binary (path, size, mtime), so that everyday
 * commands never spawn ssh just to learn its defaults.
 */
import { join } from 'node:path';
import { FALLBACK_BASELINE, type SshVersion } from '../core/config/index.js';
import { cacheDir } from '../io/dirs.js';
import { readOwnFile, writeOwnFile } from '../io/own-file.js';
import { findOnPath, sshIdentity } from './find-ssh.js';

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
  const file = join(cacheDir(), 'client.json');
  const got = readOwnFile(file);
  try {
    const cached = 'text' in got ? (JSON.parse(got.text) as { key: string; info: ClientInfo }) : undefined;
    // The path is the one just found, never the file's: the cache only describes it.
    if (cached?.key === key) return { ...cached.info, path };
  } catch {
    // not a cache of ours: asked again
  }
  const { execa } = await import('execa');
  const v = await execa(path, ['-V'], { reject: false, stdin: 'ignore' });
  const g = await execa(path, ['-G', '-F', 'none', PROBE_HOST], { reject: false, stdin: 'ignore' });
  const skip = new Set(['host', 'user', 'hostname', 'port']);
  const baseline = g.exitCode === 0 ? parseG(g.stdout).filter(([k]) => !skip.has(k)) : FALLBACK_BASELINE;
  const versionText = (v.stderr || v.stdout).trim();
  const info: ClientInfo = { path, versionText, version: parseVersion(versionText), baseline };
  try {
    writeOwnFile(file, JSON.stringify({ key, info }));
  } catch {
    // a read-only cache only costs speed
  }
  return info;
}
