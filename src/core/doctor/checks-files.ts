/**
 * Checks on local files: the modes of ~/.ssh and the config files (lint L08/L09), identity files
 * (missing, unreadable, too open, weak; F16/F17, L06/L08), and ControlPath sockets (F23, L10).
 */
import type { ResolveContext } from '../config/index.js';
import { publicKeyInfo, privateKeyInfo, privateKeyProtected } from './keys.js';
import { expandHostPath, listWithSources, octal, single, type Facts, type Subject } from './facts.js';
import type { Check } from './types.js';

/** ~/.ssh and every config file ssh reads; `refused` are files ssh itself already refuses. */
export function permissionChecks(
  sshDir: string,
  files: readonly string[],
  refused: ReadonlySet<string>,
  facts: Facts,
): Check[] {
  const out: Check[] = [];
  const dir = facts.stat(sshDir);
  if (dir && (dir.mode & 0o022) !== 0)
    out.push({
      id: 'permissions.ssh-dir',
      severity: 'high',
      message: `${sshDir} is writable by others (mode ${octal(dir.mode)}): they can replace your config and keys`,
      where: sshDir,
      fix: `chmod 700 '${sshDir}'`,
    });
  else if (dir && (dir.mode & 0o077) !== 0)
    out.push({
      id: 'permissions.ssh-dir',
      severity: 'medium',
      message: `${sshDir} is open to others (mode ${octal(dir.mode)})`,
      where: sshDir,
      fix: `chmod 700 '${sshDir}'`,
    });
  for (const file of files) {
    if (refused.has(file)) continue;
    const st = facts.stat(file);
    if (!st) continue;
    const foreign = st.uid !== 0 && st.uid !== facts.uid;
    if (!foreign && (st.mode & 0o022) === 0) continue;
    // ssh accepted it (Debian's group rule, or a -F file ssh never checks), but anyone who can
    // write it can make your next ssh run any command (ProxyCommand, LocalCommand, Match exec).
    out.push({
      id: 'permissions.config',
      severity: 'high',
      message: foreign
        ? `${file} belongs to another user (uid ${st.uid}), who can make your ssh run commands`
        : `${file} is writable by ${(st.mode & 0o002) !== 0 ? 'everyone' : 'its group'} (mode ${octal(st.mode)}): a writer can make your ssh run commands`,
      where: file,
      fix: foreign ? `Copy it to a file you own, or chown you '${file}'` : `chmod 600 '${file}'`,
    });
  }
  return out;
}

interface KeyUse {
  readonly path: string;
  readonly source: string | undefined;
  readonly hosts: Set<string>;
  /** Some host that uses it has IdentitiesOnly and no other existing key. */
  only: boolean;
}

/** Identity files of every subject: configured ones, and ssh's defaults that exist. */
export function identityChecks(subjects: readonly Subject[], facts: Facts, ctx: ResolveContext): Check[] {
  const uses = new Map<string, KeyUse>();
  for (const s of subjects) {
    const list = listWithSources(s.res, 'identityfile').map((e) => ({
      ...e,
      path: expandHostPath(e.value, s.res, ctx),
    }));
    const existing = list.filter((e) => facts.stat(e.path) !== undefined);
    for (const e of list) {
      if (e.source === undefined && facts.stat(e.path) === undefined) continue;
      const use = uses.get(e.path) ?? { path: e.path, source: e.source, hosts: new Set(), only: false };
      use.hosts.add(s.canary ? 'every host' : s.alias);
      if (single(s.res, 'identitiesonly') === 'yes' && existing.length === 0) use.only = true;
      uses.set(e.path, use);
    }
  }
  const out: Check[] = [];
  for (const use of uses.values()) out.push(...keyChecks(use, facts));
  return out;
}

function keyChecks(use: KeyUse, facts: Facts): Check[] {
  const { path } = use;
  const hosts = [...use.hosts].slice(0, 4).join(', ') + (use.hosts.size > 4 ? ', …' : '');
  const from = use.source ? ` (IdentityFile at ${use.source})` : '';
  const st = facts.stat(path);
  if (!st)
    return [
      {
        id: 'identity.missing',
        severity: use.only ? 'error' : 'warning',
        message: `identity file ${path}${from} does not exist; ssh skips it for ${hosts}`,
        where: use.source ?? path,
        fix: `Create it (ssh-keygen -t ed25519 -f '${path}') or correct the IdentityFile line`,
      },
    ];
  if (!st.readable)
    return [
      {
        id: 'identity.unreadable',
        severity: 'error',
        message: `identity file ${path}${from} cannot be read by you, so ssh cannot use it for ${hosts}`,
        where: path,
        fix: `chown you '${path}' && chmod 600 '${path}'`,
      },
    ];
  const out: Check[] = [];
  if (st.uid === facts.uid && (st.mode & 0o077) !== 0)
    out.push({
      id: 'identity.permissions',
      severity: 'error',
      message: `private key ${path} is accessible by others (mode ${octal(st.mode)}): ssh ignores it (E_KEY_PERMISSIONS), and it may have been copied`,
      where: path,
      fix: `chmod 600 '${path}' (then consider the key exposed and replace it)`,
    });
  else if (st.uid !== facts.uid && st.uid !== 0)
    out.push({
      id: 'identity.owner',
      severity: 'high',
      message: `private key ${path} belongs to another user (uid ${st.uid})`,
      where: path,
      fix: `Use a key of your own: ssh-keygen -t ed25519`,
    });
  const text = facts.keyText(path);
  const info =
    (text.pub ? publicKeyInfo(text.pub) : undefined) ?? (text.priv ? privateKeyInfo(text.priv) : undefined);
  if (info?.type === 'dsa')
    out.push({
      id: 'security.key-type',
      severity: 'high',
      message: `${path} is a DSA key: 80-bit security, disabled by default since OpenSSH 7.0 and removed in 10.1`,
      where: path,
      fix: `Replace it: ssh-keygen -t ed25519, install the new public key, remove the DSA one`,
    });
  else if (info?.type === 'rsa' && info.bits !== undefined && info.bits <= 2048)
    out.push({
      id: 'security.key-size',
      severity: info.bits < 2048 ? 'high' : 'low',
      message: `${path} is a ${info.bits}-bit RSA key${info.bits < 2048 ? ', below every current guideline' : ''}`,
      where: path,
      fix: 'Replace it with ssh-keygen -t ed25519 (or -t rsa -b 4096 where Ed25519 is not accepted)',
    });
  // L06c: a stolen unprotected key file is a working key. Keys for automation are exempt by
  // policy, which doctor cannot know, hence a warning and not a failure.
  if (text.priv !== undefined && privateKeyProtected(text.priv) === false)
    out.push({
      id: 'security.key-passphrase',
      severity: 'medium',
      message: `private key ${path} has no passphrase: anyone who copies the file can use it (acceptable only for a machine key used by automation)`,
      where: path,
      fix: `ssh-keygen -p -f '${path}' to set one, and ssh-add it to the agent (with -t for a lifetime)`,
    });
  return out;
}

/** The socket name ssh creates next to ControlPath while setting up a master (mux.c). */
const MASTER_SUFFIX = 17;

/** ControlPath / ControlMaster of every subject. */
export function controlPathChecks(subjects: readonly Subject[], facts: Facts): Check[] {
  const out: Check[] = [];
  const seen = new Set<string>();
  for (const s of subjects) {
    const path = single(s.res, 'controlpath');
    const master = single(s.res, 'controlmaster') ?? 'false';
    const where = (s.res.sources.controlpath as string | undefined) ?? s.alias;
    const key = `${path ?? ''}\u0000${master}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (facts.platform === 'win32' && master !== 'false')
      out.push({
        id: 'controlpath.windows',
        severity: 'error',
        message: `ControlMaster ${master} for ${s.alias}: the Windows port of OpenSSH has no connection sharing`,
        where: (s.res.sources.controlmaster as string | undefined) ?? s.alias,
        fix: 'ControlMaster no (in a Host block that applies only on Windows, or use WSL)',
      });
    if (!path) continue;
    const limit = facts.platform === 'darwin' || facts.platform.endsWith('bsd') ? 104 : 108;
    const creates = master !== 'false';
    const room = limit - 1 - (creates ? MASTER_SUFFIX : 0);
    if (path.length > room)
      out.push({
        id: 'controlpath.length',
        severity: 'error',
        message: `ControlPath for ${s.alias} expands to ${path.length} bytes (${path}); a socket path holds at most ${room} here, so ssh fails with exit 255`,
        where,
        fix: 'ControlPath ~/.ssh/cm/%C (and mkdir -m 700 ~/.ssh/cm)',
      });
    const dir = path.slice(0, Math.max(path.lastIndexOf('/'), 0)) || '/';
    const st = facts.stat(dir);
    if (!st && creates)
      out.push({
        id: 'controlpath.dir',
        severity: 'error',
        message: `the ControlPath directory ${dir} does not exist: with ControlMaster ${master}, every connection to ${s.alias} fails after logging in`,
        where,
        fix: `mkdir -m 700 '${dir}'`,
      });
    else if (st && (st.mode & 0o002) !== 0)
      out.push({
        id: 'security.controlpath-shared-dir',
        severity: 'medium',
        message: `ControlPath for ${s.alias} is in ${dir}, which everyone can write: others can squat the socket name, and ssh deletes whatever it finds there`,
        where,
        fix: 'ControlPath ~/.ssh/cm/%C (and mkdir -m 700 ~/.ssh/cm)',
      });
  }
  return out;
}
