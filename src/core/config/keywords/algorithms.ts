/**
 * Algorithm-list keywords (Ciphers, MACs, KexAlgorithms, HostKeyAlgorithms,
 * PubkeyAcceptedAlgorithms, HostbasedAcceptedAlgorithms, CASignatureAlgorithms,
 * GSSAPIKexAlgorithms): validation as in readconf.c and expansion of `+`, `-`, `^` and
 * wildcards as kex_assemble_names() does, so the result is the list `ssh -G` prints.
 *
 * The supported and default lists are those of the OpenSSH 9.2p1 Debian build with OpenSSL
 * (`ssh -Q cipher|mac|kex|key-sig|sig` and `ssh -G -F none`); other builds differ.
 */
import type { ParseResult } from './spec.js';
import { extraArgs, fail, matchPattern, matchPatternList, ok } from './parse.js';

const KEYS_ALL =
  'ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519@openssh.com,' +
  'sk-ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp256-cert-v01@openssh.com,' +
  'ecdsa-sha2-nistp384,ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521,' +
  'ecdsa-sha2-nistp521-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,' +
  'sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,webauthn-sk-ecdsa-sha2-nistp256@openssh.com,ssh-dss,' +
  'ssh-dss-cert-v01@openssh.com,ssh-rsa,ssh-rsa-cert-v01@openssh.com,rsa-sha2-256,' +
  'rsa-sha2-256-cert-v01@openssh.com,rsa-sha2-512,rsa-sha2-512-cert-v01@openssh.com';
const KEYS_DEFAULT =
  'ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,' +
  'ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,' +
  'sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,' +
  'rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,ssh-ed25519,ecdsa-sha2-nistp256,' +
  'ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,' +
  'rsa-sha2-512,rsa-sha2-256';

interface AlgoKind {
  /** Every name the build supports, in the build's order. */
  readonly all: string;
  readonly def: string;
  /** Whether a single name is acceptable to the keyword's validity check. */
  readonly valid: (name: string) => boolean;
  readonly error: (arg: string) => string;
}

const exact = (all: string) => {
  const names = new Set(all.split(','));
  return (n: string): boolean => names.has(n);
};

/** Key types sshkey_names_valid2() knows; short names (RSA, ED25519…) match case-insensitively. */
const KEY_SHORTNAMES = ['RSA', 'DSA', 'ECDSA', 'ED25519', 'ECDSA-SK', 'ED25519-SK'];
const keyNameValid = (n: string): boolean =>
  exact(KEYS_ALL)(n) ||
  KEY_SHORTNAMES.includes(n.toUpperCase()) ||
  KEYS_ALL.split(',').some((k) => matchPatternList(k, n) !== 0);

const CIPHERS_ALL =
  '3des-cbc,aes128-cbc,aes192-cbc,aes256-cbc,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,' +
  'aes256-gcm@openssh.com,chacha20-poly1305@openssh.com';
const MACS_ALL =
  'hmac-sha1,hmac-sha1-96,hmac-sha2-256,hmac-sha2-512,hmac-md5,hmac-md5-96,umac-64@openssh.com,' +
  'umac-128@openssh.com,hmac-sha1-etm@openssh.com,hmac-sha1-96-etm@openssh.com,' +
  'hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-md5-etm@openssh.com,' +
  'hmac-md5-96-etm@openssh.com,umac-64-etm@openssh.com,umac-128-etm@openssh.com';
const KEX_ALL =
  'diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,diffie-hellman-group14-sha256,' +
  'diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha1,' +
  'diffie-hellman-group-exchange-sha256,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,' +
  'curve25519-sha256,curve25519-sha256@libssh.org,sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com';

/** Debian's GSSAPI key exchange names; a configured name only has to start with one. */
const GSS_KEX = [
  'gss-gex-sha1-',
  'gss-group1-sha1-',
  'gss-group14-sha1-',
  'gss-group14-sha256-',
  'gss-group16-sha512-',
  'gss-nistp256-sha256-',
  'gss-curve25519-sha256-',
];

const keyKind = (def: string, all = KEYS_ALL): AlgoKind => ({
  all,
  def,
  valid: keyNameValid,
  error: (a) => `Bad key types '${a}'.`,
});

export const ALGORITHM_LISTS = {
  ciphers: {
    all: CIPHERS_ALL,
    def: 'chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com',
    valid: exact(CIPHERS_ALL),
    error: (a: string) => `Bad SSH2 cipher spec '${a}'.`,
  },
  macs: {
    all: MACS_ALL,
    def:
      'umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,' +
      'hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,' +
      'hmac-sha2-256,hmac-sha2-512,hmac-sha1',
    valid: exact(MACS_ALL),
    error: (a: string) => `Bad SSH2 MAC spec '${a}'.`,
  },
  kexalgorithms: {
    all: KEX_ALL,
    def:
      'sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,curve25519-sha256,' +
      'curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,' +
      'diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,' +
      'diffie-hellman-group14-sha256',
    // Debian's kex_alg_by_name() also knows the GSSAPI names, matched as prefixes; they are
    // not in the supported list, so assembling drops them again.
    valid: (n: string) => exact(KEX_ALL)(n) || GSS_KEX.some((k) => n.startsWith(k)),
    error: (a: string) => `Bad SSH2 KexAlgorithms '${a}'.`,
  },
  hostkeyalgorithms: keyKind(KEYS_DEFAULT),
  pubkeyacceptedalgorithms: keyKind(KEYS_DEFAULT),
  hostbasedacceptedalgorithms: keyKind(KEYS_DEFAULT),
  casignaturealgorithms: keyKind(
    'ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,' +
      'sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256',
    'ssh-ed25519,sk-ssh-ed25519@openssh.com,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,' +
      'sk-ecdsa-sha2-nistp256@openssh.com,webauthn-sk-ecdsa-sha2-nistp256@openssh.com,ssh-dss,ssh-rsa,' +
      'rsa-sha2-256,rsa-sha2-512',
  ),
} satisfies Record<string, AlgoKind>;

/** strsep()-style iteration that, like the C loops, stops at the first empty element. */
function names(list: string): string[] {
  const out: string[] = [];
  for (const n of list.split(',')) {
    if (n === '') break;
    out.push(n);
  }
  return out;
}

/** kex_names_cat(): a, then b's names not already present (b read up to an empty element). */
function namesCat(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  const have = a.split(',');
  for (const n of names(b)) if (!have.includes(n)) have.push(n);
  return have.join(',');
}

const filterList = (list: string, pattern: string, deny: boolean): string =>
  list
    .split(',')
    .filter((n) => (matchPatternList(n, pattern) === 1) !== deny)
    .join(',');

/** kex_assemble_names(): the final list, or undefined when ssh would reject it. */
export function assembleNames(value: string, def: string, all: string): string | undefined {
  if (value === '') return def;
  let list = value;
  if (value.startsWith('+')) list = namesCat(def, value.slice(1));
  else if (value.startsWith('-')) return filterList(def, value.slice(1), true);
  else if (value.startsWith('^')) list = namesCat(value.slice(1), def);
  let ret = '';
  for (const pattern of list.split(',')) {
    if (pattern.startsWith('!')) return undefined;
    ret = namesCat(
      ret,
      all
        .split(',')
        .filter((n) => matchPattern(n, pattern))
        .join(','),
    );
  }
  return ret === '' ? undefined : ret;
}

/**
 * One algorithm-list line: validated like readconf.c (a `-` list is not checked), then
 * assembled against the defaults. A list that assembles to nothing makes 9.2 print a broken
 * configuration (or die, for HostKeyAlgorithms); it is reported as an error here.
 */
export function parseAlgorithms(keyword: keyof typeof ALGORITHM_LISTS, args: readonly string[]): ParseResult {
  const kind: AlgoKind = ALGORITHM_LISTS[keyword];
  const arg = args[0];
  if (arg === undefined || arg === '') return fail('Missing argument.');
  if (!arg.startsWith('-')) {
    const body = arg.startsWith('+') || arg.startsWith('^') ? arg.slice(1) : arg;
    if (body === '' || !names(body).every(kind.valid)) return fail(kind.error(arg));
  }
  if (args.length > 1) return extraArgs(keyword);
  const assembled = assembleNames(arg, kind.def, kind.all);
  if (assembled === undefined) return fail(`${keyword}: invalid argument`);
  return ok(assembled);
}

export function parseGssKex(args: readonly string[]): ParseResult {
  const arg = args[0];
  if (arg === undefined || arg === '') return fail('Missing argument.');
  if (!names(arg).every((n) => GSS_KEX.some((k) => n.startsWith(k))))
    return fail(`Bad GSSAPI KexAlgorithms '${arg}'.`);
  if (args.length > 1) return extraArgs('gssapikexalgorithms');
  return ok(arg);
}
