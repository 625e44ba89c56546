// Process helpers for the lab: absolute tool paths, execFile/spawnSync wrappers (argument
// arrays only, never a shell), and small /proc readers. Node built-ins only.
import { execFile, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

const SEARCH_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Tools the lab runs, and the Debian package that provides each one. */
export const TOOLS = {
  ip: 'iproute2',
  sshd: 'openssh-server',
  ssh: 'openssh-client',
  'ssh-keygen': 'openssh-client',
  useradd: 'passwd',
  userdel: 'passwd',
  groupdel: 'passwd',
  chpasswd: 'passwd',
  unshare: 'util-linux',
  nsenter: 'util-linux',
  setpriv: 'util-linux',
  sysctl: 'procps',
  hostname: 'hostname',
} as const;

export type ToolName = keyof typeof TOOLS;

/** Absolute path of a tool, or undefined. sshd must be /usr/sbin/sshd (it re-execs itself). */
export function findTool(name: ToolName): string | undefined {
  const dirs = name === 'sshd' ? ['/usr/sbin'] : SEARCH_DIRS;
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next directory
    }
  }
  return undefined;
}

const cache = new Map<ToolName, string>();

export function tool(name: ToolName): string {
  let found = cache.get(name);
  if (found === undefined) {
    found = findTool(name);
    if (found === undefined) throw new Error(`lab: ${name} not found (Debian package ${TOOLS[name]})`);
    cache.set(name, found);
  }
  return found;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Async execFile; rejects with stderr in the message when the exit code is not 0 (unless allowFail). */
export function run(
  file: string,
  args: readonly string[],
  opts: { input?: string; allowFail?: boolean; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { encoding: 'utf8', timeout: opts.timeoutMs ?? 20_000, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const e = err as (Error & { code?: unknown; signal?: NodeJS.Signals | null }) | null;
        const code = e === null ? 0 : typeof e.code === 'number' ? e.code : null;
        const result: RunResult = { code, signal: e?.signal ?? null, stdout, stderr };
        if (code !== 0 && opts.allowFail !== true) {
          reject(
            new Error(`lab: ${[file, ...args].join(' ')} failed (${code ?? e?.signal}): ${stderr.trim()}`),
          );
        } else {
          resolve(result);
        }
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** Synchronous variant for teardown in exit/signal handlers. Never throws. */
export function runSync(file: string, args: readonly string[], input?: string): RunResult {
  const r = spawnSync(file, args, {
    encoding: 'utf8',
    timeout: 10_000,
    killSignal: 'SIGKILL',
    input: input ?? '',
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True when a process with this pid exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export function readlinkOrEmpty(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/** True when the network namespace of `pid` has a TCP socket listening on `port` (IPv4 or IPv6). */
export function isListening(pid: number, port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      if (local !== undefined && local.endsWith(`:${hexPort}`) && fields[3] === '0A') return true;
    }
  }
  return false;
}
