/** Key-by-key comparison of `ssh -G` with `jumpctl show --json`, with readable failure messages. */
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { describeRun, isRecord, type JumpctlResult } from './jumpctl.js';
import { sshErrorLocation, type Options, type SshG } from './sshg.js';

/** Keys every case must agree on (the ones jumpctl's users look at first). */
export const CORE_KEYS: readonly string[] = [
  'hostname',
  'user',
  'port',
  'proxyjump',
  'proxycommand',
  'identityfile',
  'certificatefile',
  'localforward',
  'remoteforward',
  'dynamicforward',
  'forwardagent',
  'sendenv',
  'setenv',
  'controlpath',
  'controlmaster',
  'controlpersist',
  'userknownhostsfile',
];

export interface KeyDiff {
  readonly key: string;
  readonly ssh: unknown;
  readonly jumpctl: unknown;
}

/** jumpctl's `options`, keys lower-cased (the contract says lower case; ssh prints one mixed key). */
export function jumpctlOptions(json: unknown): Record<string, unknown> | undefined {
  if (!isRecord(json) || !isRecord(json.options)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json.options)) out[k.toLowerCase()] = v;
  return out;
}

export function diffKeys(ssh: Options, jc: Record<string, unknown>, keys: Iterable<string>): KeyDiff[] {
  const diffs: KeyDiff[] = [];
  for (const key of keys) {
    try {
      assert.deepStrictEqual(jc[key], ssh[key]);
    } catch {
      diffs.push({ key, ssh: ssh[key], jumpctl: jc[key] });
    }
  }
  return diffs;
}

function show(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

export function formatDiffs(diffs: readonly KeyDiff[]): string {
  const lines = diffs.map((d) => `  ${d.key}: ssh ${show(d.ssh)} | jumpctl ${show(d.jumpctl)}`);
  return `${diffs.length} key(s) differ (ssh -G vs jumpctl show):\n${lines.join('\n')}`;
}

/** The jumpctl run must have succeeded with a show document; returns its options. */
export function expectShowDoc(r: JumpctlResult, host: string): Record<string, unknown> {
  const opts = jumpctlOptions(r.json);
  assert.ok(r.status === 0 && opts, `ssh -G accepted the config, jumpctl did not: ${describeRun(r)}`);
  assert.ok(isRecord(r.json));
  assert.equal(r.json.host, host, 'top-level "host" must be the argument as typed');
  return opts;
}

export function assertCoreKeys(ssh: SshG, r: JumpctlResult, host: string): void {
  const opts = expectShowDoc(r, host);
  const diffs = diffKeys(ssh.options, opts, CORE_KEYS);
  if (diffs.length > 0) assert.fail(formatDiffs(diffs));
}

export function assertEveryKey(ssh: SshG, r: JumpctlResult, host: string): void {
  const opts = expectShowDoc(r, host);
  const keys = new Set([...Object.keys(ssh.options), ...Object.keys(opts)]);
  // `host` is reported at the top level; inside options it is optional but must then agree.
  if (!('host' in opts)) keys.delete('host');
  const diffs = diffKeys(ssh.options, opts, [...keys].sort());
  if (diffs.length > 0) assert.fail(formatDiffs(diffs));
}

/** ssh rejected the config (exit 255): jumpctl must exit 1 with an error document. */
export function assertRejected(ssh: SshG, r: JumpctlResult): Record<string, unknown> {
  const why = `ssh -G exited ${ssh.status}: ${ssh.stderr.trim()}`;
  assert.equal(r.status, 1, `${why}\njumpctl should exit 1: ${describeRun(r)}`);
  assert.ok(
    isRecord(r.json) && isRecord(r.json.error),
    `${why}\nno {"error": …} document: ${describeRun(r)}`,
  );
  const err = r.json.error;
  assert.equal(typeof err.code, 'string', 'error.code must be a string');
  assert.equal(typeof err.message, 'string', 'error.message must be a string');
  return err;
}

/** When ssh names `file line N`, jumpctl's message must name `file:N` (absolute path or basename). */
export function assertErrorLocation(ssh: SshG, err: Record<string, unknown>): void {
  const loc = sshErrorLocation(ssh.stderr);
  if (!loc) return;
  const want = `${basename(loc.file)}:${loc.line}`;
  // One problem is named in the message; several are each named in `problems`.
  const problems = Array.isArray(err.problems) ? (err.problems as { where?: unknown }[]) : [];
  const named = [String(err.message), ...problems.map((p) => String(p.where))];
  assert.ok(
    named.some((n) => n.includes(want)),
    `ssh said "${ssh.stderr.trim()}"; jumpctl's error should name ${want}: ${named.join(' | ')}`,
  );
}
