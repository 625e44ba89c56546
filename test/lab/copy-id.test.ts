// `jumpctl copy-id` against real sshd servers: client → jump1 → jump2:2222 → target. Every
// assertion reads the real state of the hosts (their files, through lab.exec, and real logins).
import assert from 'node:assert/strict';
import { chownSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { HOSTS, labTest, useLab, type HostName, type Lab } from './harness.js';
import { tool } from './proc.js';
import { CLI } from '../helpers/run-cli.js';

const node = process.execPath;
const OTHER_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGQ2cB0b7x2P3e5yQm9k8l1eWnq4Zr6tVx0sUu7hJf3K other@elsewhere';

interface HopJson {
  alias: string;
  status: string;
  failure?: { code: string; message: string; fix: string; raw: string };
  notes: string[];
}

describe('copy-id through the lab chain', () => {
  const lab = useLab();
  let prompts = 0;

  /**
   * An SSH_ASKPASS program that answers each host's password prompt with the password given
   * for it (none → it fails) and logs every prompt it is asked, to count them.
   */
  function askpass(l: Lab, passwords: Partial<Record<HostName, string>>): { path: string; log: string } {
    const n = ++prompts;
    const path = join(l.client.home, `.copy-id-askpass-${n}.sh`);
    const log = join(l.client.home, `.copy-id-askpass-${n}.log`);
    const cases = Object.entries(passwords)
      .map(([h, pw]) => `  *@${h}.lab*) echo '${pw}' ;;`)
      .join('\n');
    writeFileSync(path, `#!/bin/sh\necho "$1" >> '${log}'\ncase "$1" in\n${cases}\n  *) exit 1 ;;\nesac\n`, {
      mode: 0o700,
    });
    writeFileSync(log, '', { mode: 0o600 });
    for (const f of [path, log]) chownSync(f, l.client.uid, l.client.gid);
    return { path, log };
  }

  const promptsIn = async (log: string): Promise<string[]> =>
    (await lab().exec('/bin/cat', [log])).stdout.split('\n').filter((l) => l !== '');

  /** Runs jumpctl as the client; with `userFiles`, on the client's own ~/.ssh/config (no -F). */
  const jumpctl = (args: string[], ask?: { path: string }, userFiles = false) =>
    lab().exec(node, [CLI, ...(userFiles ? [] : ['-F', lab().client.config]), ...args], {
      timeoutMs: 90_000,
      env: {
        HOME: lab().client.home,
        XDG_STATE_HOME: join(lab().client.home, '.state'),
        XDG_CACHE_HOME: join(lab().client.home, '.cache'),
        NO_COLOR: '1',
        ...(ask ? { SSH_ASKPASS: ask.path, SSH_ASKPASS_REQUIRE: 'force' } : {}),
      },
    });

  /** Password prompts asked so far, per lab host; a prompt for anything else counts as `other`. */
  const promptCounts = async (log: string): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const p of await promptsIn(log)) {
      const h = HOSTS.find((name) => p.includes(`@${name}.lab`)) ?? 'other';
      counts[h] = (counts[h] ?? 0) + 1;
    }
    return counts;
  };

  /** The usual starting point: jump1 holds the key; jump2 and target take only passwords. */
  async function keyOnlyOnJump1(): Promise<Lab> {
    const l = lab();
    await l.reset();
    await l.setPasswordAuth('jump2', true);
    l.removeAuthorizedKey('jump2');
    l.removeAuthorizedKey('target');
    return l;
  }

  const hopsOf = (stdout: string): Record<string, HopJson> => {
    const doc = JSON.parse(stdout) as { hops: HopJson[] };
    return Object.fromEntries(doc.hops.map((h) => [h.alias, h]));
  };

  /** The host's authorized_keys as its own user reads it, or null when it does not exist. */
  async function authorizedKeys(h: HostName): Promise<string | null> {
    const file = join(lab().hosts[h].home, '.ssh', 'authorized_keys');
    const r = await lab().exec('/bin/sh', ['-c', 'test -e "$1" && cat "$1"', 'sh', file], { where: h });
    return r.code === 0 ? r.stdout : null;
  }

  async function modeOf(h: HostName, rel: string): Promise<string> {
    const r = await lab().exec('/usr/bin/stat', ['-c', '%a %U', join(lab().hosts[h].home, rel)], {
      where: h,
    });
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trim();
  }

  /** Nothing of a run is left: no ssh of the client still running, no private directory. */
  async function assertCleanedUp(): Promise<void> {
    // Exited processes (zombies) do not count: this machine's init may reap them late.
    const ps = await lab().exec('/usr/bin/ps', ['-u', String(lab().client.uid), '-o', 'stat=,args='], {
      asRoot: true,
    });
    const running = ps.stdout.split('\n').filter((l) => /\bssh\b/.test(l) && !/^Z/.test(l.trim()));
    assert.deepEqual(running, [], 'no ssh process of the client is left running');
    assert.deepEqual(
      readdirSync('/tmp').filter((n) => n.startsWith('jcid-') && existsSync(join('/tmp', n))),
      [],
      'the run’s private directory is removed',
    );
  }

  async function writeAs(h: HostName, rel: string, text: string): Promise<void> {
    const file = join(lab().hosts[h].home, rel);
    const r = await lab().exec('/bin/sh', ['-c', 'printf %s "$2" > "$1"', 'sh', file, text], { where: h });
    assert.equal(r.code, 0, r.stderr);
  }

  const keyLine = () => `${lab().client.publicKey}\n`;

  labTest(
    'password on jump2 and target, key on jump1: afterwards the key alone reaches the target',
    async () => {
      const l = await keyOnlyOnJump1();
      const before = await l.ssh(['-o', 'BatchMode=yes', 'target', 'true']);
      assert.equal(before.code, 255, 'the key does not reach the target yet');

      const ask = askpass(l, { jump2: l.hosts.jump2.password, target: l.hosts.target.password });
      const r = await jumpctl(['copy-id', 'target', '--json'], ask);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      const hops = hopsOf(r.stdout);
      assert.deepEqual(
        HOSTS.map((h) => hops[h]?.status),
        ['present', 'installed', 'installed'],
      );
      // Each password was asked exactly once; jump1 (key) none.
      assert.deepEqual(await promptCounts(ask.log), { jump2: 1, target: 1 });

      const after = await l.ssh(['-o', 'BatchMode=yes', 'target', 'true']);
      assert.equal(after.code, 0, after.stderr);
      for (const h of HOSTS) assert.equal(await authorizedKeys(h), keyLine(), h);
      await assertCleanedUp();
    },
  );

  /** Logins each host's sshd has accepted so far. */
  const logins = () =>
    HOSTS.map(
      (h) =>
        readFileSync(lab().hosts[h].sshdLog, 'utf8').match(/Accepted (publickey|password) for/g)?.length ?? 0,
    );

  labTest('a second run changes nothing: byte-identical files, "already present", no prompt', async () => {
    const l = lab();
    const before = await Promise.all(HOSTS.map(authorizedKeys));
    const loginsBefore = logins();
    const ask = askpass(l, {});
    const r = await jumpctl(['copy-id', 'target'], ask);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(r.stdout.match(/already present/g)?.length, 3, r.stdout);
    assert.deepEqual(await Promise.all(HOSTS.map(authorizedKeys)), before);
    assert.deepEqual(await promptsIn(ask.log), []);
    // One login per host, although jump1 is passed three times: later hops reuse the masters.
    assert.deepEqual(
      logins().map((n, i) => n - (loginsBefore[i] ?? 0)),
      [1, 1, 1],
    );
    await assertCleanedUp();
  });

  labTest('a file without a final newline, and a host without ~/.ssh, end up correct', async () => {
    const l = lab();
    await l.reset();
    await l.setPasswordAuth('jump2', true);
    await writeAs('jump2', '.ssh/authorized_keys', OTHER_KEY);
    l.removeSshDir('target');
    assert.equal(await authorizedKeys('target'), null);

    const ask = askpass(l, { jump2: l.hosts.jump2.password, target: l.hosts.target.password });
    const r = await jumpctl(['copy-id', 'target', '--json'], ask);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const hops = hopsOf(r.stdout);
    assert.deepEqual(
      HOSTS.map((h) => hops[h]?.status),
      ['present', 'installed', 'installed'],
    );
    assert.equal(await authorizedKeys('jump2'), `${OTHER_KEY}\n${keyLine()}`);
    assert.equal(await authorizedKeys('target'), keyLine());
    const user = l.hosts.target.user;
    assert.equal(await modeOf('target', '.ssh'), `700 ${user}`);
    assert.equal(await modeOf('target', '.ssh/authorized_keys'), `600 ${user}`);
    assert.deepEqual(hops.target?.notes, ['created ~/.ssh', 'created ~/.ssh/authorized_keys']);
    assert.equal((await l.ssh(['-o', 'BatchMode=yes', 'target', 'true'])).code, 0);
    await assertCleanedUp();
  });

  labTest(
    'a wrong password on jump2: jump2 failed and named, jump1 keeps the key, nothing half-written',
    async () => {
      const l = lab();
      await l.reset();
      await l.setPasswordAuth('jump1', true);
      await l.setPasswordAuth('jump2', true);
      for (const h of HOSTS) l.removeAuthorizedKey(h);

      const ask = askpass(l, { jump1: l.hosts.jump1.password, jump2: 'not-the-password', target: 'unused' });
      const r = await jumpctl(['copy-id', 'target', '--json'], ask);
      assert.equal(r.code, 1, r.stderr + r.stdout);
      const hops = hopsOf(r.stdout);
      assert.deepEqual(
        HOSTS.map((h) => hops[h]?.status),
        ['installed', 'failed', 'not-reached'],
      );
      assert.equal(hops.jump2?.failure?.code, 'E_AUTH');
      assert.match(hops.jump2?.failure?.message ?? '', /jump2/);
      assert.match(hops.jump2?.failure?.raw ?? '', /Permission denied/);
      assert.equal(await authorizedKeys('jump1'), keyLine());
      assert.equal(await authorizedKeys('jump2'), '');
      assert.equal(await authorizedKeys('target'), '');
      assert.equal((await promptsIn(ask.log)).filter((p) => p.includes('@target.lab')).length, 0);

      const text = await jumpctl(['copy-id', 'target'], ask);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /^jump1 .* already present$/m);
      assert.match(text.stdout, /^jump2 .* ✗ failed \(E_AUTH\)$/m);
      assert.match(text.stdout, /^target .* not reached$/m);
      await assertCleanedUp();
    },
  );

  labTest(
    'a hop behind a ProxyCommand ssh -W forwarder shares the run’s connections: one password per hop',
    async () => {
      const l = await keyOnlyOnJump1();
      // The user's own ~/.ssh/config, reaching the target with a forwarder that reads the
      // default files (no -F of its own), as old-client configs do.
      const userConfig = join(l.client.home, '.ssh', 'config');
      const text = readFileSync(l.client.config, 'utf8').replace(
        /^(Host target\n(?: {2}.*\n)*?) {2}ProxyJump jump2\n/m,
        '$1  ProxyCommand ssh -W %h:%p jump2\n',
      );
      assert.match(text, /ProxyCommand ssh -W %h:%p jump2/);
      writeFileSync(userConfig, text, { mode: 0o600 });
      chownSync(userConfig, l.client.uid, l.client.gid);
      // A new key, not the one the user's config offers: the forwarder's own ssh (reading only
      // the default files) would offer the old key to jump2 and need its password again.
      const newKey = join(l.client.home, '.ssh', 'id_new');
      const gen = await l.exec(tool('ssh-keygen'), ['-q', '-t', 'ed25519', '-N', '', '-f', newKey]);
      assert.equal(gen.code, 0, gen.stderr);
      try {
        const ask = askpass(l, { jump2: l.hosts.jump2.password, target: l.hosts.target.password });
        const r = await jumpctl(['copy-id', 'target', '-i', `${newKey}.pub`, '--json'], ask, true);
        assert.equal(r.code, 0, r.stderr + r.stdout);
        const hops = hopsOf(r.stdout);
        assert.deepEqual(
          HOSTS.map((h) => hops[h]?.status),
          ['installed', 'installed', 'installed'],
        );
        assert.deepEqual(await promptCounts(ask.log), { jump2: 1, target: 1 });
        const line = readFileSync(`${newKey}.pub`, 'utf8');
        for (const h of HOSTS) assert.ok((await authorizedKeys(h))?.endsWith(line), h);
        await assertCleanedUp();
      } finally {
        rmSync(userConfig, { force: true });
        rmSync(newKey, { force: true });
        rmSync(`${newKey}.pub`, { force: true });
      }
    },
  );

  labTest('a key file whose name holds shell metacharacters is a plain name', async () => {
    const l = lab();
    await l.reset();
    const key = join(l.client.home, 'k$(touch pwned);x');
    const gen = await l.exec(tool('ssh-keygen'), ['-q', '-t', 'ed25519', '-N', '', '-C', 'odd', '-f', key]);
    assert.equal(gen.code, 0, gen.stderr);
    const pub = (await l.exec('/bin/cat', [`${key}.pub`])).stdout;

    const r = await jumpctl(['copy-id', '-i', `${key}.pub`, 'target', '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.deepEqual(
      Object.values(hopsOf(r.stdout)).map((h) => h.status),
      ['installed', 'installed', 'installed'],
    );
    for (const h of HOSTS) assert.equal(await authorizedKeys(h), `${l.client.publicKey}\n${pub}`, h);
    // The private key's path, given by mistake, means its .pub; now present everywhere.
    const again = await jumpctl(['copy-id', '-i', key, 'target', '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(
      Object.values(hopsOf(again.stdout)).map((h) => h.status),
      ['present', 'present', 'present'],
    );
    const places = ['client', ...HOSTS] as const;
    for (const place of places) {
      const found = await l.exec(
        '/usr/bin/find',
        ['/tmp', place === 'client' ? l.client.home : l.hosts[place].home, '-name', 'pwned'],
        {
          where: place,
          asRoot: true,
        },
      );
      assert.equal(found.stdout.trim(), '', `no pwned file in ${place}`);
    }
    await assertCleanedUp();
  });

  labTest(
    '--hops jump2,target --configure: jump1 untouched; the config then makes those hosts use the key',
    async () => {
      const l = lab();
      await l.reset();
      const key = join(l.client.home, 'work');
      const gen = await l.exec(tool('ssh-keygen'), [
        '-q',
        '-t',
        'ed25519',
        '-N',
        '',
        '-C',
        'work',
        '-f',
        key,
      ]);
      assert.equal(gen.code, 0, gen.stderr);
      const pub = (await l.exec('/bin/cat', [`${key}.pub`])).stdout;
      const jump1Before = await authorizedKeys('jump1');
      // The lab's own config is root's; --configure edits a copy the client owns.
      const config = join(l.client.home, 'ssh_config');
      assert.equal((await l.exec('/bin/cp', [l.client.config, config])).code, 0);
      const original = (await l.exec('/bin/cat', [config])).stdout;

      const r = await l.exec(
        node,
        [
          CLI,
          '-F',
          config,
          'copy-id',
          '-i',
          `${key}.pub`,
          '--hops',
          'jump2,target',
          '--configure',
          'target',
          '--json',
        ],
        {
          timeoutMs: 90_000,
          env: {
            XDG_STATE_HOME: join(l.client.home, '.state'),
            XDG_CACHE_HOME: join(l.client.home, '.cache'),
            NO_COLOR: '1',
          },
        },
      );
      assert.equal(r.code, 0, r.stderr + r.stdout);
      const doc = JSON.parse(r.stdout) as {
        hops: HopJson[];
        configure: { edits: { alias: string; keyword: string; value: string }[]; applied: boolean };
      };
      assert.deepEqual(
        doc.hops.map((h) => h.status),
        ['skipped', 'installed', 'installed'],
      );
      assert.equal(await authorizedKeys('jump1'), jump1Before);
      assert.equal(await authorizedKeys('jump2'), `${keyLine()}${pub}`);
      assert.equal(await authorizedKeys('target'), `${keyLine()}${pub}`);
      assert.deepEqual(doc.configure.edits, [
        { alias: 'jump2', keyword: 'IdentityFile', value: '~/work' },
        { alias: 'target', keyword: 'IdentityFile', value: '~/work' },
      ]);
      assert.equal(doc.configure.applied, true);
      const edited = (await l.exec('/bin/cat', [config])).stdout;
      const added = edited.split('\n').filter((line) => !original.split('\n').includes(line));
      assert.deepEqual(
        added.map((a) => a.trim()),
        ['IdentityFile ~/work', 'IdentityFile ~/work'],
        'only the two lines added',
      );

      // Proof: with the lab key gone from jump2 and the target, the configured key alone gets through.
      await writeAs('jump2', '.ssh/authorized_keys', pub);
      await writeAs('target', '.ssh/authorized_keys', pub);
      try {
        const ssh = await l.exec(tool('ssh'), ['-F', config, '-o', 'BatchMode=yes', 'target', 'true'], {
          timeoutMs: 30_000,
        });
        assert.equal(ssh.code, 0, ssh.stderr);
      } finally {
        await l.reset();
      }
      await assertCleanedUp();
    },
  );

  /** Runs jumpctl under a pseudo-terminal (script(1)); returns helpers to read the screen and type. */
  function onTerminal(args: string) {
    const child = lab().spawn(
      'script',
      ['-qfec', `${node} ${CLI} -F ${lab().client.config} ${args}`, '/dev/null'],
      {
        env: { TERM: 'xterm', NO_COLOR: '1', XDG_CACHE_HOME: join(lab().client.home, '.cache') },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let screen = '';
    child.stdout?.on('data', (d: Buffer) => (screen += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return {
      screen: () => screen,
      type: (text: string) => child.stdin?.write(text),
      exited,
      kill: () => child.kill('SIGKILL'),
      async waitFor(re: RegExp, ms = 20_000): Promise<void> {
        const end = Date.now() + ms;
        while (!re.test(screen)) {
          if (Date.now() > end) throw new Error(`timed out waiting for ${re}; screen so far:\n${screen}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      },
    };
  }

  labTest(
    'on a terminal, each hop’s password prompt reaches the user once; Ctrl-C stops and cleans up',
    async () => {
      const l = await keyOnlyOnJump1();
      const jump2Prompt = new RegExp(`${l.hosts.jump2.user}@jump2\\.lab's password: `);
      const targetPrompt = new RegExp(`${l.hosts.target.user}@target\\.lab's password: `);

      const stopped = onTerminal('copy-id target');
      try {
        await stopped.waitFor(jump2Prompt);
        stopped.type('\x03');
        assert.equal(await stopped.exited, 130, stopped.screen());
        assert.match(stopped.screen(), /interrupted \(SIGINT\)/);
        assert.match(stopped.screen(), /^target .* not reached/m);
      } finally {
        stopped.kill();
      }
      assert.equal(await authorizedKeys('jump2'), '');
      await assertCleanedUp();

      const t = onTerminal('copy-id target');
      try {
        await t.waitFor(/copy-id: jump2 \(/);
        await t.waitFor(jump2Prompt);
        t.type(`${l.hosts.jump2.password}\r`);
        await t.waitFor(targetPrompt);
        t.type(`${l.hosts.target.password}\r`);
        assert.equal(await t.exited, 0, t.screen());
      } finally {
        t.kill();
      }
      const screen = t.screen();
      assert.equal(screen.match(/password: /g)?.length, 2, screen);
      assert.match(screen, /✓ the key is on all 3 requested hops/);
      assert.equal((await l.ssh(['-o', 'BatchMode=yes', 'target', 'true'])).code, 0);
      await assertCleanedUp();
    },
  );
});
