/**
 * Leaving a prompt on a real terminal (script(1)): Ctrl-C at each kind of prompt, and a SIGINT
 * while one is up, print one line "cancelled" and exit 130, with no stack, the edit lock
 * released and the terminal back in its normal mode; answering no to "Write this change?" is
 * not a failure (exit 0, nothing written).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cliEnv, tempHome } from '../helpers/run-cli.js';
import { calls, fake } from '../helpers/fake-ssh.js';

const skip =
  spawnSync('script', ['--version']).status === 0 ? false : 'script(1) is not installed (bsdutils)';
const CONFIG = 'Host bastion\n    HostName bastion.example.com\n\nHost a\n    HostName a.example.com\n';
// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

interface Session {
  /** Waits until `text` is on the screen, then types `keys`. */
  answer(text: RegExp, keys: string): Promise<void>;
  type(keys: string): void;
  /** The exit status jumpctl gave, everything the terminal showed, and `stty -a` after it. */
  done(): Promise<{ exit: number; screen: string; stty: string }>;
  readonly shellPid: () => number;
}

/**
 * jumpctl in a shell on a pseudo-terminal; after it, the shell prints its exit status and the
 * terminal's mode (`stty -a`), as a user would see them at the next prompt.
 */
function onTerminal(args: readonly string[], home: string, extra: Record<string, string> = {}): Session {
  const env = cliEnv(home, { TERM: 'xterm', ...extra });
  delete env.CI;
  delete env.NO_COLOR;
  const q = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const line = `echo SH=$$; ${[process.execPath, CLI, ...args].map(q).join(' ')}; echo EXIT=$?; stty -a`;
  const child = spawn('script', ['-qfec', line, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let seen = 0;
  child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
  const closed = new Promise<void>((r) => child.on('close', () => r()));
  const until = async (re: RegExp) => {
    const end = Date.now() + 15_000;
    while (!re.test(plain(screen.slice(seen)))) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${re}; screen:\n${plain(screen)}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  };
  return {
    async answer(text, keys) {
      await until(text);
      seen = screen.length;
      await new Promise((r) => setTimeout(r, 150)); // drawn before it reads keys
      child.stdin.write(keys);
    },
    type: (keys) => child.stdin.write(keys),
    async done() {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await closed;
      clearTimeout(timer);
      const text = plain(screen);
      const [, exit = '-1'] = /EXIT=(\d+)/.exec(text) ?? [];
      return { exit: Number(exit), screen: text, stty: text.slice(text.indexOf('EXIT=')) };
    },
    shellPid: () => Number(/SH=(\d+)/.exec(screen)?.[1]),
  };
}

const lockIn = (dir: string) => readdirSync(dir).filter((f) => f.includes('.jumpctl.lock'));

/** One quiet line, no stack, and a terminal in cooked mode with echo (not left raw). */
function assertCancelled(r: { exit: number; screen: string; stty: string }): void {
  assert.equal(r.exit, 130, r.screen);
  assert.equal(r.screen.match(/cancelled/g)?.length, 1, r.screen);
  assert.match(r.screen, /\r?\ncancelled\r?\nEXIT=130/);
  assert.doesNotMatch(r.screen, /Error|\n\s+at |internal error/);
  assert.match(r.stty, /(^|\s)icanon(\s|$)/m, 'canonical mode is back');
  assert.match(r.stty, /(^|\s)echo(\s|$)/m, 'echo is back');
}

async function withHome(fn: (home: string) => Promise<void>): Promise<void> {
  const home = tempHome({ '.ssh/config': CONFIG });
  try {
    await fn(home);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

test('Ctrl-C at "Write this change?": cancelled, exit 130, lock released, file untouched', { skip }, () =>
  withHome(async (home) => {
    const t = onTerminal(['set', 'a', 'Port', '2222'], home);
    await t.answer(/Write this change/, '');
    assert.deepEqual(lockIn(join(home, '.ssh')).length, 1, 'the lock is held while it asks');
    t.type('\u0003');
    assertCancelled(await t.done());
    assert.deepEqual(lockIn(join(home, '.ssh')), []);
    assert.equal(readFileSync(join(home, '.ssh', 'config'), 'utf8'), CONFIG);
  }),
);

test(
  'answering no to "Write this change?" is not a failure: exit 0, one line, nothing written',
  { skip },
  () =>
    withHome(async (home) => {
      const t = onTerminal(['set', 'a', 'Port', '2222'], home);
      await t.answer(/Write this change/, 'n\r');
      const r = await t.done();
      assert.equal(r.exit, 0, r.screen);
      assert.match(r.screen, /\r?\nnothing was written\r?\nEXIT=0/);
      assert.doesNotMatch(r.screen, /--yes|✗|cancelled/);
      assert.deepEqual(lockIn(join(home, '.ssh')), []);
      assert.equal(readFileSync(join(home, '.ssh', 'config'), 'utf8'), CONFIG);
    }),
);

test('Ctrl-C at add-host’s first question (a text input)', { skip }, () =>
  withHome(async (home) => {
    const t = onTerminal(['add-host', 'web'], home);
    await t.answer(/Host name or address/, '\u0003');
    assertCancelled(await t.done());
    assert.equal(readFileSync(join(home, '.ssh', 'config'), 'utf8'), CONFIG);
  }),
);

test('Ctrl-C at add-host’s jump list (a select)', { skip }, () =>
  withHome(async (home) => {
    const t = onTerminal(['add-host', 'web'], home);
    await t.answer(/Host name or address/, 'web.internal\r');
    await t.answer(/User/, '\r');
    await t.answer(/Port/, '\r');
    await t.answer(/Jump through/, '\u0003');
    assertCancelled(await t.done());
    assert.equal(readFileSync(join(home, '.ssh', 'config'), 'utf8'), CONFIG);
  }),
);

test('Ctrl-C at the connect picker: cancelled, and no ssh is run', { skip }, () =>
  withHome(async (home) => {
    const t = onTerminal(['connect'], home, fake(home));
    await t.answer(/Connect to/, '\u0003');
    assertCancelled(await t.done());
    assert.deepEqual(calls(home), []);
  }),
);

test('SIGINT sent while the confirmation is up: cancelled once, lock released, terminal sane', { skip }, () =>
  withHome(async (home) => {
    const t = onTerminal(['set', 'a', 'Port', '2222'], home);
    await t.answer(/Write this change/, '');
    const jumpctl = spawnSync('pgrep', ['-P', String(t.shellPid())], { encoding: 'utf8' }).stdout.trim();
    assert.match(jumpctl, /^\d+$/, 'jumpctl runs under the shell');
    assert.equal(lockIn(join(home, '.ssh')).length, 1);
    process.kill(Number(jumpctl), 'SIGINT');
    assertCancelled(await t.done());
    assert.deepEqual(lockIn(join(home, '.ssh')), []);
    assert.equal(readFileSync(join(home, '.ssh', 'config'), 'utf8'), CONFIG);
  }),
);

test('the picker shows a config value’s control characters escaped, not obeyed', { skip }, async () => {
  const home = tempHome({ '.ssh/config': 'Host evil\n    HostName e\u001b]0;owned\u0007.example.com\n' });
  try {
    const t = onTerminal(['connect'], home, fake(home));
    await t.answer(/Connect to[^]*evil/, '\u0003');
    const r = await t.done();
    assertCancelled(r);
    assert.match(r.screen, /e\\033\]0;owned\\007\.example\.com/);
    assert.ok(!r.screen.includes('\u0007'), 'no BEL reached the terminal');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
