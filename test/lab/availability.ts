// Can this machine run the lab? Root, Linux, the tools, and permission to create a network
// namespace (tested for real). Memoized per process.
import { existsSync } from 'node:fs';
import { findTool, runSync, TOOLS, type ToolName } from './proc.js';

export type LabAvailability = { ok: true } | { ok: false; reason: string };

let cached: LabAvailability | undefined;

/** Value of JUMPCTL_LAB: "required" makes an unavailable lab a failure, "off" disables it. */
export function labMode(): 'required' | 'off' | 'auto' {
  const v = (process.env['JUMPCTL_LAB'] ?? '').trim().toLowerCase();
  if (v === 'required') return 'required';
  if (v === 'off' || v === '0' || v === 'skip') return 'off';
  return 'auto';
}

function probe(): LabAvailability {
  if (labMode() === 'off') return { ok: false, reason: 'lab disabled by JUMPCTL_LAB=off' };
  if (process.platform !== 'linux')
    return { ok: false, reason: `lab needs Linux (this is ${process.platform})` };
  const uid = process.getuid?.();
  if (uid !== 0) return { ok: false, reason: `lab needs root for network namespaces and sshd (uid ${uid})` };
  const missing = (Object.keys(TOOLS) as ToolName[]).filter((t) => findTool(t) === undefined);
  if (missing.length > 0) {
    const pkgs = [...new Set(missing.map((t) => TOOLS[t]))].join(' ');
    return { ok: false, reason: `lab needs ${missing.join(', ')} (apt-get install ${pkgs})` };
  }
  if (!existsSync('/bin/sh')) return { ok: false, reason: 'lab needs /bin/sh as login shell' };
  const ip = findTool('ip') ?? 'ip';
  const name = `jlab-${process.pid}-probe`;
  const add = runSync(ip, ['netns', 'add', name]);
  if (add.code !== 0) {
    return { ok: false, reason: `network namespaces not permitted: ${add.stderr.trim() || add.code}` };
  }
  runSync(ip, ['netns', 'delete', name]);
  return { ok: true };
}

export function labAvailability(): LabAvailability {
  cached ??= probe();
  return cached;
}
