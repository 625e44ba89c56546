import { JumpctlError } from '../core/errors.js';
import { hostTags, listHosts, tagsMatch, type PatternEntry } from '../core/config/index.js';
import { validateTagSelector } from '../core/tag-name.js';
import { openSession, type GlobalOptions } from '../session.js';
import { unknownJumps } from './chain-checks.js';

export interface ListedHost {
  readonly alias: string;
  readonly hostname: string;
  readonly user: string;
  readonly port: number;
  /** Jump aliases from the client outwards. */
  readonly chain: string[];
  readonly proxy: string | null;
  /** Jumps of the chain that no block configures (connect refuses them). */
  readonly unknownJumps: string[];
  readonly source: string;
  /** Its tags: `# jumpctl-tags:` comments and OpenSSH's Tag keyword in its own block. */
  readonly tags: readonly string[];
  readonly error?: { code: string; message: string };
  /** Match exec lines this host's values may depend on (not run without --match-exec). */
  readonly dependsOnExec?: string[];
}

export interface ListResult {
  readonly hosts: ListedHost[];
  readonly patterns: PatternEntry[];
  /** The --tag selectors the hosts were chosen by (absent: every host). */
  readonly selectedBy?: readonly string[];
}

export async function list(
  opts: GlobalOptions & { matchExec?: boolean; tag?: readonly string[] },
): Promise<ListResult> {
  const selectors = opts.tag ?? [];
  selectors.forEach(validateTagSelector);
  const s = await openSession(opts, opts.matchExec === true);
  const { aliases, patterns } = listHosts(s.program);
  const names = aliases.map((a) => a.alias);
  const tagged = hostTags(s.program);
  const tagsOf = (alias: string) => tagged.get(alias.toLowerCase()) ?? [];
  // Selected before resolving: only the hosts shown are resolved.
  const shown = aliases.filter((a) => tagsMatch(tagsOf(a.alias), selectors));
  s.program.indexAll();
  const hosts = shown.map(({ alias, source }): ListedHost => {
    const r = s.chains.resolve(alias);
    const base = { alias, hostname: r.hostname, user: r.user, port: r.port, source, tags: tagsOf(alias) };
    const deps = r.execDependencies.map((d) => `${d.where.file}:${d.where.line}`);
    const extra = deps.length > 0 ? { dependsOnExec: deps } : {};
    try {
      const c = s.chains.chain(alias);
      const unknown = unknownJumps(c, s, names).map((j) => j.alias);
      return { ...base, chain: c.hops.map((h) => h.alias), proxy: c.proxy, unknownJumps: unknown, ...extra };
    } catch (e) {
      if (!(e instanceof JumpctlError)) throw e;
      return {
        ...base,
        chain: [],
        proxy: null,
        unknownJumps: [],
        error: { code: e.code, message: e.message },
        ...extra,
      };
    }
  });
  return { hosts, patterns, ...(selectors.length > 0 ? { selectedBy: selectors } : {}) };
}
