// `jumpctl connect` against real sshd servers: client → jump1 → jump2:2222 → target.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { join } from 'node:path';
import { labTest, useLab } from './harness.js';
import { CLI } from '../helpers/run-cli.js';

const node = process.execPath;

describe('connect through the lab chain', () => {
  const lab = useLab();

  const jumpctl = (args: string[], timeoutMs = 30_000) =>
    lab().exec(node, [CLI, '-F', lab().client.config, ...args], {
      timeoutMs,
      env: { XDG_STATE_HOME: join(lab().client.home, '.state'), NO_COLOR: '1' },
    });

  labTest('connect target -- hostname prints the target’s hostname through two jumps', async () => {
    const r = await jumpctl(['connect', 'target', '--', 'hostname']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'target');
  });

  labTest('the remote exit status is jumpctl’s exit code; ssh’s own failure is 255', async () => {
    const r = await jumpctl(['connect', 'target', '--', 'exit 7']);
    assert.equal(r.code, 7, r.stderr);
    lab().stopSshd('target');
    try {
      const f = await jumpctl(['connect', 'target', '--', 'true']);
      assert.equal(f.code, 255);
    } finally {
      await lab().reset();
    }
  });

  labTest('--via builds an ad-hoc chain', async () => {
    const t = lab().hosts.target;
    const r = await jumpctl(['connect', '--via', 'jump1,jump2', `${t.user}@${t.fqdn}`, '--', 'hostname']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'target');
  });

  labTest('the picker, driven through a pseudo-terminal, picks a host and connects', async () => {
    const cmd = `${node} ${CLI} -F ${lab().client.config} connect`;
    const child = lab().spawn('script', ['-qfec', cmd, '/dev/null'], {
      env: { TERM: 'xterm', XDG_STATE_HOME: join(lab().client.home, '.state') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const waitFor = async (re: RegExp, ms: number) => {
      const end = Date.now() + ms;
      while (!re.test(out)) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${re}; screen so far:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/Connect to/, 15_000);
      await waitFor(/jump1/, 5_000);
      child.stdin?.write('targ');
      await new Promise((r) => setTimeout(r, 300));
      child.stdin?.write('\r');
      await waitFor(/\$ |# /, 20_000);
      child.stdin?.write('echo "MARK-$(hostname)-END"; exit\r');
      await waitFor(/MARK-target-END/, 10_000);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
