/**
 * A jump chain in ProxyCommand form, for clients without ProxyJump (before OpenSSH 7.3) or when
 * asked with --proxy-command. `ssh -W` reaches through one jump only, so the chain is nested as
 * the classic configs do it: each later jump's own block forwards through the one before it (b
 * through a for `--via a,b`), and the new host's block forwards through the last.
 */
import { JumpctlError } from '../errors.js';
import {
  parseFile,
  parseHop,
  parseSshWCommand,
  type Program,
  type RawLine,
  resolveHost,
  type ResolveContext,
} from '../config/index.js';
import { docOf, hostBlocks, textOf, type Doc } from './docs.js';
import { planSet } from './plan-host.js';

export interface NestedJumps {
  /** The files with each jump's ProxyCommand added (empty when every jump already routes so). */
  readonly files: ReadonlyMap<string, readonly RawLine[]>;
  readonly docs: readonly Doc[];
  /** The jumps whose blocks got a ProxyCommand. */
  readonly changed: readonly string[];
  readonly notes: readonly string[];
}

/**
 * Plans `ProxyCommand <forwarder(via[i-1])>` in the own block of every jump after the first. A
 * jump that already routes through the jump before it needs nothing. One that routes another way
 * is refused: rerouting it would change every connection to it, and ProxyJump (which overrides a
 * jump's own route with -J) would not have taken that route either.
 */
export function planNestedJumps(
  docs: readonly Doc[],
  via: readonly string[],
  program: Program,
  ctx: ResolveContext,
  forwarder: (spec: string) => string,
): NestedJumps {
  let current = [...docs];
  const files = new Map<string, readonly RawLine[]>();
  const changed: string[] = [];
  const notes: string[] = [];
  for (let i = 1; i < via.length; i++) {
    const prev = via[i - 1] as string;
    const host = (parseHop(via[i] as string) as { host: string }).host;
    const command = forwarder(prev);
    if (hostBlocks(current, host).length === 0)
      throw new JumpctlError('E_NO_HOST', `${host} has no Host block to carry its ProxyCommand`, {
        hint: `Add it first, reached through ${prev}: jumpctl add-host ${host} --hostname <name> --via ${prev} --proxy-command; then add this host --via ${host}.`,
      });
    const route = resolveHost(program, host, ctx, {});
    if (sameRoute(route.jump, command)) continue;
    if (route.jump.kind !== 'direct')
      throw new JumpctlError(
        'E_CHAIN_MISMATCH',
        `${host} already reaches its server another way (${route.jump.kind === 'jump' ? `ProxyJump ${route.jump.raw}` : `ProxyCommand ${route.jump.command}`}${route.jumpSource ? `, ${route.jumpSource}` : ''}); a ProxyCommand chain needs it to go through ${prev}`,
        {
          hint: `Route ${host} through ${prev} first (jumpctl set ${host} ProxyCommand '${command}'), or leave out --proxy-command on a client with ProxyJump (OpenSSH 7.3 or later).`,
        },
      );
    const step = planSet(current, host, 'ProxyCommand', [command], ctx);
    for (const [path, lines] of step.files) {
      files.set(path, lines);
      current = current.map((d) => (d.path === path ? docOf(parseFile(path, textOf(lines), ctx)) : d));
    }
    changed.push(host);
    notes.push(
      ...step.notes,
      `${host} now reaches its server through ${prev} (ProxyCommand), also when you connect to it directly`,
    );
  }
  return { files, docs: current, changed, notes };
}

/** The jump's route already goes through `command`'s jump, as ProxyCommand or as ProxyJump. */
function sameRoute(jump: ReturnType<typeof resolveHost>['jump'], command: string): boolean {
  const want = parseSshWCommand(command);
  if (!want) return false;
  if (jump.kind === 'jump') {
    const [only, ...more] = jump.hops;
    return (
      more.length === 0 &&
      only !== undefined &&
      only.host === want.host &&
      only.user === want.cli.user &&
      only.port === want.cli.port
    );
  }
  if (jump.kind !== 'command') return false;
  const got = parseSshWCommand(jump.command);
  return (
    got !== null &&
    got.host === want.host &&
    got.cli.user === want.cli.user &&
    got.cli.port === want.cli.port &&
    got.cli.jump === undefined &&
    got.config === want.config
  );
}
