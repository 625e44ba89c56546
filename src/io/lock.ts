/**
 * One jumpctl edit at a time per configuration: a lock file next to the config, created with
 * O_EXCL. A lock whose process is gone (killed, crashed) is recovered; a live one is waited for.
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { JumpctlError } from '../core/errors.js';
import { alive, realTarget } from './atomic-write.js';

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly nonce: string;
}

export function lockPathFor(configPath: string): string {
  const real = realTarget(configPath);
  return join(dirname(real), `.${basename(real)}.jumpctl.lock`);
}

function readOwner(path: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

function tryCreate(path: string, me: Owner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new JumpctlError('E_LOCK', `cannot create the lock ${path}: ${(e as Error).message}`, {
      hint: `Check that ${dirname(path)} is writable.`,
    });
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** A lock left by a dead process on this machine is moved aside and removed, unless it changed meanwhile. */
function recoverStale(path: string, seen: Owner): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readOwner(aside);
  if (moved && moved.nonce !== seen.nonce) {
    // Another process took the lock between our look and the move: put theirs back.
    try {
      renameSync(aside, path);
    } catch {
      // nothing more we can do safely
    }
    return;
  }
  try {
    unlinkSync(aside);
  } catch {
    // already removed
  }
}

export async function withLock<T>(configPath: string, fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const path = lockPathFor(configPath);
  const me: Owner = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex') };
  const deadline = Date.now() + timeoutMs;
  let wait = 10;
  while (!tryCreate(path, me)) {
    const owner = readOwner(path);
    if (owner && owner.host === me.host && !alive(owner.pid)) {
      recoverStale(path, owner);
      continue;
    }
    if (Date.now() > deadline)
      throw new JumpctlError(
        'E_LOCKED',
        `another jumpctl${owner ? ` (pid ${owner.pid})` : ''} is editing ${configPath}`,
        {
          hint: `Wait for it to finish. If no jumpctl is running, remove ${path}.`,
        },
      );
    await sleep(wait + Math.floor(Math.random() * wait));
    wait = Math.min(wait * 2, 200);
  }
  const release = () => {
    if (readOwner(path)?.nonce === me.nonce) {
      try {
        unlinkSync(path);
      } catch {
        // gone already
      }
    }
  };
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    release();
    process.removeListener('exit', release);
  }
}
