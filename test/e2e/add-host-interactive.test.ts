/**
 * add-host on a terminal: the questions for what is missing (driven through `script`, a real
 * pseudo-terminal), the coloured diff preview and the confirmation, then the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempHome } from '../helpers/run-cli.js';
import { noScript, onTerminal } from '../helpers/pty.js';

const BASE = 'Host bastion\n    HostName bastion.example.com\n\nHost *\n    ServerAliveInterval 60\n';

test(
  'add-host asks for what is missing on a terminal, previews the diff and writes after yes',
  { skip: noScript },
  async () => {
    const home = tempHome({
      '.ssh/config': BASE,
      '.ssh/id_ed25519': 'KEY',
      '.ssh/id_ed25519.pub': 'ssh-ed25519 AAAA k',
    });
    const term = onTerminal(['add-host', 'web'], home);
    try {
      await term.answer(/Host name or address/, 'web.internal\r');
      await term.answer(/User/, 'deploy\r');
      await term.answer(/Port/, '\r');
      await term.answer(/Jump through \(first hop\)/, '\x1b[B\r');
      await term.answer(/Then jump through/, '\r');
      await term.answer(/Identity file/, '\x1b[B\r');
      await term.answer(/Share connections/, 'n\r');
      await term.answer(/Write this change/, '\r');
      assert.equal(await term.closed, 0, term.all());
    } finally {
      term.kill();
    }
    // The preview before the question: the diff, in colour (green added lines).
    assert.ok(term.all().includes('\u001b[32m+Host web'), 'the added lines are green');
    const text = readFileSync(join(home, '.ssh', 'config'), 'utf8');
    assert.equal(
      text,
      `Host bastion\n    HostName bastion.example.com\n\nHost web\n    HostName web.internal\n    User deploy\n    ProxyJump bastion\n    IdentityFile ${join(home, '.ssh', 'id_ed25519')}\n    IdentitiesOnly yes\n\nHost *\n    ServerAliveInterval 60\n`,
    );
  },
);

test(
  'a mistyped port, refused and then cleared (one backspace too many), leaves Enter taking the default 22',
  { skip: noScript },
  async () => {
    const home = tempHome({ '.ssh/config': BASE });
    const term = onTerminal(['add-host', 'web'], home);
    try {
      await term.answer(/Host name or address/, 'web.internal\r');
      await term.answer(/User/, '\r');
      await term.answer(/Port/, '99999\r');
      // Five characters, six backspaces: the extra one used to make inquirer drop its default.
      await term.answer(/a number from 1 to 65535/, '\x7f'.repeat(6));
      await term.answer(/Port/, '\r');
      await term.answer(/Jump through \(first hop\)/, '\r');
      await term.answer(/Share connections/, 'n\r');
      await term.answer(/Write this change/, '\r');
      assert.equal(await term.closed, 0, term.all());
    } finally {
      term.kill();
    }
    assert.equal(
      readFileSync(join(home, '.ssh', 'config'), 'utf8'),
      'Host bastion\n    HostName bastion.example.com\n\nHost web\n    HostName web.internal\n\nHost *\n    ServerAliveInterval 60\n',
      'no Port line: 22 is the default',
    );
  },
);
