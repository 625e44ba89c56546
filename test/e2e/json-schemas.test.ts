/**
 * The `--json` contract of issue 15: every command's output, and the error object, checked
 * against its JSON Schema (test/schemas/*.schema.json) on real runs of the built CLI, in the
 * situations that give each optional part of a shape; and the human view showing what the JSON
 * holds (the JSON is the result the screen renders).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempHome, type CliRun } from '../helpers/run-cli.js';
import { fake } from '../helpers/fake-ssh.js';
import { schemaProblems, validate, type Schema } from '../schemas/validate.js';

const SCHEMAS = join(ROOT, 'test', 'schemas');
const DEMO = join(ROOT, 'fixtures', 'demo', 'config');
const schema = (name: string) =>
  JSON.parse(readFileSync(join(SCHEMAS, `${name}.schema.json`), 'utf8')) as Schema;

type T = { after: (fn: () => void) => void };
function home(t: T, files: Record<string, string> = {}): string {
  const h = tempHome(files);
  t.after(() => rmSync(h, { recursive: true, force: true }));
  return h;
}

/** The run's stdout is one JSON document that conforms to the named schema. */
function conforms(name: string, r: CliRun, exit?: number): Record<string, unknown> {
  if (exit !== undefined) assert.equal(r.code, exit, `exit ${r.code}\n${r.stdout}${r.stderr}`);
  let doc: unknown;
  assert.doesNotThrow(() => (doc = JSON.parse(r.stdout)), `not one JSON document:\n${r.stdout}`);
  assert.deepEqual(validate(schema(name), doc), [], `${name}: ${r.stdout}`);
  return doc as Record<string, unknown>;
}

/** An ssh on PATH: -V/-G are the real one's; a connection prints `stderr` and exits `code`. */
function ssh(h: string, code: number, stderr = ''): Record<string, string> {
  const bin = join(h, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(h, 'ssh.stderr'), stderr);
  writeFileSync(
    join(bin, 'ssh'),
    `#!/bin/sh\ncase "$1" in -V|-G) exec /usr/bin/ssh "$@" ;; esac\ncat '${h}/ssh.stderr' >&2\nexit ${code}\n`,
    { mode: 0o755 },
  );
  return { PATH: `${bin}:${process.env.PATH ?? ''}` };
}

const ROUGH = [
  'Host bastion',
  '  HostName bastion.example.com',
  'Host app',
  '  HostName 10.0.0.9',
  '  ProxyJump bastoin',
  'Host looped',
  '  ProxyJump looped2',
  'Host looped2',
  '  ProxyJump looped',
  'Host viaopts',
  '  ProxyCommand ssh -o ConnectTimeout=5 -W %h:%p bastion',
  'Host opaque',
  '  ProxyCommand nc -X 5 -x proxy:1080 %h %p',
  'Match host web-* exec "true"',
  '  User other',
  'Host web-*',
  '  User deploy',
  'Host web-1',
  '  HostName 10.0.0.7',
  '',
].join('\n');

test('every schema file is standard JSON Schema this checker fully understands, and closed', () => {
  const names = readdirSync(SCHEMAS).filter((n) => n.endsWith('.schema.json'));
  assert.deepEqual(names.sort(), [
    'backups.schema.json',
    'chain.schema.json',
    'connect.schema.json',
    'copy-id.schema.json',
    'doctor.schema.json',
    'edit.schema.json',
    'error.schema.json',
    'list.schema.json',
    'show.schema.json',
    'undo.schema.json',
  ]);
  for (const n of names) {
    const s = schema(n.replace('.schema.json', ''));
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema', n);
    assert.deepEqual(schemaProblems(s), [], n);
  }
});

test('the checker rejects what it should (a missing field, an extra one, a wrong type)', () => {
  const s = schema('connect');
  const good = { target: 'db', argv: ['ssh', 'db'], command: 'ssh db', hops: [], dryRun: true };
  assert.deepEqual(validate(s, good), []);
  assert.deepEqual(validate(s, { ...good, extra: 1 }), ['$.extra: not in the schema']);
  assert.deepEqual(validate(s, { ...good, hops: [1] }), ['$.hops[0]: integer, expected string']);
  const { target: _, ...missing } = good;
  assert.deepEqual(validate(s, missing), ['$: "target" is missing']);
});

test('doctor.schema.json names every failure code of the FailureCode union, and only those', () => {
  const types = readFileSync(join(ROOT, 'src', 'core', 'doctor', 'types.ts'), 'utf8');
  const union = [...types.slice(types.indexOf('export type ProbeCode')).matchAll(/'(E_[A-Z_]+)'/g)].map(
    (m) => m[1],
  );
  const report = (schema('doctor').$defs as Record<string, Schema>).report as Schema;
  const failure = (report.properties as Record<string, Schema>).failure as Schema;
  const codes = ((failure.anyOf as Schema[])[1]?.properties as Record<string, Schema>).code?.enum;
  assert.deepEqual([...new Set(union)].sort(), [...(codes as string[])].sort());
});

test('error.schema.json names every code of the ErrorCode union, and only those', () => {
  const errors = readFileSync(join(ROOT, 'src', 'core', 'errors.ts'), 'utf8');
  const union = errors.slice(errors.indexOf('export type ErrorCode'));
  const codes = [...union.slice(0, union.indexOf(';')).matchAll(/'(E_[A-Z_]+)'/g)].map((m) => m[1]);
  const error = (schema('error').properties as Record<string, Schema>).error as Schema;
  assert.deepEqual(
    codes.sort(),
    [...((error.properties as Record<string, Schema>).code?.enum as string[])].sort(),
  );
});

test('list --json', (t) => {
  conforms('list', runCli(['-F', DEMO, 'list', '--json'], home(t)), 0);
  const h = home(t, { '.ssh/config': ROUGH });
  const doc = conforms('list', runCli(['list', '--json'], h), 0);
  const hosts = doc.hosts as {
    alias: string;
    error?: unknown;
    unknownJumps: string[];
    dependsOnExec?: string[];
  }[];
  assert.ok(
    hosts.some((x) => x.error),
    'a loop gives a host an error',
  );
  assert.ok(hosts.some((x) => x.unknownJumps.length > 0));
  assert.ok(hosts.some((x) => x.dependsOnExec));
  conforms('list', runCli(['list', '--json'], home(t, { '.ssh/config': '' })), 0);
});

test('show --json', (t) => {
  conforms('show', runCli(['-F', DEMO, 'show', 'db', '--json'], home(t)), 0);
  const h = home(t, { '.ssh/config': 'Host bastion\n  HostName bastion.example.com\n' });
  const unmatched = conforms('show', runCli(['show', 'bastio', '--json'], h), 0);
  assert.equal(unmatched.matched, false);
  assert.deepEqual(unmatched.suggestions, ['bastion']);
  conforms('show', runCli(['show', 'web-1', '--json'], home(t, { '.ssh/config': ROUGH })), 0);
});

test('chain --json, and the tree shows what the JSON holds (notes, unconfigured hosts)', (t) => {
  conforms('chain', runCli(['-F', DEMO, 'chain', 'db', '--json'], home(t)), 0);
  conforms('chain', runCli(['-F', DEMO, 'chain', 'legacy', '--json'], home(t)), 0);
  const h = home(t, { '.ssh/config': ROUGH });
  for (const host of ['app', 'nosuch', 'opaque', 'viaopts']) {
    const doc = conforms('chain', runCli(['chain', host, '--json'], h), 0);
    const tree = runCli(['chain', host], h).stdout;
    for (const note of doc.notes as string[]) assert.ok(tree.includes(note), `${host}: note "${note}"`);
    for (const j of doc.unknownJumps as { alias: string }[])
      assert.match(tree, new RegExp(`the jump "${j.alias}"`));
    if ((doc.target as { configured: boolean }).configured === false)
      assert.match(tree, /No Host or Match block applies/);
    if (doc.proxy) assert.ok(tree.includes(`proxy: ${doc.proxy as string}`));
  }
  const withNote = conforms('chain', runCli(['chain', 'viaopts', '--json'], h), 0);
  assert.deepEqual(withNote.notes, ['ProxyCommand for viaopts: -o ConnectTimeout=5 not modelled']);
});

test('connect --dry-run --json', (t) => {
  const h = home(t);
  conforms('connect', runCli(['-F', DEMO, 'connect', 'db', '--dry-run', '--json', '--', '-N'], h), 0);
  conforms('connect', runCli(['-F', DEMO, 'connect', 'db', '--via', 'bastion', '--dry-run', '--json'], h), 0);
});

test('add-host, set, unset, rename, rm --json; undo and backups --json', (t) => {
  const h = home(t, { '.ssh/config': 'Host bastion\n  HostName bastion.example.com\n' });
  const edit = (args: string[]) => conforms('edit', runCli([...args, '--json'], h), 0);
  conforms('backups', runCli(['backups', '--json'], h), 0);
  const planned = edit(['add-host', 'web', '--hostname', '10.0.0.1', '--via', 'bastion', '--dry-run']);
  assert.equal(planned.written, false);
  const added = edit(['add-host', 'web', '--hostname', '10.0.0.1', '--via', 'bastion', '--yes']);
  assert.equal(added.written, true);
  edit(['set', 'web', 'User', 'deploy', '--yes']);
  edit(['unset', 'web', 'User', '--yes']);
  edit(['rename', 'web', 'www', '--yes']);
  edit(['rm', 'www', '--yes']);
  conforms('undo', runCli(['undo', '--dry-run', '--json'], h), 0);
  conforms('undo', runCli(['undo', '--json'], h), 0);
  const b = conforms('backups', runCli(['backups', '--json'], h), 0);
  assert.ok((b.changes as unknown[]).length >= 5);
});

test('copy-id --json: a dry run with --configure, and a failed hop with its diagnosis', (t) => {
  const h = home(t, {
    '.ssh/config':
      'Host bastion\n  HostName bastion.example.com\nHost db\n  HostName 10.0.0.5\n  ProxyJump bastion\n',
    'keys/k.pub': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPsrdFsPKYQnzBIgFLuteyyeQQ1T20y44dBZZfwAaMSD me\n',
  });
  const key = join(h, 'keys', 'k.pub');
  const dry = conforms(
    'copy-id',
    runCli(['copy-id', 'db', '-i', key, '--dry-run', '--configure', '--json'], h),
    0,
  );
  assert.ok(dry.configure);
  const failed = conforms('copy-id', runCli(['copy-id', 'db', '-i', key, '--json'], h, fake(h, 255)), 1);
  assert.equal((failed.hops as { status: string }[])[0]?.status, 'failed');
  conforms('copy-id', runCli(['copy-id', 'db', '-i', key, '--hops', 'db', '--dry-run', '--json'], h), 0);
});

test('doctor --json: offline, blocked by a static finding, a failed probe, a healthy one', (t) => {
  conforms('doctor', runCli(['-F', DEMO, 'doctor', '--offline', '--json'], home(t)));
  const h = home(t, { '.ssh/config': ROUGH });
  conforms('doctor', runCli(['doctor', 'app', '--offline', '--json'], h), 1);
  const blocked = conforms('doctor', runCli(['doctor', 'app', '--json'], h), 1);
  assert.equal((blocked.failure as { code: string }).code, 'E_UNKNOWN_JUMP');
  const ok = home(t, { '.ssh/config': 'Host j\n  HostName j.example\nHost t\n  ProxyJump j\n' });
  const dns = 'ssh: Could not resolve hostname j.example: Name or service not known\r\n';
  const failed = conforms('doctor', runCli(['doctor', 't', '--json'], ok, ssh(ok, 255, dns)), 1);
  assert.equal((failed.failure as { code: string }).code, 'E_DNS');
  const healthy = conforms('doctor', runCli(['doctor', 't', '--json'], ok, ssh(ok, 0)), 0);
  assert.deepEqual(
    (healthy.hops as { status: string }[]).map((x) => x.status),
    ['ok', 'ok'],
  );
});

test('the doctor screen shows every check and the failure of its JSON', (t) => {
  const h = home(t, { '.ssh/config': ROUGH });
  const doc = conforms('doctor', runCli(['doctor', 'app', '--json'], h), 1);
  const screen = runCli(['doctor', 'app'], h).stdout;
  for (const c of doc.checks as { message: string }[]) assert.ok(screen.includes(c.message), c.message);
  const f = doc.failure as { code: string; hop: string; fix: string };
  assert.ok(screen.includes(`${f.code} at ${f.hop}`) && screen.includes(f.fix));
});

test('errors under --json: one {"error": …} object on stdout, for each kind of failure', (t) => {
  const h = home(t, { '.ssh/config': ROUGH });
  const error = (args: string[], code: string, exit: number, env: Record<string, string> = {}) => {
    const r = runCli([...args, '--json'], h, env);
    const doc = conforms('error', r, exit) as { error: { code: string } };
    assert.equal(doc.error.code, code, r.stdout);
    return doc.error as Record<string, unknown>;
  };
  const bad = home(t, { '.ssh/config': 'Host a\n  Bogus yes\n  Prot 22\n' });
  const config = conforms('error', runCli(['list', '--json'], bad), 1) as { error: { problems: unknown[] } };
  assert.ok(config.error.problems.length >= 1);
  assert.ok(Array.isArray(error(['chain', 'looped'], 'E_CHAIN_CYCLE', 1).cycle));
  assert.equal(error(['connect', 'app', '--dry-run'], 'E_UNKNOWN_JUMP', 1).alias, 'bastoin');
  error(['show', 'a;b'], 'E_INVALID_INPUT', 2);
  error(['doctor', 'app', '--timeout', 'abc'], 'E_USAGE', 2);
  error(['rm', 'nosuch', '--yes'], 'E_NO_HOST', 1);
  error(['copy-id', 'bastion', '-i', join(h, 'none.pub'), '--dry-run'], 'E_KEY', 1);
  error(['undo'], 'E_NOTHING_TO_UNDO', 1);
  // commander's own usage errors too.
  error(['list', '--bogus'], 'E_USAGE', 2);
});
