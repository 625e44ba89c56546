import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  authorizedKeysHas,
  blobType,
  defaultKeyFiles,
  identityFiles,
  keyFilesFromFlag,
  parsePublicKey,
} from '../../src/core/copy-id/key.js';
import { JumpctlError } from '../../src/core/errors.js';
import { chains, ctx, HOME } from '../helpers/mem-config.js';

const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIPsrdFsPKYQnzBIgFLuteyyeQQ1T20y44dBZZfwAaMSD';
const RSA =
  'AAAAB3NzaC1yc2EAAAADAQABAAAAgQC8hEZi7qHqKC7/keqRvssf8iWjUuqeD2lS05FDBRzA4hZfThqc+P06MyK/ry4HobFM2paQKOnk0fnBtMtEyDL2kZ8EO82PAIlGdXPg/SrNZgZz40oKsPxY8hMSy5nkzG/v0UzPq3YZiJFGF195f+kK6poBX7jRs1pe9qGk0Kkuzw==';
const key = { type: 'ssh-ed25519', blob: ED };

const refused = (fn: () => unknown, re: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof JumpctlError && e.code === 'E_KEY' && re.test(e.message));

test('a .pub line parses into type, blob and comment; the sent line has no options', () => {
  const k = parsePublicKey(`ssh-ed25519 ${ED} me@laptop with spaces\n`, 'k.pub');
  assert.deepEqual(k, {
    type: 'ssh-ed25519',
    blob: ED,
    comment: 'me@laptop with spaces',
    line: `ssh-ed25519 ${ED} me@laptop with spaces`,
  });
  assert.equal(parsePublicKey(`# mine\r\n\r\nssh-rsa ${RSA}\r\n`, 'k.pub').line, `ssh-rsa ${RSA}`);
  assert.equal(blobType(ED), 'ssh-ed25519');
  assert.equal(blobType(RSA), 'ssh-rsa');
});

test('anything but one plain public key is refused', () => {
  refused(() => parsePublicKey('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n', 'k'), /private key/);
  refused(() => parsePublicKey('', 'k.pub'), /no public key/);
  refused(() => parsePublicKey(`ssh-ed25519 ${ED} a\nssh-rsa ${RSA} b\n`, 'k.pub'), /2 keys/);
  refused(() => parsePublicKey(`ssh-ed25519-cert-v01@openssh.com ${ED}`, 'k.pub'), /certificate/);
  refused(() => parsePublicKey(`restrict ssh-ed25519 ${ED}`, 'k.pub'), /not an OpenSSH public key/);
  refused(() => parsePublicKey(`ssh-rsa ${ED}`, 'k.pub'), /damaged/);
  refused(() => parsePublicKey(`ssh-ed25519 ${ED.slice(0, 30)}`, 'k.pub'), /damaged/);
  refused(() => parsePublicKey(`ssh-ed25519 $(id)`, 'k.pub'), /damaged/);
  refused(() => parsePublicKey(`ssh-ed25519 ${ED} a\u001b[31mb`, 'k.pub'), /control characters/);
});

test('"already present" is decided by type and blob, whatever the options and comments', () => {
  const cases: [string, boolean][] = [
    [`ssh-ed25519 ${ED}\n`, true],
    [`ssh-ed25519 ${ED} another comment`, true],
    [`ssh-ed25519 ${ED}\r\n`, true],
    [`restrict,command="echo a b" ssh-ed25519 ${ED} x\n`, true],
    [`from="10.0.0.1"   ssh-ed25519\t${ED}\n`, true],
    [`ssh-rsa ${RSA}\n  ssh-ed25519 ${ED}`, true],
    [`# ssh-ed25519 ${ED}\n`, false],
    [`cert-authority ssh-ed25519 ${ED}\n`, false],
    [`ssh-ed25519 ${ED}x\n`, false],
    [`ssh-ed25519 ${ED.slice(0, -1)}\n`, false],
    [`ssh-rsa ${ED}\n`, false],
    [`${ED}\n`, false],
    ['', false],
  ];
  for (const [text, want] of cases) assert.equal(authorizedKeysHas(text, key), want, JSON.stringify(text));
});

test('-i: a .pub is used as given; a private key path means its .pub; without one it is refused unread', () => {
  const files = new Set(['/k/id.pub', '/k/id', '/k/lone', '/k/only.pub']);
  const exists = (p: string) => files.has(p);
  assert.deepEqual(keyFilesFromFlag('/k/id.pub', exists), { publicPath: '/k/id.pub', privatePath: '/k/id' });
  assert.deepEqual(keyFilesFromFlag('/k/id', exists), { publicPath: '/k/id.pub', privatePath: '/k/id' });
  assert.deepEqual(keyFilesFromFlag('/k/only.pub', exists), {
    publicPath: '/k/only.pub',
    privatePath: undefined,
  });
  refused(() => keyFilesFromFlag('/k/lone', exists), /jumpctl does not read private keys/);
  refused(() => keyFilesFromFlag('/k/missing.pub', exists), /no such public key file/);
  refused(() => keyFilesFromFlag('/k/missing', exists), /no such key file/);
});

test('no -i: the first identity ssh would use that has a .pub', () => {
  const exists = (p: string) => ['/h/.ssh/id_ed25519', '/h/.ssh/id_ed25519.pub', '/h/agent.pub'].includes(p);
  assert.deepEqual(defaultKeyFiles(['/h/.ssh/id_rsa', '/h/.ssh/id_ed25519'], exists), {
    publicPath: '/h/.ssh/id_ed25519.pub',
    privatePath: '/h/.ssh/id_ed25519',
  });
  assert.deepEqual(defaultKeyFiles(['/h/agent.pub'], exists), {
    publicPath: '/h/agent.pub',
    privatePath: undefined,
  });
  assert.throws(
    () => defaultKeyFiles(['/h/.ssh/id_rsa'], exists),
    (e: unknown) => e instanceof JumpctlError && /ssh-keygen -t ed25519/.test(e.hint ?? ''),
  );
});

test('identity files are expanded as ssh loads them: ~, ${ENV} and %-tokens of the connection', () => {
  const c = chains(
    {
      '/cfg':
        'Host t\n HostName t.example\n User ops\n IdentityFile ~/.ssh/%r@%h\n IdentityFile ${KEYS}/%n\n',
    },
    { env: { HOME, KEYS: '/keys' } },
  );
  assert.deepEqual(identityFiles(c.resolve('t'), ctx({ env: { HOME, KEYS: '/keys' } })), [
    `${HOME}/.ssh/ops@t.example`,
    '/keys/t',
  ]);
  const defaults = identityFiles(chains({ '/cfg': 'Host t\n' }).resolve('t'), ctx());
  assert.equal(defaults[0], `${HOME}/.ssh/id_rsa`);
  assert.ok(defaults.includes(`${HOME}/.ssh/id_ed25519`));
});
