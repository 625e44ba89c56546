// On a file system whose times have one-second steps, an edit of the same size within the same
// second as a run keeps the file's identity (inode, size, times). Whatever jumpctl kept from the
// earlier run must not hide the edit: here, one that makes the chain loop, which connect must
// refuse before any ssh starts. The file system is a small ext4 with 128-byte inodes (one-second
// times), loop-mounted: root only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { calls, fake } from '../helpers/fake-ssh.js';

const BEFORE = [
  'Host dx',
  '  ProxyJump db',
  'Host *',
  '  ServerAliveInterval 30',
  'Host bastion',
  '  HostName b.example',
  'Host db',
  '  HostName 10.0.0.5',
  '  ProxyJump bastion',
  '',
].join('\n');
// Same size: `Host dx` becomes `Host db`, whose first block now jumps through db itself.
const AFTER = BEFORE.replace('Host dx', 'Host db');

function mountOneSecondFs(dir: string): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to loop-mount a file system';
  const img = join(dir, 'fs.img');
  const mnt = join(dir, 'mnt');
  mkdirSync(mnt);
  if (spawnSync('truncate', ['-s', '8M', img]).status !== 0) return 'truncate failed';
  if (spawnSync('mkfs.ext4', ['-q', '-F', '-I', '128', img]).status !== 0) return 'mkfs.ext4 -I 128 failed';
  const m = spawnSync('mount', ['-o', 'loop', img, mnt], { encoding: 'utf8' });
  return m.status === 0 ? undefined : `cannot loop-mount here: ${m.stderr.trim()}`;
}

test('a same-second, same-size edit that makes a loop is refused by connect', async (t) => {
  const home = tempHome({});
  const mnt = join(home, 'mnt');
  const why = mountOneSecondFs(home);
  if (why !== undefined) {
    rmSync(home, { recursive: true, force: true });
    t.skip(why);
    return;
  }
  try {
    const config = join(mnt, 'config');
    const env = fake(home);
    // Retried until the write, the first run and the edit fall within one second, as the defect
    // needs; each try is checked on the file's own change time.
    let sameSecond = false;
    for (let attempt = 0; attempt < 10 && !sameSecond; attempt++) {
      // Start just after a second begins, so that a run (a few hundred ms) fits inside it.
      await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
      writeFileSync(config, BEFORE, { mode: 0o600 });
      const ctime = statSync(config).ctimeMs;
      const first = runCli(['-F', config, 'connect', 'db', '--', 'true'], home, env);
      assert.equal(first.code, 0, first.stderr);
      writeFileSync(config, AFTER);
      const after = statSync(config);
      assert.equal(after.ctimeMs % 1000, 0, 'the file system keeps whole seconds');
      sameSecond = after.ctimeMs === ctime && after.mtimeMs === ctime;
      if (!sameSecond) continue;
      const r = runCli(['-F', config, 'connect', 'db', '--', 'true'], home, env);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /jump chain loops: db → db/);
      assert.equal(calls(home).length, attempt + 1, 'no ssh was started for the looping chain');
    }
    assert.ok(sameSecond, 'the edit never landed in the same second as the run');
    assert.equal(readFileSync(config, 'utf8'), AFTER);
  } finally {
    spawnSync('umount', [mnt]);
    rmSync(home, { recursive: true, force: true });
  }
});
