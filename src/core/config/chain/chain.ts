/**
 * The hops ssh really spawns to reach a host. For `ProxyJump a,b`, ssh runs
 * `ssh -J a -W host:port b`: `b` is resolved with `-J a` on its command line (so b's own
 * ProxyJump is overridden), while `a`, spawned last, still follows its own ProxyJump. A
 * `ProxyCommand ssh -W %h:%p x` is a hop too; any other ProxyCommand is an opaque proxy.
 */
import { ChainCycleError } from '../../errors.js';
import { percentExpand } from '../resolve/expand.js';
import type { Program } from '../program/program.js';
import { resolveHost, type CommandLine, type Resolution, type ResolveContext } from '../resolve/resolve.js';
import { parseSshWCommand } from './proxy-command.js';

export interface ChainNode {
  /** The name ssh hands to this hop's process (or the target as typed). */
  readonly alias: string;
  readonly hostname: string;
  readonly port: number;
  readonly user: string;
  /** Some Host or Match block (not only catch-alls) applies to this name. */
  readonly known: boolean;
  /** How the next hop outwards reaches through this one, and where that was configured. */
  readonly via?: 'proxyjump' | 'proxycommand';
  readonly source?: string;
  /** The -l/-p/-J ssh gives this hop's process, and the -F it reads (null: the default files). */
  readonly cli?: CommandLine;
  readonly config?: string | null;
}

export interface Chain {
  readonly host: string;
  /** From the client outwards; the target is not included. */
  readonly hops: readonly ChainNode[];
  readonly target: ChainNode;
  /** An opaque ProxyCommand in front of the first hop (or of the target), or null. */
  readonly proxy: string | null;
  readonly notes: readonly string[];
}

const MAX_HOPS = 64;

/** The configuration a hop's ssh reads: `-F file`, or the default files when undefined. */
export type ProgramSource = (configFlag: string | null) => Program;

export class ChainResolver {
  private readonly memo = new Map<string, Resolution>();
  constructor(
    private readonly programs: ProgramSource,
    private readonly ctx: ResolveContext,
    /** The `-F` jumpctl was given; ProxyJump hands it on to every hop's ssh. */
    private readonly configFlag: string | null,
  ) {}

  resolve(alias: string, cli: CommandLine = {}, configFlag = this.configFlag): Resolution {
    const key = `${keyOf(alias, cli)}\u0000${configFlag ?? ''}`;
    let r = this.memo.get(key);
    if (!r) {
      r = resolveHost(this.programs(configFlag), alias, this.ctx, cli);
      this.memo.set(key, r);
    }
    return r;
  }

  chain(host: string, cli: CommandLine = {}): Chain {
    const notes: string[] = [];
    const target = this.resolve(host, cli);
    const path = [{ key: keyOf(host, cli), alias: host }];
    const { hops, proxy } = this.hopsFor(target, this.configFlag, path, notes);
    return { host, hops, target: node(target), proxy, notes };
  }

  private hopsFor(
    res: Resolution,
    configFlag: string | null,
    path: { key: string; alias: string }[],
    notes: string[],
  ): { hops: ChainNode[]; proxy: string | null } {
    const j = res.jump;
    if (j.kind === 'direct') return { hops: [], proxy: null };
    // The implicit or explicit ProxyCommand is %-expanded with the destination's values.
    const tokens = { h: res.hostname, p: String(res.port), r: res.user, n: res.host, k: res.host };
    const expand = (text: string) => {
      const e = percentExpand(text, tokens);
      return e.ok ? e.value : text;
    };
    let alias: string;
    let cli: CommandLine;
    let via: 'proxyjump' | 'proxycommand';
    let hopConfig = configFlag;
    if (j.kind === 'jump') {
      const last = j.hops[j.hops.length - 1];
      if (!last) return { hops: [], proxy: null };
      const comma = j.raw.lastIndexOf(',');
      alias = expand(last.host);
      cli = {
        ...(last.user !== undefined ? { user: expand(last.user) } : {}),
        ...(last.port !== undefined ? { port: last.port } : {}),
        ...(comma > 0 ? { jump: expand(j.raw.slice(0, comma)) } : {}),
      };
      via = 'proxyjump';
    } else {
      const parsed = parseSshWCommand(j.command);
      if (!parsed) return { hops: [], proxy: j.command };
      alias = expand(parsed.host);
      cli = parsed.cli;
      via = 'proxycommand';
      hopConfig = parsed.config ?? null;
      if (parsed.ignored.length > 0)
        notes.push(`ProxyCommand for ${res.host}: ${parsed.ignored.join(', ')} not modelled`);
    }
    const key = keyOf(alias, cli);
    const seen = path.findIndex((p) => p.key === key);
    if (seen >= 0 || path.length > MAX_HOPS) {
      const loop = [...path.slice(seen >= 0 ? seen : 0).map((p) => p.alias), alias];
      throw new ChainCycleError(loop, res.jumpSource ? `last link set at ${res.jumpSource}` : undefined);
    }
    const hopRes = this.resolve(alias, cli, hopConfig);
    const inner = this.hopsFor(hopRes, hopConfig, [...path, { key, alias }], notes);
    const hop: ChainNode = {
      ...node(hopRes),
      via,
      ...(res.jumpSource ? { source: res.jumpSource } : {}),
      cli,
      config: hopConfig,
    };
    return { hops: [...inner.hops, hop], proxy: inner.proxy };
  }
}

function keyOf(alias: string, cli: CommandLine): string {
  return `${alias}\u0000${cli.user ?? ''}\u0000${cli.port ?? ''}\u0000${cli.jump ?? ''}`;
}

function node(r: Resolution): ChainNode {
  return { alias: r.host, hostname: r.hostname, port: r.port, user: r.user, known: r.matched };
}

/** A bare name (no dot, not an address) that no block configures is almost always a typo. */
export function looksLikeUnknownAlias(n: ChainNode): boolean {
  return !n.known && !/[.:]/.test(n.alias) && n.alias !== 'localhost';
}
