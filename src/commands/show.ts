import { type OptionValue, listHosts } from '../core/config/index.js';
import { suggest } from '../core/suggest.js';
import { splitDestination, validateHostArg } from '../core/validate.js';
import { openSession, type GlobalOptions } from '../session.js';

export interface ShowResult {
  readonly host: string;
  readonly options: Record<string, OptionValue>;
  readonly sources: Record<string, string | string[]>;
  /** False when no Host or Match block applied: ssh still connects, with defaults. */
  readonly matched: boolean;
  readonly suggestions: string[];
  readonly execDependencies: { where: string; keywords: string[] }[];
  readonly notes: readonly string[];
}

export async function show(host: string, opts: GlobalOptions): Promise<ShowResult> {
  validateHostArg(host);
  const dest = splitDestination(host);
  const s = await openSession(opts, true);
  const r = s.chains.resolve(dest.host, dest.user !== undefined ? { user: dest.user } : {});
  const suggestions = r.matched
    ? []
    : suggest(
        host,
        listHosts(s.program).aliases.map((a) => a.alias),
      );
  return {
    host,
    options: r.options,
    sources: r.sources,
    matched: r.matched,
    suggestions,
    execDependencies: r.execDependencies.map((d) => ({
      where: `${d.where.file}:${d.where.line}`,
      keywords: d.keywords,
    })),
    notes: r.notes,
  };
}
