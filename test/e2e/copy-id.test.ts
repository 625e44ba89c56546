import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REMOTE_COMMAND } from '../../src/core/copy-id/remote-script.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { calls, fake } from '../helpers/fake-ssh.js';

const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIPsrdFsPKYQnzBIgFLuteyyeQQ1T20y44dBZZfwAaMSD';
const CONFIG = [
  'Host bastion\n  HostName bastion.example.com\n  User ops',
  'Host inner\n  HostName 10.10.0.2\n  Port 2222\n  ProxyJump bastion',
  'Host db\n  HostName 10.20.0.5\n  ProxyJump inner\n',
].join('\n');

/**
 * A home with the demo chain and an ed25519 key pair (the private half is a dummy). ssh takes
 * `~` in IdentityFile from the passwd entry, not $HOME, so the config names the temporary home's
 * files absolutely: the test never looks at the real ~/.ssh.
 */
function homeWithKey(extra: Record<string, string> = {}, key = 'id_ed25519'): string {
  const home = tempHome({
    '.ssh/id_ed25519': 'not read by jumpctl\n',
    '.ssh/id_ed25519.pub': `ssh-ed25519 ${ED} me@laptop\n`,
    ...extra,
  });
  const config = extra['.ssh/config'] ?? CONFIG;
  writeFileSync(join(home, '.ssh/config'), `${config}\nHost *\n  IdentityFile ${join(home, '.ssh', key)}\n`);
  return home;
}

interface Doc {
  key: { file: string; type: string; fingerprint: string; comment: string };
  dryRun: boolean;
  hops: {
    alias: string;
    status: string;
    requested: boolean;
    through: string[];
    failure?: { code: string };
  }[];
  configure?: {
    edits: { alias: string; keyword: string; value: string }[];
    applied: boolean;
    files: { diff: string }[];
  };
  ok: boolean;
}

test('--dry-run: the default key, every hop in order with what would be done, and no ssh started', () => {
  const home = homeWithKey();
  const r = runCli(['copy-id', 'db', '--dry-run', '--json'], home, fake(home));
  assert.equal(r.code, 0, r.stderr);
  const doc = r.json() as Doc;
  assert.equal(doc.key.file, join(home, '.ssh/id_ed25519.pub'));
  assert.equal(doc.key.fingerprint, 'SHA256:5Lh5czYjQyF/0sdZenPi8ZEcjze1BpDbV7ccg/cK2KI');
  assert.deepEqual(
    doc.hops.map((h) => [h.alias, h.status, h.through.join(',')]),
    [
      ['bastion', 'planned', ''],
      ['inner', 'planned', 'bastion'],
      ['db', 'planned', 'bastion,inner'],
    ],
  );
  assert.deepEqual(calls(home), []);

  const text = runCli(['copy-id', 'db', '--dry-run', '--hops', 'inner,target'], home, fake(home));
  assert.equal(text.code, 0, text.stderr);
  assert.match(
    text.stdout,
    /^key ssh-ed25519 SHA256:5Lh5czYjQyF\/0sdZenPi8ZEcjze1BpDbV7ccg\/cK2KI \(me@laptop\)/,
  );
  assert.match(text.stdout, /dry run: no host is contacted/);
  assert.match(text.stdout, /^bastion +ops@bastion\.example\.com:22 +skipped \(not in --hops\)$/m);
  assert.match(
    text.stdout,
    /^inner +\S+@10\.10\.0\.2:2222 +check; install unless present \(through bastion\)$/m,
  );
  assert.match(
    text.stdout,
    /^db +\S+@10\.20\.0\.5:22 +check; install unless present \(through bastion → inner\)$/m,
  );
  assert.deepEqual(calls(home), []);
});

test('a private key path given with -i means its .pub; without a .pub it is refused', () => {
  const home = homeWithKey({ 'keys/lone': 'PRIVATE\n' });
  const r = runCli(
    ['copy-id', '-i', join(home, '.ssh/id_ed25519'), 'db', '--dry-run', '--json'],
    home,
    fake(home),
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal((r.json() as Doc).key.file, join(home, '.ssh/id_ed25519.pub'));
  const lone = runCli(['copy-id', '-i', join(home, 'keys/lone'), 'db', '--dry-run'], home, fake(home));
  assert.equal(lone.code, 1);
  assert.match(
    lone.stderr,
    /is not a \.pub file and .*lone\.pub does not exist; jumpctl does not read private keys/,
  );
  assert.match(lone.stderr, /ssh-keygen -y -f/);
  const json = runCli(['copy-id', '-i', join(home, 'keys/lone'), 'db', '--json'], home, fake(home));
  assert.equal((json.json() as { error: { code: string } }).error.code, 'E_KEY');
  assert.deepEqual(calls(home), []);
});

test('no key anywhere: refused with the ssh-keygen hint; a broken .pub is refused too', () => {
  const home = homeWithKey({}, 'id_missing');
  const r = runCli(['copy-id', 'db'], home, fake(home));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no key to install/);
  assert.match(r.stderr, /ssh-keygen -t ed25519/);
  writeFileSync(join(home, 'bad.pub'), `ssh-ed25519 ${ED.slice(0, 40)} cut\n`);
  const bad = runCli(['copy-id', '-i', join(home, 'bad.pub'), 'db'], home, fake(home));
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /damaged/);
  assert.deepEqual(calls(home), []);
});

test('bad arguments: hostile target, unknown --hops alias, a loop; nothing is started', () => {
  const home = homeWithKey();
  for (const bad of ['-oProxyCommand=touch /tmp/pwned', 'a;b', 'db$(id)']) {
    const r = runCli(['copy-id', '--', bad], home, fake(home));
    assert.equal(r.code, 2, bad);
  }
  const hops = runCli(['copy-id', 'db', '--hops', 'bastoin'], home, fake(home));
  assert.equal(hops.code, 2);
  assert.match(hops.stderr, /--hops names "bastoin", not on the chain to db/);
  assert.match(hops.stderr, /bastion → inner → db/);
  const loopHome = homeWithKey({
    '.ssh/config': 'Host *\n  ProxyJump b\nHost b\n  ProxyJump a\nHost a\n  ProxyJump b\n',
  });
  const loop = runCli(['copy-id', 'x'], loopHome, fake(loopHome));
  assert.equal(loop.code, 1);
  assert.match(loop.stderr, /jump chain loops/);
  assert.deepEqual([...calls(home), ...calls(loopHome)], []);
});

test('a failing first hop: reported with its diagnosis, the rest not reached, exit 1, no remote command sent', () => {
  const home = homeWithKey();
  const before = new Set(readdirSync(tmpdir()));
  const r = runCli(['copy-id', 'db', '--json'], home, fake(home, 255));
  assert.equal(r.code, 1, r.stderr);
  const doc = r.json() as Doc;
  assert.deepEqual(
    doc.hops.map((h) => h.status),
    ['failed', 'not-reached', 'not-reached'],
  );
  assert.equal(doc.hops[0]?.failure?.code, 'E_UNKNOWN');
  assert.equal(doc.ok, false);
  // One master attempt to the first hop: our generated -F, then `--` before the alias.
  const argv = calls(home);
  assert.equal(argv.length, 1, JSON.stringify(argv));
  const [first = []] = argv;
  assert.equal(first[0], '-F');
  assert.match(first[1] ?? '', /\/jcid-[^/]+\/config$/);
  assert.deepEqual(first.slice(2), ['-o', 'ControlMaster=yes', '-N', '--', 'bastion']);
  assert.ok(!argv.flat().includes(REMOTE_COMMAND));
  // The run's private directory is gone.
  assert.deepEqual(
    readdirSync(tmpdir()).filter((n) => n.startsWith('jcid-') && !before.has(n)),
    [],
  );
});

test('--configure in a dry run lists the edits for hosts that do not use the key yet', () => {
  const home = homeWithKey({ 'keys/work.pub': `ssh-ed25519 ${ED} work\n`, 'keys/work': 'x\n' });
  const r = runCli(
    [
      'copy-id',
      '-i',
      join(home, 'keys/work.pub'),
      'db',
      '--dry-run',
      '--configure',
      '--hops',
      'inner,db',
      '--json',
    ],
    home,
    fake(home),
  );
  assert.equal(r.code, 0, r.stderr);
  const { files, ...configure } = (r.json() as Doc).configure ?? { files: [] };
  assert.match(files[0]?.diff ?? '', /^\+ {2}IdentitiesOnly yes$/m, 'the dry run shows the diff');
  assert.deepEqual(configure, {
    edits: [
      { alias: 'inner', keyword: 'IdentityFile', value: join(home, 'keys/work') },
      { alias: 'inner', keyword: 'IdentitiesOnly', value: 'yes' },
      { alias: 'db', keyword: 'IdentityFile', value: join(home, 'keys/work') },
      { alias: 'db', keyword: 'IdentitiesOnly', value: 'yes' },
    ],
    applied: false,
    notes: [],
  });
  // The configured key is already every host's IdentityFile: nothing to configure.
  const dflt = runCli(['copy-id', 'db', '--dry-run', '--configure'], home, fake(home));
  assert.match(dflt.stdout, /--configure: every host already uses this key; nothing to change/);
});

test('a jump name that no Host block configures is refused with a suggestion before any ssh runs', () => {
  const home = homeWithKey({ '.ssh/config': CONFIG.replace('ProxyJump inner', 'ProxyJump innr') });
  const r = runCli(['--json', 'copy-id', 'db'], home, fake(home));
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const err = (r.json() as { error: { code: string; hint: string } }).error;
  assert.equal(err.code, 'E_UNKNOWN_JUMP');
  assert.match(err.hint, /Did you mean inner\?/);
  assert.deepEqual(calls(home), [], 'no ssh was started');
});
