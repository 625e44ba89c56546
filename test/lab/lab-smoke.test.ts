// Smoke test of the jump-chain lab itself: the chain works, the isolation holds, every knob
// produces the failure signature the doctor relies on, and nothing is left behind.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'node:test';
import { runSync, tool } from './proc.js';
import { cleanupStaleLabs, HOSTS, labTest, useLab, withLab, type Lab } from './harness.js';

interface Created {
  dir: string;
  netns: string[];
  users: string[];
}

function created(lab: Lab): Created {
  return {
    dir: lab.dir,
    netns: [lab.client.netns, ...HOSTS.map((h) => lab.hosts[h].netns)],
    users: [lab.client.user, ...HOSTS.map((h) => lab.hosts[h].user)],
  };
}

/** What of a lab still exists on the machine. */
function leftovers(c: Created): string[] {
  const out: string[] = [];
  const namespaces = runSync(tool('ip'), ['netns', 'list']).stdout;
  for (const ns of c.netns) {
    if (namespaces.split('\n').some((l) => l.split(' ')[0] === ns)) out.push(`netns ${ns}`);
    if (existsSync(join('/etc/netns', ns))) out.push(`/etc/netns/${ns}`);
  }
  const passwd = runSync('/usr/bin/getent', ['passwd', ...c.users]).stdout.trim();
  if (passwd !== '') out.push(`users: ${passwd}`);
  const group = runSync('/usr/bin/getent', ['group', ...c.users]).stdout.trim();
  if (group !== '') out.push(`groups: ${group}`);
  const procs = runSync('/usr/bin/pgrep', ['-a', '-f', '--', c.dir]).stdout.trim();
  if (procs !== '') out.push(`processes: ${procs}`);
  if (existsSync(c.dir)) out.push(`dir ${c.dir}`);
  return out;
}

const FAST = ['-o', 'ConnectTimeout=2'];
let shared: Created | undefined;

describe('jump chain lab', () => {
  const getLab = useLab({}, { resetAfterEach: true });

  labTest('ssh -F <lab config> reaches every hop, and the target only through the chain', async () => {
    const lab = getLab();
    shared = created(lab);
    for (const h of HOSTS) {
      const r = await lab.ssh([h, 'hostname; id -un; echo "$JUMPCTL_LAB_HOST"']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.trim().split('\n'), [h, lab.hosts[h].user, h]);
    }
    const r = await lab.ssh(['target', 'echo "$SSH_CONNECTION"']);
    // The target sees the connection coming from jump2's side of the last link.
    assert.match(r.stdout, /^10\.241\.3\.1 \d+ 10\.241\.3\.2 22$/m);
    assert.equal(lab.hosts.jump2.port, 2222);
  });

  labTest('isolation: the client reaches only jump1; names resolve only where they are reached', async () => {
    const lab = getLab();
    const direct = await lab.ssh([
      ...FAST,
      '-o',
      'ProxyJump=none',
      '-p',
      '22',
      lab.hosts.target.address,
      'true',
    ]);
    assert.equal(direct.code, 255);
    assert.match(direct.stderr, /connect to host 10\.241\.3\.2 port 22: Network is unreachable/);
    const byName = await lab.ssh([...FAST, '-o', 'ProxyJump=none', 'target', 'true']);
    assert.match(byName.stderr, /Could not resolve hostname target\.lab: Name or service not known/);
    const fromJump1 = await lab.exec(
      tool('ssh'),
      ['-F', '/dev/null', '-o', 'BatchMode=yes', '10.241.3.2', 'true'],
      {
        where: 'jump1',
      },
    );
    assert.match(fromJump1.stderr, /connect to host 10\.241\.3\.2 port 22: Network is unreachable/);
    for (const place of ['client', ...HOSTS] as const) {
      const routes = await lab.exec(tool('ip'), ['-4', 'route', 'show'], { where: place });
      assert.doesNotMatch(routes.stdout, /default|via/, `${place} has only connected routes`);
      const fwd = await lab.exec(tool('sysctl'), ['-n', 'net.ipv4.ip_forward'], { where: place });
      assert.equal(fwd.stdout.trim(), '0', `forwarding off in ${place}`);
      const resolved = await lab.exec('/usr/bin/getent', ['hosts', 'jump1.lab', 'jump2.lab', 'target.lab'], {
        where: place,
      });
      const expected = { client: 'jump1.lab', jump1: 'jump2.lab', jump2: 'target.lab', target: '' }[place];
      assert.deepEqual(
        resolved.stdout
          .trim()
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => l.split(/\s+/)[1]),
        expected === '' ? [] : [expected],
        `names resolvable in ${place}`,
      );
    }
  });

  labTest('knob: forwarding disabled on jump2 -> administratively prohibited', async () => {
    const lab = getLab();
    await lab.setForwarding('jump2', false);
    const r = await lab.ssh(['target', 'true']);
    assert.equal(r.code, 255);
    assert.match(r.stderr, /channel \d+: open failed: administratively prohibited: open failed/);
    assert.match(r.stderr, /stdio forwarding failed/);
    assert.equal((await lab.ssh(['jump2', 'true'])).code, 0, 'jump2 itself still accepts logins');
  });

  labTest('knob: stopped sshd -> connection refused (by the jump, or locally for hop 1)', async () => {
    const lab = getLab();
    await lab.stopSshd('jump2');
    assert.equal(lab.isSshdRunning('jump2'), false);
    const behind = await lab.ssh(['target', 'true']);
    assert.equal(behind.code, 255);
    assert.match(behind.stderr, /channel \d+: open failed: connect failed: Connection refused/);
    await lab.stopSshd('jump1');
    const first = await lab.ssh(['jump1', 'true']);
    assert.match(first.stderr, /ssh: connect to host jump1\.lab port 22: Connection refused/);
    await lab.startSshd('jump1');
    await lab.startSshd('jump2');
    assert.equal((await lab.ssh(['target', 'true'])).code, 0);
  });

  labTest('knob: changed host key -> REMOTE HOST IDENTIFICATION HAS CHANGED', async () => {
    const lab = getLab();
    await lab.changeHostKey('target');
    const r = await lab.ssh(['target', 'true']);
    assert.equal(r.code, 255);
    assert.match(r.stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED/);
    assert.match(r.stderr, /Host key for target\.lab has changed and you have requested strict checking/);
    await lab.changeHostKey('jump2');
    const j = await lab.ssh(['jump2', 'true']);
    assert.match(j.stderr, /Host key for \[jump2\.lab\]:2222 has changed/);
    await lab.changeHostKey('target', false);
    await lab.changeHostKey('jump2', false);
    assert.equal((await lab.ssh(['target', 'true'])).code, 0);
  });

  labTest('knob: removed authorized key -> Permission denied naming the hop', async () => {
    const lab = getLab();
    lab.removeAuthorizedKey('jump2');
    const r = await lab.ssh(['target', 'true']);
    assert.equal(r.code, 255);
    assert.ok(
      r.stderr.includes(`${lab.hosts.jump2.user}@jump2.lab: Permission denied (publickey).`),
      r.stderr,
    );
    lab.authorizeClientKey('jump2');
    assert.equal((await lab.ssh(['target', 'true'])).code, 0);
  });

  labTest('knob: wrong port in the client config or in sshd -> refused by the jump', async () => {
    const lab = getLab();
    lab.setClientPort('jump2', 2223);
    const client = await lab.ssh(['target', 'true']);
    assert.match(client.stderr, /channel \d+: open failed: connect failed: Connection refused/);
    lab.setClientPort('jump2', undefined);
    await lab.setSshdPort('target', 2022);
    const server = await lab.ssh(['target', 'true']);
    assert.match(server.stderr, /channel \d+: open failed: connect failed: Connection refused/);
    assert.equal(lab.hosts.target.port, 2022);
  });

  labTest('knob: a name the jump cannot resolve -> Name or service not known', async () => {
    const lab = getLab();
    lab.setResolvable('target', false);
    const r = await lab.ssh(['target', 'true']);
    assert.match(r.stderr, /channel \d+: open failed: connect failed: Name or service not known/);
    lab.setResolvable('jump1', false);
    const first = await lab.ssh(['jump1', 'true']);
    assert.match(first.stderr, /ssh: Could not resolve hostname jump1\.lab: Name or service not known/);
  });

  labTest('knob: unreachable address -> times out within ConnectTimeout + a few seconds', async () => {
    const lab = getLab();
    lab.setUnreachable('jump1', true);
    const first = await lab.ssh([...FAST, 'jump1', 'true'], { timeoutMs: 15_000 });
    assert.equal(first.timedOut, false);
    assert.match(first.stderr, /ssh: connect to host jump1\.lab port 22: Connection timed out/);
    assert.ok(first.durationMs >= 1900 && first.durationMs < 7000, `took ${first.durationMs} ms`);
    lab.setUnreachable('jump1', false);
    lab.setUnreachable('target', true);
    const behind = await lab.ssh([...FAST, 'target', 'true'], { timeoutMs: 15_000 });
    assert.equal(behind.timedOut, false);
    assert.match(behind.stderr, /Connection timed out during banner exchange/);
    assert.match(behind.stderr, /Connection to UNKNOWN port 65535 timed out/);
    assert.ok(behind.durationMs >= 1900 && behind.durationMs < 8000, `took ${behind.durationMs} ms`);
  });

  labTest('password auth with SSH_ASKPASS; setPassword and setPasswordAuth', async () => {
    const lab = getLab();
    const passwordOnly = ['-o', 'PreferredAuthentications=password', '-o', 'PubkeyAuthentication=no'];
    const withPassword = (pw: string) => ({
      env: { SSH_ASKPASS: lab.writeAskpass(pw), SSH_ASKPASS_REQUIRE: 'force' },
    });
    const args = [...passwordOnly, '-o', 'NumberOfPasswordPrompts=1', 'target', 'id -un'];
    const ok = await lab.ssh(args, withPassword(lab.hosts.target.password));
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout.trim(), lab.hosts.target.user);
    const wrong = await lab.ssh(args, withPassword('not-the-password'));
    assert.equal(wrong.code, 255);
    assert.match(wrong.stderr, /Permission denied/);
    await lab.setPassword('target', 'n3w pass!');
    assert.equal((await lab.ssh(args, withPassword('n3w pass!'))).code, 0);
    await lab.setPasswordAuth('target', false);
    const off = await lab.ssh(args, withPassword('n3w pass!'));
    assert.match(off.stderr, /Permission denied \(publickey\)/);
    // jumps have password auth off by default
    const jump = await lab.ssh([...passwordOnly, 'jump1', 'true'], withPassword('x'));
    assert.match(jump.stderr, /Permission denied \(publickey\)/);
  });

  labTest('copy-id groundwork: a host without ~/.ssh, fixed over a password login', async () => {
    const lab = getLab();
    lab.removeSshDir('target');
    assert.equal(lab.authorizedKeys('target'), null);
    const denied = await lab.ssh(['-o', 'BatchMode=yes', 'target', 'true']);
    assert.match(denied.stderr, /Permission denied \(publickey,password/);
    const script = "exec sh -c 'cd; umask 077; mkdir -p .ssh && cat >> .ssh/authorized_keys'";
    const env = { SSH_ASKPASS: lab.writeAskpass(lab.hosts.target.password), SSH_ASKPASS_REQUIRE: 'force' };
    const r = await lab.ssh(['-o', 'PubkeyAuthentication=no', 'target', script], {
      env,
      input: `${lab.client.publicKey}\n`,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(lab.authorizedKeys('target'), `${lab.client.publicKey}\n`);
    const st = statSync(join(lab.hosts.target.home, '.ssh'));
    assert.equal(st.mode & 0o777, 0o700);
    assert.equal(st.uid, lab.hosts.target.uid);
    assert.equal((await lab.ssh(['-o', 'BatchMode=yes', 'target', 'true'])).code, 0);
  });

  labTest('reset() restores the baseline after every knob', async () => {
    const lab = getLab();
    await lab.setForwarding('jump1', false);
    await lab.changeHostKey('jump1');
    await lab.setSshdPort('jump2', 2200);
    lab.setResolvable('target', false);
    lab.removeSshDir('jump1');
    await lab.setPassword('target', 'other');
    await lab.reset();
    assert.equal((await lab.ssh(['target', 'true'])).code, 0);
    assert.equal(lab.hosts.jump2.port, 2222);
  });
});

labTest('withLab(t, options): a per-test lab; spawn() for interactive sessions', async (t) => {
  const lab = await withLab(t, { passwordAuth: [], withoutSshDir: ['jump1'], batchMode: true });
  assert.equal(lab.authorizedKeys('jump1'), null);
  const denied = await lab.ssh(['target', 'true']);
  assert.ok(denied.stderr.includes(`${lab.hosts.jump1.user}@jump1.lab: Permission denied (publickey).`));
  lab.authorizeClientKey('jump1');
  const child = lab.spawn(tool('ssh'), ['-F', lab.client.config, 'target', 'read l; echo "got:$l"']);
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stdin?.end('hello\n');
  const code = await new Promise((resolve) => child.once('exit', resolve));
  assert.equal(code, 0);
  assert.equal(out, 'got:hello\n');
  const slow = await lab.exec('/bin/sleep', ['30'], { timeoutMs: 500 });
  assert.equal(slow.timedOut, true);
  assert.ok(slow.durationMs < 3000);
});

labTest('the shared lab left nothing behind after stop()', () => {
  assert.ok(shared !== undefined);
  assert.deepEqual(leftovers(shared), []);
});

const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

function startChild(): Promise<{ proc: ReturnType<typeof spawn>; created: Created }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    proc.stdout?.setEncoding('utf8').on('data', (d: string) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve({ proc, created: JSON.parse(buf.slice(0, nl)) as Created });
    });
    proc.once('exit', (code) => reject(new Error(`crash child exited early (${code})`)));
  });
}

function exited(proc: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
}

labTest('SIGTERM: a lab process cleans up on its way out', async () => {
  const { proc, created: c } = await startChild();
  assert.notDeepEqual(leftovers(c), []);
  proc.kill('SIGTERM');
  await exited(proc);
  assert.deepEqual(leftovers(c), []);
});

labTest('SIGKILL: leftovers of a crashed lab are removed by the next start (cleanupStaleLabs)', async () => {
  const { proc, created: c } = await startChild();
  proc.kill('SIGKILL');
  await exited(proc);
  assert.ok(
    leftovers(c).some((l) => l.startsWith('netns')),
    'a killed lab leaves namespaces behind',
  );
  const removed = cleanupStaleLabs();
  assert.ok(removed.includes(c.netns[0] ?? ''), removed.join(' '));
  assert.deepEqual(leftovers(c), []);
});
