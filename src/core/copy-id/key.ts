/**
 * The public key copy-id installs: which file it comes from, what it must look like, and the one
 * line that is sent to the hosts. A private key is never read: only `.pub` files are opened.
 */
import { JumpctlError } from '../errors.js';
import { clientPathExpand, type Resolution, type ResolveContext, connectionTokens } from '../config/index.js';

/** Key types that an authorized_keys line can hold (certificates cannot: they need cert-authority). */
const KEY_TYPES = new Set([
  'ssh-ed25519',
  'ssh-rsa',
  'ssh-dss',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);

export interface PublicKey {
  readonly type: string;
  /** The base64 key blob, exactly as in the file. */
  readonly blob: string;
  readonly comment: string;
  /** What is appended to authorized_keys: `type blob[ comment]`, no options. */
  readonly line: string;
}

export class KeyError extends JumpctlError {
  constructor(message: string, hint?: string, data: Record<string, unknown> = {}) {
    super('E_KEY', message, { ...(hint !== undefined ? { hint } : {}), data });
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Parses the text of a `.pub` file: exactly one `type base64 [comment]` line (blank lines and
 * `#` comments aside). The blob must decode and name the same type inside, so a mangled or
 * truncated key is refused here instead of being appended on every hop.
 */
export function parsePublicKey(text: string, file: string): PublicKey {
  if (text.includes('PRIVATE KEY-----'))
    throw new KeyError(`${file} holds a private key`, 'Name the public key (the .pub file).');
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\r$/, '').trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length !== 1)
    throw new KeyError(
      lines.length === 0 ? `${file} holds no public key` : `${file} holds ${lines.length} keys, not one`,
      'Give one public key file, e.g. -i ~/.ssh/id_ed25519.pub.',
    );
  const line = lines[0] as string;
  const [type = '', blob = '', ...rest] = line.split(/[ \t]+/);
  const comment = rest.join(' ');
  if (type.endsWith('-cert-v01@openssh.com'))
    throw new KeyError(
      `${file} is a certificate, which authorized_keys cannot hold`,
      'Name the plain public key (without -cert).',
    );
  if (!KEY_TYPES.has(type))
    throw new KeyError(`${file} is not an OpenSSH public key (type "${type.slice(0, 40)}")`);
  if (!BASE64.test(blob) || blobType(blob) !== type)
    throw new KeyError(`${file}: the key data is damaged (it does not decode to a ${type} key)`);
  if (CONTROL.test(comment)) throw new KeyError(`${file}: the key comment contains control characters`);
  return { type, blob, comment, line: comment === '' ? `${type} ${blob}` : `${type} ${blob} ${comment}` };
}

/**
 * The key type string inside a blob, when the blob is well formed: a sequence of
 * length-prefixed fields (type, then the key's parameters) that ends exactly at its end, so a
 * truncated or padded key is caught too.
 */
export function blobType(blob: string): string | undefined {
  let bin: string;
  try {
    bin = atob(blob);
  } catch {
    return undefined;
  }
  const fields: string[] = [];
  let at = 0;
  while (at < bin.length) {
    if (at + 4 > bin.length) return undefined;
    const len =
      bin.charCodeAt(at) * 0x1000000 +
      (bin.charCodeAt(at + 1) << 16) +
      (bin.charCodeAt(at + 2) << 8) +
      bin.charCodeAt(at + 3);
    if (at + 4 + len > bin.length) return undefined;
    fields.push(bin.slice(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return fields.length >= 2 ? fields[0] : undefined;
}

/**
 * Whether an authorized_keys text already holds the key: some line that is not a comment has
 * the key's type and blob as two consecutive fields. Options (`restrict,from=…`) and comments
 * do not matter; a `cert-authority` line does not count, since it authorises certificates, not
 * the key. The remote script applies the same rule; this is its reference.
 */
export function authorizedKeysHas(text: string, key: Pick<PublicKey, 'type' | 'blob'>): boolean {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (/^[ \t]*#/.test(line)) continue;
    const f = line.split(/[ \t]+/).filter((x) => x !== '');
    for (let i = 0; i + 1 < f.length; i++) {
      if (f[i] === key.type && f[i + 1] === key.blob && (i === 0 || !/cert-authority/.test(f[0] ?? '')))
        return true;
    }
  }
  return false;
}

/** The files behind a chosen key: the `.pub` that is read, and the private key next to it, if any. */
export interface KeyFiles {
  readonly publicPath: string;
  /** Used only as an IdentityFile for ssh to offer; jumpctl never opens it. */
  readonly privatePath: string | undefined;
}

/**
 * `-i <path>`: a `.pub` path is used as given. Any other path is taken for a private key given
 * by mistake: its `.pub` neighbour is used when it exists, and otherwise the key is refused
 * without the file being opened (jumpctl never reads private key material).
 */
export function keyFilesFromFlag(path: string, exists: (p: string) => boolean): KeyFiles {
  if (path.endsWith('.pub')) {
    if (!exists(path)) throw new KeyError(`no such public key file: ${path}`);
    const priv = path.slice(0, -4);
    return { publicPath: path, privatePath: exists(priv) ? priv : undefined };
  }
  const pub = `${path}.pub`;
  if (exists(pub)) return { publicPath: pub, privatePath: exists(path) ? path : undefined };
  throw new KeyError(
    exists(path)
      ? `${path} is not a .pub file and ${pub} does not exist; jumpctl does not read private keys`
      : `no such key file: ${path}`,
    exists(path)
      ? `Write its public half first: ssh-keygen -y -f ${path} > ${pub}`
      : 'Name an existing public key, e.g. -i ~/.ssh/id_ed25519.pub.',
  );
}

/**
 * The identity files ssh would try for this host, in order, expanded the way ssh loads them
 * (tilde, `${ENV}`, then the %-tokens of the connection).
 */
export function identityFiles(r: Resolution, ctx: ResolveContext): string[] {
  const raw = r.options.identityfile;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const hostkeyalias = r.options.hostkeyalias;
  const tokens = connectionTokens(ctx, {
    hostArg: r.host,
    host: r.hostname,
    port: String(r.port),
    user: r.user,
    hostKeyAlias: typeof hostkeyalias === 'string' && hostkeyalias !== '' ? hostkeyalias : r.host,
  });
  const out: string[] = [];
  for (const v of list) {
    const e = clientPathExpand(v, tokens, ctx.env, ctx.passwdHome);
    if (e.ok) out.push(e.value);
  }
  return out;
}

/**
 * No `-i`: the first identity the target's configuration would use whose public half exists
 * (`id_ed25519` → `id_ed25519.pub`; an IdentityFile that names a `.pub` itself counts too).
 */
export function defaultKeyFiles(candidates: readonly string[], exists: (p: string) => boolean): KeyFiles {
  for (const c of candidates) {
    if (c.endsWith('.pub') && exists(c)) {
      const priv = c.slice(0, -4);
      return { publicPath: c, privatePath: exists(priv) ? priv : undefined };
    }
    if (exists(`${c}.pub`)) return { publicPath: `${c}.pub`, privatePath: exists(c) ? c : undefined };
  }
  throw new KeyError(
    'no key to install: none of the identity files ssh would use for this host has a .pub file',
    'Create one with: ssh-keygen -t ed25519 (or name a key with -i <key.pub>)',
    { tried: [...candidates] },
  );
}
