import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CLEARED_BY_NONE,
  KEYWORDS,
  applySendEnv,
  convtime,
  dumpForwardLines,
  lookupKeyword,
  parseForwardArgs,
  resolveFirst,
  scanScaled,
  type Forward,
  type KeywordContext,
  type KeywordSpec,
} from '../../src/core/config/keywords/keywords.js';

const ctx: KeywordContext = { version: [9, 2] };

// ---------------------------------------------------------------------------------------------
// A minimal config-line reader (argv_split with comments), enough to feed parse() in tests.

function argvSplit(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === ' ' || s[i] === '\t') {
      i++;
      continue;
    }
    if (s[i] === '#') break;
    let arg = '';
    let quote = '';
    for (; i < s.length; i++) {
      const c = s[i] ?? '';
      const n = s[i + 1] ?? '';
      if (c === '\\' && (n === "'" || n === '"' || n === '\\' || (quote === '' && n === ' '))) arg += s[++i];
      else if (quote === '' && (c === ' ' || c === '\t')) break;
      else if (quote === '' && (c === '"' || c === "'")) quote = c;
      else if (quote !== '' && c === quote) quote = '';
      else arg += c;
    }
    if (quote !== '') throw new Error('invalid quotes');
    out.push(arg);
  }
  return out;
}

function splitLine(line: string): { keyword: string; rest: string } {
  const m = /^\s*([^\s=]+)\s*=?\s*(.*?)\s*$/.exec(line);
  assert.ok(m, line);
  return { keyword: (m[1] ?? '').toLowerCase(), rest: m[2] ?? '' };
}

function parseLine(
  line: string,
  c: KeywordContext = ctx,
): { spec: KeywordSpec; result: ReturnType<KeywordSpec['parse']> } {
  const { keyword, rest } = splitLine(line);
  const spec = lookupKeyword(keyword, c);
  assert.ok(spec, `unknown keyword in ${line}`);
  const args = spec.input === 'verbatim' ? [rest] : argvSplit(rest);
  return { spec, result: spec.parse(args, c) };
}

// ---------------------------------------------------------------------------------------------
// The oracle: the local ssh client, always with -F <temp file>, never connecting (-G only).

const sshVersion = spawnSync('ssh', ['-V'], { encoding: 'utf8' }).stderr ?? '';
const haveSsh92 = /^OpenSSH_9\.2p1/.test(sshVersion);
const skipOracle = haveSsh92
  ? false
  : `needs the OpenSSH 9.2p1 client (found: ${sshVersion.trim() || 'none'})`;
const scratch = mkdtempSync(join(tmpdir(), 'jumpctl-kw-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
let fileNo = 0;

function sshG(config: string, host = 'x'): { status: number | null; stdout: string; stderr: string } {
  const file = join(scratch, `c${fileNo++}.conf`);
  writeFileSync(file, config);
  const r = spawnSync('ssh', ['-G', '-F', file, host], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function printedLines(stdout: string, name: string): string[] {
  return stdout.split('\n').filter((l) => l === name || l.startsWith(`${name} `));
}

function expectedLines(spec: KeywordSpec, values: readonly string[]): string[] {
  if (CLEARED_BY_NONE.has(spec.name) && values[0]?.toLowerCase() === 'none') return [];
  if (spec.print === 'lines') return values.map((v) => `${spec.name} ${v}`);
  return [`${spec.name} ${values.join(' ')}`];
}

/** Lines whose value `ssh -G` prints exactly as given ([line, host]). */
const GOOD: readonly (string | readonly [string, string])[] = [
  // flags and aliases
  'BatchMode yes',
  'BatchMode No',
  'BatchMode TRUE',
  'CheckHostIP yes',
  'ClearAllForwardings yes',
  'EnableSSHKeysign yes',
  'ExitOnForwardFailure yes',
  'ForwardX11 yes',
  'ForwardX11Trusted no',
  'GatewayPorts yes',
  'GSSAPIAuthentication yes',
  'GSSAPIDelegateCredentials yes',
  'GSSAPIKeyExchange yes',
  'GSSAPITrustDNS yes',
  'GSSAPIRenewalForcesRekey yes',
  'HashKnownHosts yes',
  'HostbasedAuthentication yes',
  'IdentitiesOnly yes',
  'KbdInteractiveAuthentication no',
  'ChallengeResponseAuthentication no',
  'SkeyAuthentication no',
  'TISAuthentication no',
  'NoHostAuthenticationForLocalhost yes',
  'PasswordAuthentication no',
  'PermitLocalCommand yes',
  'ProxyUseFdpass yes',
  'StdinNull yes',
  'StreamLocalBindUnlink yes',
  'TCPKeepAlive no',
  'KeepAlive no',
  'VisualHostKey yes',
  'EnableEscapeCommandline yes',
  'CanonicalizeFallbackLocal no',
  'Compression yes',
  'Compression NO',
  // multistate
  'AddressFamily inet6',
  'AddressFamily INET',
  'CanonicalizeHostname always',
  'CanonicalizeHostname yes',
  'ControlMaster yes',
  'ControlMaster auto',
  'ControlMaster autoask',
  'ControlMaster ASK',
  'PubkeyAuthentication no',
  'PubkeyAuthentication unbound',
  'PubkeyAuthentication host-bound',
  'DSAAuthentication no',
  'RequestTTY force',
  'RequestTTY yes',
  'RequestTTY no',
  'SessionType none',
  'SessionType subsystem',
  'StrictHostKeyChecking accept-new',
  'StrictHostKeyChecking off',
  'StrictHostKeyChecking yes',
  'StrictHostKeyChecking no',
  'Tunnel ethernet',
  'Tunnel yes',
  'Tunnel no',
  'UpdateHostKeys ask',
  'UpdateHostKeys no',
  'VerifyHostKeyDNS ask',
  'VerifyHostKeyDNS yes',
  'AddKeysToAgent yes',
  'AddKeysToAgent ask',
  'AddKeysToAgent confirm',
  'AddKeysToAgent confirm 5m',
  'AddKeysToAgent 1h',
  'AddKeysToAgent 0',
  'ForwardAgent yes',
  'ForwardAgent NO',
  'ForwardAgent /tmp/agent.sock',
  'ControlPersist yes',
  'ControlPersist true',
  'ControlPersist 0',
  'ControlPersist 10m',
  'ControlPersist 1h30m',
  // numbers and times
  'ConnectTimeout 10',
  'ConnectTimeout 10m',
  'ConnectTimeout 1h30m',
  'ConnectTimeout 1W',
  'ConnectTimeout 0',
  'ConnectTimeout 1m1m',
  'ConnectTimeout +5',
  'ConnectTimeout 2147483647',
  'ForwardX11Timeout 1d',
  'ServerAliveInterval 5m',
  'ProtocolKeepAlives 30',
  'SetupTimeOut 10',
  'ServerAliveCountMax 0',
  'ConnectionAttempts 010',
  'ConnectionAttempts 2147483647',
  'NumberOfPasswordPrompts 0',
  'CanonicalizeMaxDots 0',
  'RequiredRSASize 2048',
  'Port 2222',
  'Port 65535',
  'Port +22',
  'Port http',
  'RekeyLimit 1G',
  'RekeyLimit 1G 1h',
  'RekeyLimit default 5m',
  'RekeyLimit 1.5M',
  'RekeyLimit 100B',
  'RekeyLimit 16',
  'RekeyLimit 1E',
  'RekeyLimit 1G none',
  'StreamLocalBindMask 0077',
  'StreamLocalBindMask 777',
  'StreamLocalBindMask 0',
  'StreamLocalBindMask 07x',
  'TunnelDevice 1',
  'TunnelDevice 1:2',
  'TunnelDevice any:3',
  'TunnelDevice 2147483645',
  'IPQoS af21 cs1',
  'IPQoS lowdelay',
  'IPQoS EF',
  'IPQoS none',
  'IPQoS 0x10',
  'IPQoS 010',
  'IPQoS 0x2c',
  'IPQoS 1',
  'IPQoS reliability',
  'EscapeChar ^]',
  'EscapeChar none',
  'EscapeChar a',
  'EscapeChar ^a',
  'EscapeChar ^@',
  'EscapeChar " "',
  'EscapeChar ^',
  'EscapeChar \\\\',
  'EscapeChar "\t"',
  'EscapeChar ^~',
  // strings
  'User alice',
  'User "a b"',
  'HostName real.example.org',
  'HostKeyAlias MixedCase',
  'BindAddress 192.0.2.1',
  'BindInterface eth0',
  'PreferredAuthentications publickey,password',
  'KbdInteractiveDevices pam',
  'PKCS11Provider /usr/lib/p11.so',
  'SmartcardDevice /x.so',
  'SecurityKeyProvider /usr/lib/sk.so',
  'RevokedHostKeys /etc/ssh/krl',
  'XAuthLocation /opt/xauth',
  'IgnoreUnknown Foo*,Bar',
  'ControlPath /tmp/cm',
  'ControlPath none',
  'ControlPath NONE',
  'IdentityAgent SSH_AUTH_SOCK',
  'IdentityAgent none',
  'IdentityAgent /run/agent',
  'GSSAPIClientIdentity "a b"',
  'GSSAPIServerIdentity host@x',
  'GSSAPIKexAlgorithms gss-curve25519-sha256-,gss-group14-sha256-',
  'GSSAPIKexAlgorithms gss-group1-sha1-x',
  'LogLevel debug',
  'LogLevel DEBUG1',
  'LogLevel quiet',
  'LogLevel Verbose',
  'SyslogFacility local7',
  'SyslogFacility AUTHPRIV',
  'FingerprintHash md5',
  'FingerprintHash sha512',
  'PKCS11Provider none',
  'SecurityKeyProvider none',
  'RevokedHostKeys none',
  // commands
  'ProxyCommand nc %h %p',
  'ProxyCommand = echo  a   b  ',
  'ProxyCommand "nc %h %p" # kept',
  'ProxyCommand none',
  'LocalCommand echo %h',
  'LocalCommand none',
  'RemoteCommand echo hi',
  'KnownHostsCommand /bin/echo %h',
  // proxyjump
  'ProxyJump bastion',
  'ProxyJump user@bastion:2222',
  'ProxyJump a,b,c',
  'ProxyJump [::1]:2222',
  'ProxyJump [::1]',
  'ProxyJump 10.0.0.1',
  'ProxyJump 10.0.0.1:22',
  'ProxyJump ssh://u@h:2/',
  'ProxyJump ssh://u%40x@h',
  'ProxyJump none',
  'ProxyJump h # comment',
  'ProxyJump "h"',
  'ProxyJump user@with@at@host',
  'ProxyJump %h-jump',
  'ProxyJump a b',
  'ProxyJump a,b c,d',
  'ProxyJump ==h',
  'ProxyJump h:',
  'ProxyJump 123',
  'ProxyJump [u@h]',
  'ProxyJump u@[::1]:22',
  'ProxyJump ssh://1.2.3.4',
  'ProxyJump a,b #x,y',
  // algorithms
  'Ciphers aes128-ctr,aes256-ctr',
  'Ciphers +aes128-cbc',
  'Ciphers -chacha20-poly1305@openssh.com',
  'Ciphers -aes*',
  'Ciphers ^aes128-cbc,3des-cbc',
  'Ciphers -bogus',
  'Ciphers aes128-ctr,aes128-ctr',
  'Ciphers aes128-ctr,',
  'Ciphers ,aes128-ctr',
  'Ciphers aes128-ctr,,bogus',
  'Ciphers -*',
  'MACs hmac-sha1',
  'MACs +hmac-md5',
  'MACs -hmac-sha1,umac*',
  'KexAlgorithms curve25519-sha256',
  'KexAlgorithms +diffie-hellman-group1-sha1',
  'KexAlgorithms ^curve25519-sha256',
  'HostKeyAlgorithms ssh-ed25519',
  'HostKeyAlgorithms +ssh-rsa',
  'HostKeyAlgorithms ssh-ed25519*',
  'HostKeyAlgorithms -ssh-ed25519*,rsa*',
  'HostKeyAlgorithms ^ssh-rsa*',
  'PubkeyAcceptedAlgorithms +ssh-rsa',
  'PubkeyAcceptedKeyTypes ssh-rsa',
  'HostbasedAcceptedAlgorithms ssh-ed25519',
  'HostbasedKeyTypes -ssh-rsa',
  'CASignatureAlgorithms ssh-ed25519',
  'CASignatureAlgorithms +ssh-rsa',
  // accumulating and list keywords
  'IdentityFile ~/.ssh/id_x',
  'IdentityFile none',
  'IdentityFile %d/id_%r@%h',
  'IdentityFile "a b"',
  'IdentityFile2 ~/.ssh/other',
  'CertificateFile ~/c%h',
  'CertificateFile none',
  'LocalForward 8080 localhost:80',
  'LocalForward 127.0.0.1:8080 localhost:80',
  'LocalForward [::1]:8080 [::1]:80',
  'LocalForward *:8080 host:80',
  'LocalForward :8080 host:80',
  'LocalForward 8080 /tmp/sock',
  'LocalForward /tmp/l.sock host:80',
  'LocalForward /tmp/l.sock /tmp/r.sock',
  'LocalForward 8080 host\\:x:80',
  'LocalForward 8080 [host/x]:80',
  'LocalForward 8080 a/b:80',
  'LocalForward 8080 h:80:',
  'LocalForward http localhost:ssh',
  'LocalForward " 8080" host:80',
  'LocalForward 8080:h 80',
  'RemoteForward 1080',
  'RemoteForward 127.0.0.1:1080',
  'RemoteForward 8080 localhost:80',
  'RemoteForward /tmp/r.sock localhost:80',
  'RemoteForward 0 host:80',
  'DynamicForward 1080',
  'DynamicForward 127.0.0.1:1080',
  'DynamicForward [::1]:1080',
  'DynamicForward *:1080',
  'DynamicForward /tmp/d.sock',
  'SendEnv LANG LC_*',
  'SendEnv A A',
  'SetEnv FOO=1 "BAR=two words"',
  'SetEnv A=1 A=2',
  'SetEnv A=',
  'SetEnv A=%h',
  'SetEnv 1=2',
  'GlobalKnownHostsFile /a /b',
  'GlobalKnownHostsFile /k/%h ~/x',
  'GlobalKnownHostsFile NONE',
  'UserKnownHostsFile /k1 /k2',
  'UserKnownHostsFile None',
  'CanonicalDomains a.com b.org',
  'CanonicalDomains A.Com.',
  'CanonicalDomains none',
  'CanonicalDomains a_b.c',
  ['CanonicalizePermittedCNAMEs *.a.com:*.b.com', 'localhost'],
  ['CanonicalizePermittedCNAMEs *', 'localhost'],
  ['CanonicalizePermittedCNAMEs A.COM:B.COM x:y', 'localhost'],
  ['CanonicalizePermittedCNAMEs :b', 'localhost'],
  ['CanonicalizePermittedCNAMEs a:b:c', 'localhost'],
  ['CanonicalizePermittedCNAMEs NONE', 'localhost'],
  'PermitRemoteOpen any',
  'PermitRemoteOpen none',
  'PermitRemoteOpen ANY',
  'PermitRemoteOpen host:80 [::1]:22 h:*',
  'PermitRemoteOpen h:http',
  'PermitRemoteOpen :80',
  'LogVerbose kex.c:*:1000 *:kex_exchange_hash():*',
  'LogVerbose none',
  'LogVerbose NONE',
];

/** Lines ssh rejects (exit 255), with the message ssh prints when it is ours verbatim. */
const BAD: readonly (readonly [string, string?])[] = [
  ['BatchMode maybe', 'unsupported option "maybe".'],
  ['BatchMode #c', 'missing argument.'],
  ['BatchMode ""', 'missing argument.'],
  ['BatchMode yes no', 'keyword batchmode extra arguments at end of line'],
  ['Compression true', 'unsupported option "true".'],
  ['ControlPersist YES', 'Bad ControlPersist argument.'],
  ['ControlPersist bad', 'Bad ControlPersist argument.'],
  ['Port 0', "Bad port '0'."],
  ['Port 65536', "Bad port '65536'."],
  ['Port 0x16', "Bad port '0x16'."],
  ['Port SSH', "Bad port 'SSH'."],
  ['Port #c', 'Missing argument.'],
  ['Port 22 23', 'keyword port extra arguments at end of line'],
  ['ConnectionAttempts -1', 'integer value too small.'],
  ['ConnectionAttempts abc', 'integer value invalid.'],
  ['ConnectionAttempts 0x10', 'integer value invalid.'],
  ['ConnectionAttempts 2147483648', 'integer value too large.'],
  ['ConnectionAttempts #c', 'integer value missing.'],
  ['ConnectTimeout NONE', 'invalid time value.'],
  ['ConnectTimeout 10x', 'invalid time value.'],
  ['ConnectTimeout -5', 'invalid time value.'],
  ['ConnectTimeout m', 'invalid time value.'],
  ['ConnectTimeout ""', 'missing time value.'],
  ['ConnectTimeout 2147483648', 'invalid time value.'],
  ['ConnectTimeout 35791395m', 'invalid time value.'],
  ['ConnectTimeout 1h 30m', 'keyword connecttimeout extra arguments at end of line'],
  ['RekeyLimit 15', 'RekeyLimit too small'],
  ['RekeyLimit -1', 'RekeyLimit too small'],
  ['RekeyLimit 8E', "Bad number '8E': Numerical result out of range"],
  ['RekeyLimit 1Z', "Bad number '1Z': Invalid argument"],
  ['RekeyLimit 1KB', "Bad number '1KB': Invalid argument"],
  ['RekeyLimit DEFAULT', "Bad number 'DEFAULT': Invalid argument"],
  ['RekeyLimit 1G bad', 'invalid time value.'],
  ['RekeyLimit 1G 1h 3', 'keyword rekeylimit extra arguments at end of line'],
  ['StreamLocalBindMask 1000', 'Bad mask.'],
  ['StreamLocalBindMask 8', 'Bad mask.'],
  ['StreamLocalBindMask -1', 'Bad mask.'],
  ['TunnelDevice x', 'Bad tun device.'],
  ['TunnelDevice 1:', 'Bad tun device.'],
  ['TunnelDevice 2147483646', 'Bad tun device.'],
  ['TunnelDevice 1:2:3', 'Bad tun device.'],
  ['IPQoS 256', 'Bad IPQoS value: 256'],
  ['IPQoS bogus', 'Bad IPQoS value: bogus'],
  ['IPQoS #c', 'Bad IPQoS value: (null)'],
  ['IPQoS af11 af12 af13', 'keyword ipqos extra arguments at end of line'],
  ['EscapeChar NONE', 'Bad escape character.'],
  ['EscapeChar ab', 'Bad escape character.'],
  ['EscapeChar ^?', 'Bad escape character.'],
  ['AddKeysToAgent yes 1h', 'unsupported option'],
  ['AddKeysToAgent confirm bad', 'invalid time value.'],
  ['AddKeysToAgent confirm 1m 2', 'keyword addkeystoagent extra arguments at end of line'],
  ['ForwardAgent $a-b', 'Invalid environment name $a-b.'],
  ['ForwardAgent ${a', 'Invalid environment expansion ${a.'],
  ['ForwardAgent ""', 'missing argument.'],
  ['IdentityAgent ${}', 'Invalid environment expansion ${}.'],
  ['IdentityAgent $', 'Invalid environment name $.'],
  ['LogLevel bogus', "unsupported log level 'bogus'"],
  ['LogLevel DEBUG4', "unsupported log level 'DEBUG4'"],
  ['LogLevel #c', "unsupported log level '<NONE>'"],
  ['SyslogFacility KERN', "unsupported log facility 'KERN'"],
  ['FingerprintHash sha224', 'Invalid hash algorithm "sha224".'],
  ['User ""', 'Missing argument.'],
  ['HostName a b', 'keyword hostname extra arguments at end of line'],
  ['IgnoreUnknown #c', 'Missing argument.'],
  ['IdentityFile a b', 'keyword identityfile extra arguments at end of line'],
  ['LocalForward 8080', 'Missing target argument.'],
  ['LocalForward 8080:localhost:80', 'Missing target argument.'],
  ['LocalForward 8080 localhost', 'Bad forwarding specification.'],
  ['LocalForward 8080 ::1:80', 'Bad forwarding specification.'],
  ['LocalForward 70000 host:80', 'Bad forwarding specification.'],
  ['LocalForward 8080 localhost:0', 'Bad forwarding specification.'],
  ['LocalForward 0 localhost:80', 'Bad forwarding specification.'],
  ['LocalForward 8080 [h]x:80', 'Bad forwarding specification.'],
  ['LocalForward 8080 [h:80', 'Bad forwarding specification.'],
  ['LocalForward 8080 h:', 'Bad forwarding specification.'],
  ['LocalForward a:b:c:d e', 'Bad forwarding specification.'],
  ['LocalForward 8080 h:0x50', 'Bad forwarding specification.'],
  ['LocalForward 8080 "h:80 "', 'Bad forwarding specification.'],
  ['LocalForward #c', 'Missing argument.'],
  ['LocalForward 8080 localhost:80 extra', 'keyword localforward extra arguments at end of line'],
  ['DynamicForward 0', 'Bad forwarding specification.'],
  ['DynamicForward host:1080:x', 'Bad forwarding specification.'],
  ['DynamicForward 1080 x', 'keyword dynamicforward extra arguments at end of line'],
  ['ProxyJump a, b', 'Invalid ProxyJump "a, b"'],
  ['ProxyJump ::1', 'Invalid ProxyJump "::1"'],
  ['ProxyJump ssh://u@h:2/path', 'Invalid ProxyJump "ssh://u@h:2/path"'],
  ['ProxyJump u@h:0', 'Invalid ProxyJump "u@h:0"'],
  ['ProxyJump u@h:99999', 'Invalid ProxyJump "u@h:99999"'],
  ['ProxyJump @h', 'Invalid ProxyJump "@h"'],
  ['ProxyJump u@', 'Invalid ProxyJump "u@"'],
  ['ProxyJump a,,b', 'Invalid ProxyJump "a,,b"'],
  ['ProxyJump ,a', 'Invalid ProxyJump ",a"'],
  ['ProxyJump a,', 'Invalid ProxyJump "a,"'],
  ['ProxyJump h:22:33', 'Invalid ProxyJump "h:22:33"'],
  ['ProxyJump ssh://h:0', 'Invalid ProxyJump "ssh://h:0"'],
  ['ProxyJump ssh://[::1]:22', 'Invalid ProxyJump "ssh://[::1]:22"'],
  ['ProxyJump ssh://h;x=y', 'Invalid ProxyJump "ssh://h;x=y"'],
  ['ProxyJump h/x', 'Invalid ProxyJump "h/x"'],
  ['ProxyJump #c', 'Invalid ProxyJump "#c"'],
  ['Ciphers aes*', "Bad SSH2 cipher spec 'aes*'."],
  ['Ciphers bogus', "Bad SSH2 cipher spec 'bogus'."],
  ['Ciphers aes128-ctr,bogus', "Bad SSH2 cipher spec 'aes128-ctr,bogus'."],
  ['Ciphers +bogus', "Bad SSH2 cipher spec '+bogus'."],
  ['Ciphers AES128-CTR', "Bad SSH2 cipher spec 'AES128-CTR'."],
  ['Ciphers ""', 'Missing argument.'],
  ['Ciphers aes128-ctr aes256-ctr', 'keyword ciphers extra arguments at end of line'],
  ['MACs bogus', "Bad SSH2 MAC spec 'bogus'."],
  ['KexAlgorithms bogus', "Bad SSH2 KexAlgorithms 'bogus'."],
  ['HostKeyAlgorithms bogus', "Bad key types 'bogus'."],
  ['HostKeyAlgorithms RSA'],
  ['PubkeyAcceptedAlgorithms ssh-rsa,!x', "Bad key types 'ssh-rsa,!x'."],
  ['GSSAPIKexAlgorithms bogus', "Bad GSSAPI KexAlgorithms 'bogus'."],
  ['GSSAPIKexAlgorithms +gss-group1-sha1-', "Bad GSSAPI KexAlgorithms '+gss-group1-sha1-'."],
  ['UserKnownHostsFile a none', 'keyword userknownhostsfile "none" argument must appear alone.'],
  ['UserKnownHostsFile none a', 'keyword userknownhostsfile "none" argument must appear alone.'],
  ['UserKnownHostsFile ""', 'keyword userknownhostsfile empty argument'],
  ['CanonicalDomains -bad', 'domain name "-bad" starts with invalid character'],
  ['CanonicalDomains a..b', 'domain name "a..b" contains consecutive separators'],
  ['CanonicalDomains a*b', 'domain name "a*b" contains invalid characters'],
  ['CanonicalizePermittedCNAMEs a.com', 'Invalid permitted CNAME "a.com"'],
  ['CanonicalizePermittedCNAMEs a.com:', 'Invalid permitted CNAME "a.com:"'],
  [
    'CanonicalizePermittedCNAMEs a:b none',
    'keyword canonicalizepermittedcnames "none" argument must appear alone.',
  ],
  ['CanonicalizePermittedCNAMEs ""', 'Invalid permitted CNAME ""'],
  ['PermitRemoteOpen h', 'bad port number in permitremoteopen'],
  ['PermitRemoteOpen h:0', 'bad port number in permitremoteopen'],
  ['PermitRemoteOpen h:65536', 'bad port number in permitremoteopen'],
  ['PermitRemoteOpen h/x:80', 'missing host in permitremoteopen'],
  ['PermitRemoteOpen [h:80', 'missing host in permitremoteopen'],
  ['PermitRemoteOpen any h:1', 'keyword permitremoteopen "any" argument must appear alone.'],
  ['PermitRemoteOpen h:1 any', 'keyword permitremoteopen "any" argument must appear alone.'],
  ['PermitRemoteOpen #c', 'missing permitremoteopen specification'],
  ['SendEnv A=B', 'Invalid environment name.'],
  ['SendEnv ""', 'Invalid environment name.'],
  ['SetEnv FOO', 'Invalid SetEnv.'],
  ['SetEnv =x', 'Invalid SetEnv.'],
  ['SetEnv ""', 'Invalid SetEnv.'],
  ['LogVerbose a none', 'keyword logverbose "none" argument must appear alone.'],
  ['LogVerbose ""', 'keyword logverbose empty argument'],
  ['Include ""', 'keyword include empty argument'],
  ['Host ""', 'keyword host empty argument'],
  ['Host a ""', 'keyword host empty argument'],
];

/** Lines accepted without effect on the output (deprecated, unsupported, ignored, empty lists). */
const NO_OUTPUT: readonly string[] = [
  'Cipher blowfish',
  'Cipher a b c',
  'FallBackToRsh yes',
  'GlobalKnownHostsFile2 /x',
  'RhostsAuthentication yes',
  'UserKnownHostsFile2 /x',
  'UseRoaming no',
  'UseRsh yes',
  'UsePrivilegedPort yes',
  'UseBlacklistedKeys yes',
  'AFSTokenPassing yes',
  'KerberosAuthentication yes',
  'KerberosTGTPassing yes',
  'RSAAuthentication yes',
  'RhostsRSAAuthentication yes',
  'CompressionLevel 6',
  'Protocol 2',
  'Protocol 1,2 x y',
  'ConnectTimeout none',
  'ServerAliveInterval none',
  'ForwardX11Timeout none',
  'SetupTimeOut none',
  'SendEnv #c',
  'SetEnv #c',
  'UserKnownHostsFile #c',
  'CanonicalDomains #c',
  'LogVerbose #c',
  'Include #c',
  'Host #c',
  'Include /nonexistent/*',
];

test('every `ssh -G` line of a typical value equals parse()', { skip: skipOracle }, () => {
  const failures: string[] = [];
  for (const item of GOOD) {
    const [line, host] = typeof item === 'string' ? [item, 'x'] : item;
    const { spec, result } = parseLine(line);
    const ssh = sshG(`${line}\n`, host);
    if (ssh.status !== 0) {
      failures.push(`${line}: ssh failed: ${ssh.stderr.trim()}`);
      continue;
    }
    if ('error' in result) {
      failures.push(`${line}: parse error ${result.error}`);
      continue;
    }
    const got = expectedLines(spec, result.values);
    const want = printedLines(ssh.stdout, spec.name);
    if (JSON.stringify(got) !== JSON.stringify(want))
      failures.push(`${line}: parse ${JSON.stringify(got)} ssh ${JSON.stringify(want)}`);
  }
  assert.deepEqual(failures, []);
});

test('ssh rejects the bad lines, and so does parse(), with the same message', { skip: skipOracle }, () => {
  const failures: string[] = [];
  for (const [line, message] of BAD) {
    const { result } = parseLine(line);
    const ssh = sshG(`${line}\n`);
    if (ssh.status !== 255) failures.push(`${line}: ssh exited ${ssh.status}`);
    if (!('error' in result)) failures.push(`${line}: parse accepted it: ${JSON.stringify(result.values)}`);
    else if (message !== undefined && result.error !== message)
      failures.push(`${line}: parse said ${result.error}`);
    if (message !== undefined && !ssh.stderr.includes(message))
      failures.push(`${line}: ssh said ${ssh.stderr.trim()}`);
  }
  assert.deepEqual(failures, []);
});

test('accepted lines that change nothing in `ssh -G`', { skip: skipOracle }, () => {
  const baseline = sshG('').stdout;
  const failures: string[] = [];
  for (const line of NO_OUTPUT) {
    const { spec, result } = parseLine(line);
    const ssh = sshG(`${line}\n`);
    if (ssh.status !== 0 || ssh.stdout !== baseline)
      failures.push(`${line}: ssh ${ssh.status} ${ssh.stderr.trim()}`);
    if ('error' in result) failures.push(`${line}: parse error ${result.error}`);
    else if (
      spec.combine !== 'ignored' &&
      result.values.length > 0 &&
      !['include', 'host'].includes(spec.name)
    )
      failures.push(`${line}: parse gave ${JSON.stringify(result.values)}`);
  }
  assert.deepEqual(failures, []);
});

test('every key `ssh -G` prints has a spec of that name', { skip: skipOracle }, () => {
  const config = [
    'ProxyCommand nc %h %p',
    'BindAddress 1.2.3.4',
    'BindInterface lo',
    'ControlPath /tmp/c',
    'HostKeyAlias a',
    'IdentityAgent none',
    'IgnoreUnknown x',
    'KbdInteractiveDevices pam',
    'LocalCommand x',
    'RemoteCommand x',
    'PKCS11Provider /p',
    'PreferredAuthentications publickey',
    'RevokedHostKeys /k',
    'KnownHostsCommand /bin/true',
    'CertificateFile /c',
    'SendEnv A',
    'SetEnv A=1',
    'LocalForward 1 h:1',
    'RemoteForward 1 h:1',
    'DynamicForward 2',
    'GSSAPIClientIdentity a',
    'GSSAPIServerIdentity b',
  ].join('\n');
  const names = new Set([...KEYWORDS.values()].map((s) => s.name));
  const keys = new Set([
    ...sshG(`${config}\n`).stdout.split('\n'),
    ...sshG('ProxyJump j\n').stdout.split('\n'),
  ]);
  const missing = [...keys].map((l) => l.split(' ')[0] ?? '').filter((k) => k !== '' && !names.has(k));
  assert.deepEqual(missing, []);
});

test('combining lines: slots, inactive blocks, SendEnv removal', { skip: skipOracle }, () => {
  const cases: readonly (readonly [string, readonly (readonly [string, boolean])[]])[] = [
    [
      'rekeylimit',
      [
        ['RekeyLimit 1G', true],
        ['RekeyLimit 2G 1h', true],
      ],
    ],
    [
      'rekeylimit',
      [
        ['RekeyLimit 1G none', true],
        ['RekeyLimit 2G 1h', true],
      ],
    ],
    [
      'forwardagent',
      [
        ['ForwardAgent yes', true],
        ['ForwardAgent /p', true],
      ],
    ],
    [
      'forwardagent',
      [
        ['ForwardAgent /p', true],
        ['ForwardAgent no', true],
      ],
    ],
    [
      'connecttimeout',
      [
        ['ConnectTimeout none', true],
        ['ConnectTimeout 5', true],
      ],
    ],
    [
      'syslogfacility',
      [
        ['SyslogFacility LOCAL0', false],
        ['SyslogFacility LOCAL1', true],
      ],
    ],
    [
      'streamlocalbindmask',
      [
        ['StreamLocalBindMask 0077', true],
        ['StreamLocalBindMask 0022', false],
      ],
    ],
    [
      'user',
      [
        ['User a', false],
        ['User b', true],
        ['User c', true],
      ],
    ],
  ];
  for (const [name, lines] of cases) {
    const config = lines.map(([l, active]) => `Match ${active ? 'all' : '!all'}\n${l}`).join('\n');
    const spec = lookupKeyword(name, ctx);
    assert.ok(spec);
    const values = resolveFirst(
      spec,
      lines.map(([l, active]) => ({ args: argvSplit(splitLine(l).rest), active })),
      ctx,
    );
    assert.deepEqual(
      printedLines(sshG(`${config}\n`).stdout, spec.name),
      expectedLines(spec, values ?? []),
      config,
    );
  }
  const sendenv = ['SendEnv LANG LC_ALL LC_X', 'SendEnv -LC_* EDITOR'];
  let list: string[] = [];
  for (const l of sendenv) list = applySendEnv(list, argvSplit(splitLine(l).rest));
  assert.deepEqual(
    printedLines(sshG(`${sendenv.join('\n')}\n`).stdout, 'sendenv'),
    list.map((v) => `sendenv ${v}`),
  );
});

test('forward dump: LocalForward and DynamicForward share one list', { skip: skipOracle }, () => {
  const lines = [
    'LocalForward 8080 /tmp/sock',
    'DynamicForward 1080',
    'LocalForward 9090 h:80',
    'RemoteForward 1 h:1',
  ];
  const local: Forward[] = [];
  const remote: Forward[] = [];
  for (const l of lines) {
    const { keyword, rest } = splitLine(l);
    const f = parseForwardArgs(keyword as 'localforward', argvSplit(rest));
    assert.ok(!('error' in f));
    (keyword === 'remoteforward' ? remote : local).push(f);
  }
  const want = sshG(`${lines.join('\n')}\n`)
    .stdout.split('\n')
    .filter((l) => /^(local|remote|dynamic)forward /.test(l));
  assert.deepEqual(dumpForwardLines(local, remote), want);
});

test('aliases share their target spec; names are what -G prints', () => {
  const same = (a: string, b: string) => assert.equal(KEYWORDS.get(a), KEYWORDS.get(b), `${a} ~ ${b}`);
  same('identityfile2', 'identityfile');
  same('challengeresponseauthentication', 'kbdinteractiveauthentication');
  same('skeyauthentication', 'kbdinteractiveauthentication');
  same('tisauthentication', 'kbdinteractiveauthentication');
  same('keepalive', 'tcpkeepalive');
  same('pubkeyacceptedkeytypes', 'pubkeyacceptedalgorithms');
  same('hostbasedkeytypes', 'hostbasedacceptedalgorithms');
  same('dsaauthentication', 'pubkeyauthentication');
  same('smartcarddevice', 'pkcs11provider');
  assert.equal(KEYWORDS.get('canonicalizepermittedcnames')?.name, 'canonicalizePermittedcnames');
  for (const key of KEYWORDS.keys()) assert.equal(key, key.toLowerCase());
  assert.equal(lookupKeyword('CONTROLMASTER', ctx)?.name, 'controlmaster');
});

test('combine and print modes follow the interface', () => {
  const mode = (k: string) => {
    const s = KEYWORDS.get(k);
    return `${s?.combine}/${s?.print}`;
  };
  for (const k of ['identityfile', 'certificatefile', 'localforward', 'remoteforward', 'dynamicforward'])
    assert.equal(mode(k), 'append/lines', k);
  assert.equal(mode('sendenv'), 'sendenv/lines');
  assert.equal(mode('setenv'), 'first-line/lines');
  for (const k of [
    'userknownhostsfile',
    'globalknownhostsfile',
    'canonicaldomains',
    'canonicalizepermittedcnames',
    'permitremoteopen',
    'channeltimeout',
    'logverbose',
  ])
    assert.equal(mode(k), 'first-line/line', k);
  for (const k of ['cipher', 'useroaming', 'compressionlevel', 'protocol'])
    assert.equal(KEYWORDS.get(k)?.combine, 'ignored', k);
  assert.equal(KEYWORDS.get('cipher')?.status, 'deprecated');
  assert.equal(KEYWORDS.get('rsaauthentication')?.status, 'unsupported');
  assert.equal(KEYWORDS.get('protocol')?.status, undefined);
  for (const k of ['proxycommand', 'localcommand', 'remotecommand', 'knownhostscommand', 'proxyjump'])
    assert.equal(KEYWORDS.get(k)?.input, 'verbatim', k);
});

test('version gates', () => {
  const at = (k: string, version: readonly [number, number]) => lookupKeyword(k, { version }) !== undefined;
  const gates: readonly (readonly [string, readonly [number, number]])[] = [
    ['tag', [9, 4]],
    ['obscurekeystroketiming', [9, 5]],
    ['channeltimeout', [9, 6]],
    ['versionaddendum', [10, 0]],
    ['refuseconnection', [10, 1]],
    ['enableescapecommandline', [9, 2]],
    ['requiredrsasize', [9, 1]],
    ['proxyjump', [7, 3]],
    ['include', [7, 3]],
    ['setenv', [7, 8]],
    ['sessiontype', [8, 7]],
  ];
  for (const [k, [major, minor]] of gates) {
    assert.ok(at(k, [major, minor]), `${k} at ${major}.${minor}`);
    assert.ok(!at(k, minor === 0 ? [major - 1, 9] : [major, minor - 1]), `${k} before ${major}.${minor}`);
  }
  assert.ok(at('user', [6, 0]));
});

test('later keywords parse as the newer clients print them', () => {
  const c: KeywordContext = { version: [10, 3] };
  const vals = (line: string) => {
    const { result } = parseLine(line, c);
    return 'error' in result ? { error: result.error } : result.values;
  };
  assert.deepEqual(vals('Tag prod'), ['prod']);
  assert.deepEqual(vals('ObscureKeystrokeTiming interval:80'), ['interval:80']);
  assert.deepEqual(vals('ObscureKeystrokeTiming yes'), ['yes']);
  assert.ok('error' in (vals('ObscureKeystrokeTiming interval:0') as object));
  assert.deepEqual(vals('ChannelTimeout session=5m global=1h'), ['session=5m', 'global=1h']);
  assert.ok('error' in (vals('ChannelTimeout session') as object));
  assert.deepEqual(vals('RefuseConnection yes'), ['yes']);
  assert.deepEqual(vals('RevokedHostKeys /a /b'), ['/a', '/b']);
});

test('value grammars', () => {
  assert.equal(convtime('10m'), 600);
  assert.equal(convtime('1h30m'), 5400);
  assert.equal(convtime('90'), 90);
  assert.equal(convtime('1x'), -1);
  assert.equal(convtime(''), -1);
  assert.equal(scanScaled('1.5M'), 1572864n);
  assert.equal(scanScaled('4G'), 4294967296n);
  assert.equal(scanScaled('1KB'), 'Invalid argument');
  const { result } = parseLine('RemoteForward 1080');
  assert.deepEqual(result, { values: ['1080 [socks]:0'] });
});
