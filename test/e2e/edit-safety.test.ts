/**
 * The guarantees of every write, on the built CLI: concurrent runs lose nothing, a kill in the
 * middle of a write leaves the old file, symlinks stay symlinks, modes are kept, read-only and
 * unparsable files are refused untouched, hostile values never reach the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { CLI, cliEnv, runCli, tempHome } from '../helpers/run-cli.js';

const BASE =
  '# my hosts\nHost bastion\n    HostName bastion.example.com\n    User ops\n\nHost *\n    ServerAliveInterval 60\n';

const env = (home: string): NodeJS.ProcessEnv => cliEnv(home);

function sshG(home: string, host: string, config = join(home, '.ssh', 'config')): Record<string, string> {
  const r = spawnSync('ssh', ['-G', '-F', config, host], { encoding: 'utf8', env: env(home) });
  assert.equal(r.status, 0, r.stderr);
  return Object.fromEntries(r.stdout.split('\n').map((l) => [l.split(' ')[0], l.slice(l.indexOf(' ') + 1)]));
}

function runAsync(args: string[], home: string, extra: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...env(home), ...extra }, stdio: 'pipe' });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

test('20 concurrent add-host runs on one file: all 20 hosts present, file valid for ssh', async () => {
  const home = tempHome({ '.ssh/config': BASE });
  const runs = Array.from(
    { length: 20 },
    (_, i) =>
      runAsync(['add-host', `node${i}`, '--hostname', `10.0.0.${i + 1}`, '--via', 'bastion', '--yes'], home)
        .done,
  );
  const results = await Promise.all(runs);
  for (const r of results) assert.equal(r.code, 0, r.out);
  for (let i = 0; i < 20; i++) {
    const g = sshG(home, `node${i}`);
    assert.equal(g.hostname, `10.0.0.${i + 1}`);
    assert.equal(g.proxyjump, 'bastion');
  }
  const text = readFileSync(join(home, '.ssh', 'config'), 'utf8');
  assert.equal(text.match(/^Host node\d+$/gm)?.length, 20);
  assert.ok(text.startsWith(BASE.slice(0, BASE.indexOf('Host *'))), 'the original lines are all still there');
  assert.ok(text.endsWith('Host *\n    ServerAliveInterval 60\n'), 'Host * stays last');
  assert.equal(
    readdirSync(join(home, '.ssh')).filter((n) => n.includes('jumpctl')).length,
    0,
    'no lock or temp file left',
  );
});

test('a kill in the middle of a write leaves the old file; the next run recovers the lock and cleans up', async () => {
  const home = tempHome({ '.ssh/config': BASE });
  const config = join(home, '.ssh', 'config');
  const marker = join(home, 'paused');
  const { child, done } = runAsync(['add-host', 'web', '--hostname', 'web.internal', '--yes'], home, {
    JUMPCTL_TEST_PAUSE_WRITE: marker,
  });
  for (let i = 0; i < 400 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(existsSync(marker), 'the writer reached the middle of its write');
  const names = readdirSync(join(home, '.ssh'));
  assert.ok(
    names.some((n) => n.endsWith('.tmp')),
    'half of the new version is in a temp file',
  );
  assert.ok(
    names.some((n) => n.endsWith('.jumpctl.lock')),
    'the writer holds the lock',
  );
  child.kill('SIGKILL');
  const r = await done;
  assert.equal(r.signal, 'SIGKILL');
  assert.equal(readFileSync(config, 'utf8'), BASE, 'the config is exactly the old version');

  const next = runCli(['add-host', 'web', '--hostname', 'web.internal', '--yes'], home);
  assert.equal(next.code, 0, next.stderr);
  assert.match(
    next.stderr,
    new RegExp(`^jumpctl: removed the stale lock .* \\(its process ${child.pid} is gone\\)\n$`),
  );
  assert.equal(sshG(home, 'web').hostname, 'web.internal');
  assert.deepEqual(
    readdirSync(join(home, '.ssh')).filter((n) => n.includes('jumpctl')),
    [],
    'the stale lock and the dead writer’s temp file are gone',
  );
  // The killed run's backup was kept before its write; its change never happened, so undo
  // reverts the next run's and then has nothing more to undo.
  assert.equal(runCli(['undo'], home).code, 0);
  assert.equal(readFileSync(config, 'utf8'), BASE);
  assert.match(runCli(['undo'], home).stderr, /there is no change to undo/);
});

test('a symlinked config stays a symlink and its target gets the edit; the mode is kept', () => {
  const home = tempHome({ 'dotfiles/ssh_config': BASE });
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  symlinkSync('../dotfiles/ssh_config', join(home, '.ssh', 'config'));
  chmodSync(join(home, 'dotfiles', 'ssh_config'), 0o640);
  const r = runCli(['add-host', 'web', '--hostname', 'web.internal', '--yes'], home);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(lstatSync(join(home, '.ssh', 'config')).isSymbolicLink());
  assert.match(
    readFileSync(join(home, 'dotfiles', 'ssh_config'), 'utf8'),
    /^Host web\n {4}HostName web\.internal$/m,
  );
  assert.equal(statSync(join(home, 'dotfiles', 'ssh_config')).mode & 0o777, 0o640);
});

test('a read-only config is refused with a clear error and left alone', () => {
  const home = tempHome({ '.ssh/config': BASE });
  chmodSync(join(home, '.ssh', 'config'), 0o444);
  const r = runCli(['add-host', 'web', '--hostname', 'web.internal', '--yes'], home);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /read-only \(mode 444\)/);
  assert.match(r.stderr, /chmod u\+w/);
  assert.equal(readFileSync(join(home, '.ssh', 'config'), 'utf8'), BASE);
});

test('a missing ~/.ssh is created 0700 and the new config 0600', () => {
  const home = tempHome();
  const r = runCli(['add-host', 'web', '--hostname', 'web.internal', '--user', 'deploy', '--yes'], home);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(statSync(join(home, '.ssh')).mode & 0o777, 0o700);
  assert.equal(statSync(join(home, '.ssh', 'config')).mode & 0o777, 0o600);
  assert.equal(
    readFileSync(join(home, '.ssh', 'config'), 'utf8'),
    'Host web\n  HostName web.internal\n  User deploy\n',
  );
  assert.equal(sshG(home, 'web').user, 'deploy');
});

test('a CRLF file gets CRLF lines, everything else byte-identical; rm restores it', () => {
  const crlf = BASE.replace(/\n/g, '\r\n');
  const home = tempHome({ '.ssh/config': crlf });
  const config = join(home, '.ssh', 'config');
  assert.equal(runCli(['add-host', 'web', '--hostname', 'web.internal', '--yes'], home).code, 0);
  const after = readFileSync(config, 'utf8');
  assert.ok(!/[^\r]\n/.test(after), 'every line ends in CRLF');
  assert.match(after, /Host web\r\n {4}HostName web\.internal\r\n\r\nHost \*/);
  assert.equal(runCli(['rm', 'web', '--yes'], home).code, 0);
  assert.equal(readFileSync(config, 'utf8'), crlf);
});

test('a file with a syntax error: nothing written, the error names file:line', () => {
  const bad = `${BASE}Host broken\n    Port notaport\n`;
  const home = tempHome({ '.ssh/config': bad });
  const r = runCli(['add-host', 'web', '--hostname', 'web.internal', '--yes'], home);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`${join(home, '.ssh', 'config')}:9`));
  assert.equal(readFileSync(join(home, '.ssh', 'config'), 'utf8'), bad);
  assert.deepEqual(readdirSync(join(home, '.ssh')), ['config']);
});

test('hostile values are refused before they reach the file', () => {
  const home = tempHome({ '.ssh/config': BASE });
  const cases: string[][] = [
    ['add-host', '--hostname', 'x', '--', '-oProxyCommand=touch /tmp/pwned'],
    ['add-host', 'web', '--hostname', '-oProxyCommand=touch /tmp/pwned'],
    ['add-host', 'web', '--hostname', 'a;b'],
    ['add-host', 'web', '--hostname', 'ok\nProxyCommand touch /tmp/pwned'],
    ['add-host', 'web', '--hostname', 'ok', '--user', 'root\nProxyCommand x'],
    ['add-host', 'web', '--hostname', 'ok', '--via', '-oProxyCommand=x'],
    ['add-host', 'web', '--hostname', 'ok', '--via', 'a;b'],
    ['add-host', 'web', '--hostname', 'ok', '--port', '70000'],
    ['add-host', 'we*b', '--hostname', 'ok'],
    ['set', 'bastion', 'User', 'x\nProxyCommand touch /tmp/pwned'],
    ['set', 'bastion', 'Host', 'x'],
  ];
  for (const args of cases) {
    const r = runCli(['--json', args[0] as string, '--yes', ...args.slice(1)], home);
    assert.equal(r.code, 2, `${JSON.stringify(args)}: ${r.stdout}${r.stderr}`);
    assert.equal((r.json() as { error: { code: string } }).error.code, 'E_INVALID_INPUT');
  }
  assert.equal(readFileSync(join(home, '.ssh', 'config'), 'utf8'), BASE);
});
