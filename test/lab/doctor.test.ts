// `jumpctl doctor` against real sshd servers: client → jump1 → jump2:2222 → target. One test per
// failure class of issue #6; each breaks the chain with a lab knob and checks the code, the hop,
// the jump it was reached through, and the hop statuses. A logging wrapper around ssh counts the
// probes jumpctl starts (its own probes end with `-- <host> …`; ssh's nested jump processes don't).
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, type TestContext } from 'node:test';
import { labTest, useLab, type Lab } from './harness.js';
import { run, tool } from './proc.js';
import { CLI } from '../helpers/run-cli.js';
import type { Report } from '../helpers/doctor-report.js';

describe('doctor through the lab chain', () => {
  const lab = useLab({}, { resetAfterEach: true });

  /** A wrapper named ssh, first on PATH, that logs its arguments and runs the real ssh. */
  function wrapper(l: Lab): { dir: string; log: string } {
    const dir = join(l.client.home, 'bin');
    const log = join(l.client.home, 'ssh-calls.log');
    mkdirSync(dir, { recursive: true });
    const script = `#!/bin/sh\ncase "$1" in -V|-G) ;; *) printf '%s\\n' "$*" >> '${log}' ;; esac\nexec ${tool('ssh')} "$@"\n`;
    writeFileSync(join(dir, 'ssh'), script, { mode: 0o755 });
    writeFileSync(log, '');
    for (const p of [dir, join(dir, 'ssh'), log]) chownSync(p, l.client.uid, l.client.gid);
    return { dir, log };
  }

  async function doctor(t: TestContext, args: string[], config?: string) {
    const l = lab();
    const w = wrapper(l);
    const r = await l.exec(
      process.execPath,
      [CLI, '-F', config ?? l.client.config, 'doctor', ...args, '--json'],
      {
        timeoutMs: 120_000,
        env: {
          PATH: `${w.dir}:${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
          XDG_STATE_HOME: join(l.client.home, '.state'),
          NO_COLOR: '1',
        },
      },
    );
    t.diagnostic(`jumpctl doctor ${args.join(' ')}: exit ${r.code} in ${Math.round(r.durationMs)} ms`);
    assert.equal(r.timedOut, false);
    let doc: Report;
    try {
      doc = JSON.parse(r.stdout) as Report;
    } catch {
      assert.fail(`no JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
    }
    const calls = readFileSync(w.log, 'utf8').split('\n').filter(Boolean);
    return { code: r.code, doc, probes: calls.filter((c) => / -- /.test(` ${c} `)), calls };
  }

  const where = (d: Report) => ({ code: d.failure?.code, hop: d.failure?.hop, via: d.failure?.via });
  const statuses = (d: Report) => d.hops.map((h) => `${h.alias}:${h.status}`);

  labTest('healthy chain: ok, every hop ok, proven by one probe', async (t) => {
    const r = await doctor(t, ['target']);
    assert.equal(r.code, 0, JSON.stringify(r.doc.failure));
    assert.equal(r.doc.ok, true);
    assert.equal(r.doc.failure, null);
    assert.deepEqual(statuses(r.doc), ['jump1:ok', 'jump2:ok', 'target:ok']);
    assert.deepEqual(
      r.doc.hops.map((h) => `${h.hostname}:${h.port}`),
      ['jump1.lab:22', 'jump2.lab:2222', 'target.lab:22'],
    );
    assert.equal(r.probes.length, 1, r.calls.join('\n'));
    assert.match(r.probes[0] ?? '', /-- target true$/);
  });

  labTest('forwarding disabled on jump2: E_FORWARDING_DENIED at target via jump2', async (t) => {
    await lab().setForwarding('jump2', false);
    const r = await doctor(t, ['target']);
    assert.equal(r.code, 1);
    assert.deepEqual(where(r.doc), { code: 'E_FORWARDING_DENIED', hop: 'target', via: 'jump2' });
    assert.deepEqual(statuses(r.doc), ['jump1:ok', 'jump2:ok', 'target:failed']);
    assert.match(r.doc.failure?.fix ?? '', /AllowTcpForwarding/);
    assert.match(r.doc.failure?.raw ?? '', /administratively prohibited/);
  });

  labTest('jump2’s key removed: E_AUTH at jump2, never a second login attempt there', async (t) => {
    lab().removeAuthorizedKey('jump2');
    const r = await doctor(t, ['target']);
    assert.deepEqual(where(r.doc), { code: 'E_AUTH', hop: 'jump2', via: 'jump1' });
    assert.deepEqual(statuses(r.doc), ['jump1:ok', 'jump2:failed', 'target:not-reached']);
    assert.ok(r.doc.failure?.message.includes(`${lab().hosts.jump2.user}@jump2.lab`));
    // The locating probe only forwards to jump2 through jump1 and reads its banner.
    assert.equal(r.probes.length, 2, r.probes.join('\n'));
    assert.match(r.probes[1] ?? '', /-W \[jump2\.lab\]:2222 -- jump1$/);
    assert.match(r.doc.failure?.message ?? '', /answers SSH-2\.0-/);
  });

  labTest('target host key changed: E_HOSTKEY_CHANGED naming the new fingerprint', async (t) => {
    await lab().changeHostKey('target');
    const r = await doctor(t, ['target']);
    assert.deepEqual(where(r.doc), { code: 'E_HOSTKEY_CHANGED', hop: 'target', via: 'jump2' });
    const alt = join(lab().dir, 'sshd', 'target', 'ssh_host_ed25519_key_alt.pub');
    const fp = (await run(tool('ssh-keygen'), ['-l', '-f', alt])).stdout.split(' ')[1] ?? '?';
    assert.ok(r.doc.failure?.message.includes(fp), `${fp} in ${r.doc.failure?.message}`);
    assert.match(r.doc.failure?.fix ?? '', /ssh-keygen -f .* -R "target\.lab"/);
    assert.match(r.doc.failure?.fix ?? '', /out of band/);
  });

  labTest('jump2’s HostName unknown to jump1: E_DNS_AT_JUMP at jump2 via jump1', async (t) => {
    lab().setResolvable('jump2', false);
    const r = await doctor(t, ['target']);
    assert.deepEqual(where(r.doc), { code: 'E_DNS_AT_JUMP', hop: 'jump2', via: 'jump1' });
    assert.match(r.doc.failure?.message ?? '', /jump1 cannot resolve jump2\.lab/);
    assert.match(r.doc.failure?.fix ?? '', /HostName for jump2 .*set at .*ssh_config:\d+/);
  });

  labTest('a wrong port for jump2: E_REFUSED at jump2 via jump1', async (t) => {
    lab().setClientPort('jump2', 2223);
    const r = await doctor(t, ['target']);
    assert.deepEqual(where(r.doc), { code: 'E_REFUSED', hop: 'jump2', via: 'jump1' });
    assert.match(r.doc.failure?.message ?? '', /jump2\.lab:2223 refused the connection from jump1/);
    assert.match(r.doc.failure?.fix ?? '', /Port of jump2 \(set at .*ssh_config:\d+\)/);
  });

  labTest('a stopped sshd: E_REFUSED at that hop (target via jump2; jump1 directly)', async (t) => {
    await lab().stopSshd('target');
    const r = await doctor(t, ['target']);
    assert.deepEqual(where(r.doc), { code: 'E_REFUSED', hop: 'target', via: 'jump2' });
    await lab().stopSshd('jump1');
    const first = await doctor(t, ['target']);
    assert.deepEqual(where(first.doc), { code: 'E_REFUSED', hop: 'jump1', via: null });
    assert.deepEqual(statuses(first.doc), ['jump1:failed', 'jump2:not-reached', 'target:not-reached']);
  });

  labTest('an unreachable address: E_TIMEOUT at that hop, with no second wait', async (t) => {
    lab().setUnreachable('target', true);
    const r = await doctor(t, ['target', '--timeout', '3']);
    assert.deepEqual(where(r.doc), { code: 'E_TIMEOUT', hop: 'target', via: 'jump2' });
    assert.equal(r.probes.length, 1, 'a time-out is not waited for twice');
    lab().setUnreachable('target', false);
    lab().setUnreachable('jump1', true);
    const first = await doctor(t, ['target', '--timeout', '3']);
    assert.deepEqual(where(first.doc), { code: 'E_TIMEOUT', hop: 'jump1', via: null });
  });

  labTest('a first hop the client cannot resolve: E_DNS at jump1', async (t) => {
    lab().setResolvable('jump1', false);
    const r = await doctor(t, ['target']);
    assert.deepEqual(where(r.doc), { code: 'E_DNS', hop: 'jump1', via: null });
    assert.match(r.doc.failure?.message ?? '', /this machine cannot resolve jump1\.lab/);
  });

  labTest('a private key with mode 0644: E_KEY_PERMISSIONS, also found statically', async (t) => {
    const key = lab().client.identityFile;
    chmodSync(key, 0o644);
    try {
      const r = await doctor(t, ['target']);
      assert.deepEqual(where(r.doc), { code: 'E_KEY_PERMISSIONS', hop: 'jump1', via: null });
      assert.match(r.doc.failure?.fix ?? '', /chmod 600/);
      const c = r.doc.checks.find((x) => x.id === 'identity.permissions');
      assert.equal(c?.severity, 'error');
      assert.equal(c?.where, key);
    } finally {
      chmodSync(key, 0o600);
    }
  });

  labTest('a cyclic config: E_CHAIN_CYCLE and no ssh run at all', async (t) => {
    const l = lab();
    const cfg = join(l.client.home, 'cycle.config');
    const base = readFileSync(l.client.config, 'utf8');
    writeFileSync(cfg, `Host jump1\n  ProxyJump target\n${base}`, { mode: 0o600 });
    chownSync(cfg, l.client.uid, l.client.gid);
    const r = await doctor(t, ['target'], cfg);
    assert.equal(r.code, 1);
    assert.equal(r.doc.failure?.code, 'E_CHAIN_CYCLE');
    assert.match(r.doc.failure?.message ?? '', /jump1 → .*target/);
    assert.deepEqual(r.calls, [], 'nothing but ssh -V/-G ran');
  });

  labTest('an unknown host key for jump2: E_HOSTKEY_UNKNOWN, nothing written to known_hosts', async (t) => {
    const l = lab();
    const kept = readFileSync(l.client.knownHosts, 'utf8')
      .split('\n')
      .filter((line) => !line.includes('jump2.lab'))
      .join('\n');
    writeFileSync(l.client.knownHosts, kept);
    const r = await doctor(t, ['target']);
    assert.deepEqual(where(r.doc), { code: 'E_HOSTKEY_UNKNOWN', hop: 'jump2', via: 'jump1' });
    assert.equal(readFileSync(l.client.knownHosts, 'utf8'), kept);
  });
});
