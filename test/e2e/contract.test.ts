/**
 * The output and error contract (issue 15), through the built CLI: exit codes, --json decided by
 * the parsed options, every error as one JSON object under --json, usage errors in one line with
 * a pointer to the help, "did you mean" through one suggestion function, every bad config line
 * reported, the fix for a whole-file problem, and control characters never reaching the terminal.
 * Prompts (Ctrl-C, declining) are in cancel-pty.test.ts.
 */
/* eslint-disable no-control-regex -- control characters are what some of these tests look for */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome, type CliRun } from '../helpers/run-cli.js';
import { calls, fake } from '../helpers/fake-ssh.js';

const CONFIG = `Host bastion
    HostName bastion.example.com

Host db
    HostName 10.20.0.5
    ProxyJump bastion
`;
const FEW = 'Host a\nHost b\nHost c\nHost d\nHost e\n    HostName e.example.com\n';

/** A temp home with `files`, removed after `fn`. */
function withHome(files: Record<string, string>, fn: (home: string) => void): void {
  const home = tempHome(files);
  try {
    fn(home);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Under --json: stdout is one JSON object with an error, and nothing else. */
function jsonError(r: CliRun): { code: string; message: string; hint?: string; [k: string]: unknown } {
  const parsed = r.json() as { error?: { code: string; message: string; hint?: string } };
  assert.deepEqual(Object.keys(parsed), ['error'], r.stdout);
  assert.ok(parsed.error);
  assert.equal(typeof parsed.error.code, 'string');
  assert.equal(typeof parsed.error.message, 'string');
  return parsed.error;
}

test('exit codes: 0 ok, 1 a finding, 2 usage, and ssh’s own code for connect', () =>
  withHome(
    { '.ssh/config': `${CONFIG}Host loop\n    ProxyJump loop2\nHost loop2\n    ProxyJump loop\n` },
    (home) => {
      assert.equal(runCli(['show', 'db'], home).code, 0);
      assert.equal(runCli(['chain', 'loop'], home).code, 1, 'a loop is a finding');
      assert.equal(runCli(['show', 'db', '--bogus'], home).code, 2);
      assert.equal(runCli(['show'], home).code, 2);
      assert.equal(runCli(['connect', 'db'], home, fake(home, 7)).code, 7);
      assert.equal(runCli(['connect', 'db'], home, fake(home, 255)).code, 255);
      assert.equal(runCli(['--help'], home).code, 0);
      assert.equal(runCli(['--version'], home).code, 0);
    },
  ));

test('--json comes from the parsed options: after -- it is ssh’s', () =>
  withHome({ '.ssh/config': CONFIG }, (home) => {
    const human = runCli(['connect', 'db', '--dry-run', '--', 'ls', '--json'], home);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, 'ssh db ls --json\n', 'the human line, not JSON');
    const json = runCli(['connect', '--json', 'db', '--dry-run', '--', 'ls'], home);
    assert.deepEqual((json.json() as { argv: string[] }).argv, ['ssh', 'db', 'ls']);
    // Nothing is run, so nothing can pass --json to a real ssh either.
    const ran = runCli(['connect', 'db', '--', 'ls', '--json'], home, fake(home));
    assert.equal(ran.stdout, '');
    assert.deepEqual(calls(home).at(-1), ['db', 'ls', '--json']);
  }));

test('under --json every error is one JSON object on stdout, usage errors included', () =>
  withHome({ '.ssh/config': CONFIG }, (home) => {
    const cases: [string[], string, number][] = [
      [['show', 'db', '--bogus', '--json'], 'E_USAGE', 2], // --json after the bad option still counts
      [['--json', 'show'], 'E_USAGE', 2],
      [['--json', 'shwo', 'db'], 'E_USAGE', 2],
      [['chain', 'db', '--format', 'png', '--json'], 'E_USAGE', 2],
      [['--json', 'connect', 'db', '-p', '2222'], 'E_USAGE', 2],
      [['set', 'dbb', 'Port', '22', '--json'], 'E_NO_HOST', 1],
      [['set', 'db', 'Port', 'abc', '--json'], 'E_INVALID_INPUT', 2],
      [['--json'], 'E_USAGE', 2],
    ];
    for (const [argv, code, exit] of cases) {
      const r = runCli(argv, home);
      assert.equal(r.code, exit, `${argv.join(' ')}: ${r.stderr}`);
      assert.equal(jsonError(r).code, code, argv.join(' '));
      assert.doesNotMatch(r.stderr, /Usage:|Options:/, 'no help text anywhere');
    }
  }));

test('usage errors: the one wrong thing and a pointer to the help, not the whole help', () =>
  withHome({ '.ssh/config': CONFIG }, (home) => {
    const r = runCli(['show', 'db', '--bogus'], home);
    assert.equal(r.stderr, "✗ unknown option '--bogus'\n  See: jumpctl show --help\n");
    assert.equal(r.stdout, '');
    const missing = runCli(['rename', 'db'], home);
    assert.equal(missing.stderr, "✗ missing required argument 'new'\n  See: jumpctl rename --help\n");
  }));

test('connect -p 2222 says ssh options go after --, with the command line corrected', () =>
  withHome({ '.ssh/config': CONFIG }, (home) => {
    const r = runCli(['connect', 'db', '-p', '2222'], home, fake(home));
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      "✗ unknown option '-p': options for ssh go after --\n  Try: jumpctl connect db -- -p 2222\n",
    );
    const mixed = runCli(['connect', '-A', 'db', '--dry-run', '-L', '5432:localhost:5432'], home);
    assert.match(mixed.stderr, /Try: jumpctl connect db --dry-run -- -A -L 5432:localhost:5432\n/);
    assert.deepEqual(calls(home), [], 'nothing ran');
  }));

test('did you mean: a command, an option, a keyword, a host, a jump', () =>
  withHome({ '.ssh/config': CONFIG }, (home) => {
    assert.match(runCli(['shwo', 'db'], home).stderr, /unknown command 'shwo' \(did you mean show\?\)/);
    assert.match(
      runCli(['show', 'db', '--al'], home).stderr,
      /unknown option '--al' \(did you mean --all\?\)/,
    );
    assert.match(runCli(['set', 'db', 'Prot', '22'], home).stderr, /Did you mean Port\?/);
    assert.match(runCli(['rm', 'bastoin'], home).stderr, /Did you mean bastion\?/);
    assert.match(runCli(['set', 'dbb', 'Port', '22'], home).stderr, /Did you mean db\?/);
    assert.match(
      runCli(['connect', '--via', 'bastoin', 'db', '--dry-run'], home).stderr,
      /Did you mean bastion\?/,
    );
    assert.match(runCli(['show', 'bastoin'], home).stdout, /Did you mean: bastion\?/);
  }));

test('bastoin among hosts a–e suggests nothing (no containment of one-letter names)', () =>
  withHome({ '.ssh/config': FEW }, (home) => {
    const r = runCli(['show', 'bastoin', '--json'], home);
    assert.deepEqual((r.json() as { suggestions: string[] }).suggestions, []);
    assert.doesNotMatch(runCli(['show', 'bastoin'], home).stdout, /Did you mean/);
    assert.doesNotMatch(runCli(['rm', 'bastoin'], home).stderr, /Did you mean/);
  }));

test('show --all shows the values at ssh’s defaults that show hides', () =>
  withHome({ '.ssh/config': CONFIG }, (home) => {
    const some = runCli(['show', 'db'], home);
    const all = runCli(['show', 'db', '--all'], home);
    assert.equal(all.code, 0, all.stderr);
    assert.match(some.stdout, /more at ssh's defaults; --all shows them/);
    assert.doesNotMatch(all.stdout, /more at ssh's defaults/);
    assert.ok(all.stdout.split('\n').length > some.stdout.split('\n').length + 20);
    assert.match(all.stdout, /^stricthostkeychecking\s/m);
  }));

test('every bad line of the configuration is reported, each at its file:line', () =>
  withHome(
    {
      '.ssh/config':
        'Include ~/.ssh/more\nHost a\n    Foo bar\n    Port abc\nHost b\n    HostNmae b.example.com\n',
      '.ssh/more': 'Bogus 1\n',
    },
    (home) => {
      const cfg = join(home, '.ssh', 'config');
      const r = runCli(['show', 'a'], home);
      assert.equal(r.code, 1);
      for (const line of [
        `${cfg}:3: Bad configuration option: foo`,
        `${cfg}:4: Bad port 'abc'.`,
        `${cfg}:6: Bad configuration option: hostnmae (did you mean hostname?)`,
        `${join(home, '.ssh', 'more')}:1: Bad configuration option: bogus`,
      ])
        assert.ok(r.stderr.includes(`  ${line}\n`), `${line} in:\n${r.stderr}`);
      assert.match(r.stderr, /^✗ 4 problems in the ssh configuration/);
      assert.match(r.stderr, /Fix the 4 lines named above/);
      const j = jsonError(runCli(['show', 'a', '--json'], home));
      assert.equal((j.problems as unknown[]).length, 4);
    },
  ));

test('a whole-file problem gets the fix that applies, not "fix the line named above"', () =>
  withHome({ '.ssh/config': CONFIG }, (home) => {
    const missing = runCli(['-F', join(home, 'nope.cfg'), 'show', 'db'], home);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, new RegExp(`Check the path: ${join(home, 'nope.cfg')} does not exist`));
    assert.doesNotMatch(missing.stderr, /line named above/);
    const cfg = join(home, '.ssh', 'config');
    chmodSync(cfg, 0o666);
    const open = runCli(['show', 'db'], home);
    assert.equal(open.code, 1);
    assert.match(open.stderr, new RegExp(`chmod 600 ${cfg}`));
    assert.doesNotMatch(open.stderr, /line named above/);
  }));

test('control characters from the config are escaped on the terminal, exact in JSON', () =>
  withHome(
    { '.ssh/config': 'Host a\n    HostName a\u001b]0;owned\u0007.example.com\n    User r\u001b[2Jx\n' },
    (home) => {
      const shown = runCli(['show', 'a'], home);
      assert.doesNotMatch(shown.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/);
      assert.match(shown.stdout, /a\\033\]0;owned\\007\.example\.com/);
      assert.match(shown.stdout, /r\\033\[2Jx/);
      const json = runCli(['show', 'a', '--json'], home).json() as { options: Record<string, string> };
      assert.equal(json.options.hostname, 'a\u001b]0;owned\u0007.example.com');
    },
  ));

test('a bad keyword with an escape sequence in it is escaped in the error too', () =>
  withHome({ '.ssh/config': 'Host a\n    H\u001b[31mName x\n' }, (home) => {
    const r = runCli(['show', 'a'], home);
    assert.match(r.stderr, /Bad configuration option: h\\033\[31mname/);
    assert.doesNotMatch(r.stderr, /\u001b/);
    assert.match(jsonError(runCli(['show', 'a', '--json'], home)).message, /h\u001b\[31mname/);
  }));

test('every command’s help shows examples and no usage error prints the help', () =>
  withHome({ '.ssh/config': CONFIG }, (home) => {
    // Every command jumpctl lists, read from its own help, so a new command cannot be missed.
    const listed = runCli(['--help'], home).stdout.split('Commands:')[1] ?? '';
    const commands = [...listed.matchAll(/^ {2}([a-z][\w-]*)/gm)]
      .map((m) => m[1] as string)
      .filter((c) => c !== 'help');
    assert.ok(commands.length >= 16, `commands read from --help: ${commands.join(' ')}`);
    for (const cmd of commands) {
      const r = runCli([cmd, '--help'], home);
      assert.equal(r.code, 0);
      assert.ok((r.stdout.match(/^\s+\$ /gm) ?? []).length >= 2, `${cmd} --help has examples`);
    }
  }));
