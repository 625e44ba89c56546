/**
 * `jumpctl doctor --tag prod`: the same report as `doctor <host>` for every host with the tags,
 * a few hosts at a time (each probe is its own ssh processes; a bound keeps a large tag from
 * opening dozens of connections at once).
 */
import { hostTags, listHosts, tagsMatch } from '../../core/config/index.js';
import type { DoctorReport } from '../../core/doctor/types.js';
import { JumpctlError } from '../../core/errors.js';
import { validateTagSelector } from '../../core/tag-name.js';
import { openSession } from '../../session.js';
import { doctor, parseTimeout, type DoctorOptions } from './doctor.js';

/** Hosts diagnosed at once. */
export const PARALLEL = 4;

export interface TaggedDoctorReport {
  readonly ok: boolean;
  readonly selectedBy: readonly string[];
  /** Each host's report, keyed by host, in the configuration's order. */
  readonly hosts: Readonly<Record<string, DoctorReport>>;
}

export async function doctorTagged(
  selectors: readonly string[],
  opts: Omit<DoctorOptions, 'onProgress'>,
): Promise<TaggedDoctorReport> {
  selectors.forEach(validateTagSelector);
  parseTimeout(opts.timeout); // a bad --timeout is said once, before any host
  const s = await openSession(opts, false);
  const tags = hostTags(s.program);
  const hosts = listHosts(s.program)
    .aliases.map((a) => a.alias)
    .filter((a) => tagsMatch(tags.get(a.toLowerCase()) ?? [], selectors));
  if (hosts.length === 0)
    throw new JumpctlError('E_NO_HOST', `no host has the tags ${selectors.join(' ')}`, {
      hint: '`jumpctl list` shows every host with its tags; `jumpctl tag <host> <tag>` adds one.',
    });
  const reports = await mapBounded(hosts, PARALLEL, (host) => doctor(host, opts));
  return {
    ok: reports.every((r) => r.ok),
    selectedBy: selectors,
    hosts: Object.fromEntries(hosts.map((h, i) => [h, reports[i] as DoctorReport])),
  };
}

/** `fn` over `items`, at most `limit` at a time, results in the items' order. */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
