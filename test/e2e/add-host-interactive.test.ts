/**
 * add-host on a terminal: the questions for what is missing (driven through `script`, a real
 * pseudo-terminal), the coloured diff preview and the confirmation, then the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, tempHome } from '../helpers/run-cli.js';

const BASE = 'Host bastion\n    HostName bastion.example.com\n\nHost *\n    ServerAliveInterval 60\n';
const hasScript = spawnSync('script', ['--version']).status === 0;

test(
  'add-host asks for what is missing on a terminal, previews the diff and writes after yes',
  { skip: hasScript ? false : 'script(1) is not installed (bsdutils)' },
  async () => {
    const home = tempHome({
      '.ssh/config': BASE,
      '.ssh/id_ed25519': 'KEY',
      '.ssh/id_ed25519.pub': 'ssh-ed25519 AAAA k',
    });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      XDG_STATE_HOME: join(home, '.state'),
      XDG_CACHE_HOME: join(home, '.cache'),
      TERM: 'xterm',
    };
    delete env.CI;
    delete env.NO_COLOR;
    const child = spawn('script', ['-qfec', `${process.execPath} ${CLI} add-host web`, '/dev/null'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let all = '';
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString();
      all += d.toString();
    });
    const closed = new Promise<number | null>((r) => child.on('close', r));
    const answer = async (prompt: RegExp, keys: string) => {
      const end = Date.now() + 15_000;
      while (!prompt.test(screen)) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${prompt}; screen:\n${screen}`);
        await new Promise((r) => setTimeout(r, 30));
      }
      screen = '';
      await new Promise((r) => setTimeout(r, 100));
      child.stdin.write(keys);
    };
    try {
      await answer(/Host name or address/, 'web.internal\r');
      await answer(/User/, 'deploy\r');
      await answer(/Port/, '\r');
      await answer(/Jump through \(first hop\)/, '\x1b[B\r');
      await answer(/Then jump through/, '\r');
      await answer(/Identity file/, '\x1b[B\r');
      await answer(/Share connections/, 'n\r');
      await answer(/Write this change/, '\r');
      assert.equal(await closed, 0, screen);
    } finally {
      child.kill('SIGKILL');
    }
    // The preview before the question: the diff, in colour (green added lines).
    assert.ok(all.includes('\u001b[32m+Host web'), 'the added lines are green');
    const text = readFileSync(join(home, '.ssh', 'config'), 'utf8');
    assert.equal(
      text,
      `Host bastion\n    HostName bastion.example.com\n\nHost web\n    HostName web.internal\n    User deploy\n    ProxyJump bastion\n    IdentityFile ${join(home, '.ssh', 'id_ed25519')}\n    IdentitiesOnly yes\n\nHost *\n    ServerAliveInterval 60\n`,
    );
  },
);
