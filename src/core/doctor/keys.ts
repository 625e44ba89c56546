/**
 * Key type and size from a key file's text, without running ssh-keygen: the public blob of a
 * `.pub` line or of an `openssh-key-v1` private key (stored unencrypted even when the key has a
 * passphrase), or the PEM header of an old-style private key.
 */

export interface KeyInfo {
  /** `rsa`, `dsa`, `ecdsa`, `ed25519`, `ecdsa-sk`, `ed25519-sk`, or the wire name if other. */
  readonly type: string;
  /** Modulus bits for RSA/DSA, curve size for ECDSA, 256 for Ed25519; undefined if unknown. */
  readonly bits?: number;
}

const PEM_TYPES: Record<string, string> = { RSA: 'rsa', DSA: 'dsa', EC: 'ecdsa' };

function decodeBase64(s: string): Uint8Array | undefined {
  try {
    const bin = atob(s.replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** Reads SSH wire-format values (uint32, and strings as uint32 length + bytes) in order. */
class Reader {
  private at = 0;
  constructor(private readonly b: Uint8Array) {}
  uint32(): number | undefined {
    const b = this.b;
    const i = this.at;
    if (i + 4 > b.length) return undefined;
    this.at += 4;
    return (
      (b[i] as number) * 2 ** 24 +
      ((b[i + 1] as number) << 16) +
      ((b[i + 2] as number) << 8) +
      (b[i + 3] as number)
    );
  }
  bytes(): Uint8Array | undefined {
    const n = this.uint32();
    if (n === undefined || this.at + n > this.b.length) return undefined;
    const out = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  text(): string | undefined {
    const b = this.bytes();
    return b ? String.fromCharCode(...b) : undefined;
  }
}

/** Bit length of an SSH mpint (big-endian, maybe with a leading zero byte). */
function mpintBits(m: Uint8Array | undefined): number | undefined {
  if (!m) return undefined;
  let i = 0;
  while (i < m.length && m[i] === 0) i++;
  if (i === m.length) return 0;
  const top = m[i] as number;
  return (m.length - i - 1) * 8 + (32 - Math.clz32(top));
}

/** Type and size from a public key blob. */
export function blobInfo(blob: Uint8Array): KeyInfo | undefined {
  const r = new Reader(blob);
  const wire = r.text();
  if (!wire) return undefined;
  if (wire === 'ssh-rsa') {
    r.bytes(); // e
    return { type: 'rsa', bits: mpintBits(r.bytes()) };
  }
  if (wire === 'ssh-dss') return { type: 'dsa', bits: mpintBits(r.bytes()) };
  if (wire === 'ssh-ed25519') return { type: 'ed25519', bits: 256 };
  if (wire === 'sk-ssh-ed25519@openssh.com') return { type: 'ed25519-sk', bits: 256 };
  const ec = /^(sk-)?ecdsa-sha2-nistp(\d+)/.exec(wire);
  if (ec) return { type: ec[1] ? 'ecdsa-sk' : 'ecdsa', bits: Number(ec[2]) };
  return { type: wire };
}

/** From the text of a `.pub` file (`type base64 comment`). */
export function publicKeyInfo(text: string): KeyInfo | undefined {
  const words = text.trim().split(/\s+/);
  for (let i = 0; i + 1 < words.length; i++) {
    const blob = decodeBase64(words[i + 1] as string);
    const info = blob ? blobInfo(blob) : undefined;
    if (info && blob && new Reader(blob).text() === words[i]) return info;
  }
  return undefined;
}

/** From the text of a private key file (OpenSSH format, or PEM by its header). */
export function privateKeyInfo(text: string): KeyInfo | undefined {
  const pem = /-----BEGIN (RSA|DSA|EC) PRIVATE KEY-----/.exec(text);
  if (pem) return { type: PEM_TYPES[pem[1] as string] ?? 'unknown' };
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text);
  if (!body?.[1]) return undefined;
  const b = decodeBase64(body[1]);
  const magic = 'openssh-key-v1\0';
  if (!b || String.fromCharCode(...b.subarray(0, magic.length)) !== magic) return undefined;
  const r = new Reader(b.subarray(magic.length));
  r.text(); // cipher name
  r.text(); // kdf name
  r.bytes(); // kdf options
  const n = r.uint32();
  const pub = n !== undefined && n > 0 ? r.bytes() : undefined;
  return pub ? blobInfo(pub) : undefined;
}

/**
 * Whether a private key file is protected by a passphrase, from its format alone (what
 * `ssh-keygen -y -P '' -f KEY` would find out by trying): an `openssh-key-v1` key names its
 * cipher ("none" when unprotected); a PEM key is encrypted when it says so in its headers.
 * Undefined when the format is not recognised.
 */
export function privateKeyProtected(text: string): boolean | undefined {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text)) return true;
  const pem = /-----BEGIN (?:RSA |DSA |EC )?PRIVATE KEY-----([\s\S]*?)-----END/.exec(text);
  if (pem) return /^Proc-Type:\s*4,ENCRYPTED/m.test(pem[1] ?? '');
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text);
  const b = body?.[1] ? decodeBase64(body[1]) : undefined;
  const magic = 'openssh-key-v1\0';
  if (!b || String.fromCharCode(...b.subarray(0, magic.length)) !== magic) return undefined;
  const cipher = new Reader(b.subarray(magic.length)).text();
  return cipher === undefined ? undefined : cipher !== 'none';
}
