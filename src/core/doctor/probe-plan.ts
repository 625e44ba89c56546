/**
 * The probes, as data. Options given with `-o` reach only the destination, never the jumps
 * (ssh propagates just -l -p -J -F -v), so everything the probe needs is in a generated config
 * passed with `-F`: it sets the probe's options first (ssh keeps the first value) and then
 * includes the user's own files, so every hop's ssh resolves the user's values for that hop.
 */
import type { ChainNode } from '../config/index.js';
import type { HopRef } from './classify.js';

/** `Include` takes a glob; a path that is itself a pattern or needs escaping cannot be included. */
export function includeProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'not an absolute path';
  // eslint-disable-next-line no-control-regex
  if (/["\\*?[\u0000-\u001f\u007f]/.test(path))
    return 'contains a quote, backslash, glob or control character';
  return undefined;
}

/**
 * The probe config: non-interactive (BatchMode), bounded (ConnectTimeout, keep-alives), never
 * trusting a new host key or writing known_hosts (StrictHostKeyChecking yes), without
 * multiplexing (a master hides the real reasons), without the user's forwards and local
 * commands, and with LogLevel VERBOSE so each hop prints "Authenticated to HOST" as it succeeds.
 */
export function renderProbeConfig(includes: readonly string[], timeoutSeconds: number): string {
  const lines = [
    '# jumpctl doctor: generated probe configuration, removed after the probe.',
    'BatchMode yes',
    `ConnectTimeout ${timeoutSeconds}`,
    'StrictHostKeyChecking yes',
    'UpdateHostKeys no',
    'ControlMaster no',
    'ControlPath none',
    'ControlPersist no',
    'ForwardAgent no',
    'ForwardX11 no',
    'ClearAllForwardings yes',
    'PermitLocalCommand no',
    `ServerAliveInterval ${Math.max(1, Math.min(timeoutSeconds, 5))}`,
    'ServerAliveCountMax 2',
    'LogLevel VERBOSE',
    ...includes.map((p) => `Include "${p}"`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The one probe of the whole chain: authenticates to every hop and runs `true` on the target. */
export function chainProbeArgs(config: string, target: string): string[] {
  return ['-F', config, '-T', '-o', 'RemoteCommand=none', '--', target, 'true'];
}

/**
 * A link probe: reach `next` through `jump` exactly as ssh's own nested command does
 * (`ssh [-l u] [-p p] [-J prefix] -W '[host]:port' jump`), reading only the banner. Nothing runs
 * on the jump, and `next` is never logged in to.
 */
export function linkProbeArgs(config: string, jump: ChainNode, next: HopRef): string[] {
  const cli = jump.cli ?? {};
  return [
    '-F',
    config,
    ...(cli.user !== undefined ? ['-l', cli.user] : []),
    ...(cli.port !== undefined ? ['-p', String(cli.port)] : []),
    ...(cli.jump !== undefined ? ['-J', cli.jump] : []),
    '-W',
    `[${next.hostname}]:${next.port}`,
    '--',
    jump.alias,
  ];
}

/** The external wall-clock limit of a probe: a jump's own connect has no time-out (A7). */
export function wallClockSeconds(timeoutSeconds: number, processes: number): number {
  return timeoutSeconds * (processes + 1) + 5;
}
