// Shell completion through the real shells: bash's programmable completion (the script's
// function called as bash calls it, with COMP_LINE, COMP_POINT and COMP_WORDS set), fish's own
// `complete -C`, and zsh typed into in a pseudo-terminal (tmux). The aliases are split over a
// globbed, nested Include; patterns and negated names must never be offered.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cliEnv, tempHome } from '../helpers/run-cli.js';

const home = tempHome({
  '.ssh/config':
    'Include conf.d/*.conf\nHost web1 !web9 web-*\n  User deploy\nHost *\n  ServerAliveInterval 30\n',
  '.ssh/conf.d/a.conf': 'Host web2\n  # jumpctl-tags: prod eu\n  HostName 10.0.0.2\nInclude nested/*.conf\n',
  '.ssh/conf.d/b.conf':
    'Host db?\n  # jumpctl-tags: pattern\n  User postgres\nHost bastion\n  # jumpctl-tags: edge prod\n  HostName b.example\n',
  '.ssh/nested/c.conf': 'Host web3 "web 4"\n  # jumpctl-tags: shared\n  HostName 10.0.0.3\n',
  'other.cfg': 'Host otherhost\n  HostName o.example\n',
});
after(() => rmSync(home, { recursive: true, force: true }));
const bin = join(home, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'jumpctl'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
const env = cliEnv(home, {
  PATH: `${bin}:${process.env.PATH ?? ''}`,
  XDG_CONFIG_HOME: join(home, '.config'),
});

function script(shell: string, ...flags: string[]): string {
  const r = spawnSync(process.execPath, [CLI, 'completion', shell, ...flags], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  const file = join(home, `completion-${shell}${flags.join('')}`);
  writeFileSync(file, r.stdout);
  return file;
}

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

/** What bash offers for `line` (the cursor at its end), calling the function bound to its command. */
function bash(line: string, ...flags: string[]): string[] {
  const file = script('bash', ...flags);
  const prog = `
source "${file}"
COMP_LINE=$1; COMP_POINT=\${#1}
read -r -a COMP_WORDS <<< "$1"; [[ $1 == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
fn=$(complete -p "\${COMP_WORDS[0]}" | sed -E 's/.*-F ([^ ]+).*/\\1/')
"$fn" 2>/dev/null
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '-c', prog, 'bash', line], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter((l) => l !== '');
}

function fish(line: string, ...flags: string[]): string[] {
  const file = script('fish', ...flags);
  const r = spawnSync('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`], {
    encoding: 'utf8',
    env,
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t')[0] as string);
}

test('bash: subcommands, aliases over a globbed nested Include, keywords, option values; never a pattern', () => {
  assert.deepEqual(bash('jumpctl con'), ['connect']);
  assert.deepEqual(bash('jumpctl connect ').sort(), ['bastion', 'web1', 'web2', 'web3', 'web 4'].sort());
  assert.deepEqual(bash('jumpctl connect we').sort(), ['web1', 'web2', 'web3', 'web 4'].sort());
  assert.deepEqual(bash('jumpctl set web1 Prox'), ['ProxyCommand', 'ProxyJump', 'ProxyUseFdpass']);
  assert.deepEqual(bash('jumpctl set --tag prod Prox'), ['ProxyCommand', 'ProxyJump', 'ProxyUseFdpass']);
  assert.deepEqual(bash('jumpctl set web1 StrictHostKeyChecking '), [
    'yes',
    'no',
    'ask',
    'accept-new',
    'off',
  ]);
  assert.deepEqual(bash('jumpctl chain web1 --format '), ['tree', 'dot', 'mermaid']);
  assert.deepEqual(bash('jumpctl connect --via bastion,w'), [
    'bastion,web1',
    'bastion,web2',
    'bastion,web3',
    'bastion,web 4',
  ]);
  assert.deepEqual(bash('jumpctl show --js'), ['--json']);
  // -F typed earlier on the line: that file's aliases only.
  assert.deepEqual(bash(`jumpctl -F ${join(home, 'other.cfg')} show `), ['otherhost']);
  // add-host names a new host: no existing alias offered.
  assert.deepEqual(bash('jumpctl add-host '), []);
  // Tags from the included files' own host blocks; none from a pattern or a shared Host line.
  assert.deepEqual(bash('jumpctl list --tag '), ['edge', 'eu', 'prod']);
  assert.deepEqual(bash('jumpctl list --tag e'), ['edge', 'eu']);
  assert.deepEqual(bash('jumpctl untag web2 p'), ['prod']);
});

test('bash --ssh: ssh, scp and rsync complete the same aliases', () => {
  assert.deepEqual(bash('ssh we', '--ssh').sort(), ['web1', 'web2', 'web3', 'web 4'].sort());
  assert.deepEqual(bash('ssh deploy@ba', '--ssh'), ['deploy@bastion']);
  assert.ok(bash('scp ./x web', '--ssh').includes('web1:'));
  assert.deepEqual(bash('sftp -F other.cfg oth', '--ssh'), []);
  assert.deepEqual(bash(`ssh -F ${join(home, 'other.cfg')} oth`, '--ssh'), ['otherhost']);
});

test(
  'fish: complete -C gives the same candidates',
  { skip: has('fish') ? false : 'fish is not installed' },
  () => {
    assert.deepEqual(fish('jumpctl con'), ['connect']);
    assert.deepEqual(fish('jumpctl connect we').sort(), ['web 4', 'web1', 'web2', 'web3'].sort());
    assert.deepEqual(fish('jumpctl set web1 Prox'), ['ProxyCommand', 'ProxyJump', 'ProxyUseFdpass']);
    assert.deepEqual(fish('ssh bas', '--ssh'), ['bastion']);
  },
);

/** zsh, typed into in tmux: the screen after `line` and a TAB. */
function zsh(line: string): string {
  const file = script('zsh', '--ssh');
  const sock = `jumpctl-test-${process.pid}`;
  // tmux keeps its socket directory under TMUX_TMPDIR (not TMPDIR): the test's own home.
  const tmuxEnv = { ...env, TMUX_TMPDIR: home };
  const tmux = (...args: string[]) =>
    spawnSync('tmux', ['-L', sock, ...args], { encoding: 'utf8', env: tmuxEnv });
  const rc = join(home, 'zdot');
  mkdirSync(rc, { recursive: true });
  writeFileSync(join(rc, '.zshrc'), `autoload -U compinit; compinit -u\nsource ${file}\nPS1='> '\n`);
  try {
    tmux('new-session', '-d', '-x', '200', '-y', '30', `env ZDOTDIR=${rc} zsh -i`);
    const screen = () => tmux('capture-pane', '-p').stdout;
    const until = (ok: (s: string) => boolean) => {
      for (let i = 0; i < 100; i++) {
        if (ok(screen())) return;
        spawnSync('sleep', ['0.1']);
      }
    };
    until((s) => s.includes('> '));
    // The first TAB inserts what all candidates share; the second lists them when several remain.
    tmux('send-keys', line, 'Tab');
    spawnSync('sleep', ['1']);
    tmux('send-keys', 'Tab');
    until((s) => /connect|bastion|web1/.test(s.split('> ').slice(1).join('')));
    spawnSync('sleep', ['0.5']);
    return screen();
  } finally {
    tmux('kill-server');
  }
}

test(
  'zsh: a TAB in a pseudo-terminal',
  { skip: has('zsh') && has('tmux') ? false : 'zsh or tmux is not installed' },
  () => {
    const cmd = zsh('jumpctl con');
    assert.match(cmd, /^> jumpctl connect\s*$/m);
    const hosts = zsh('jumpctl connect we');
    for (const h of ['web1', 'web2', 'web3']) assert.match(hosts, new RegExp(h));
    assert.doesNotMatch(hosts, /web-\*|web9/);
    assert.match(zsh('ssh bas'), /^> ssh bastion\s*$/m);
  },
);
