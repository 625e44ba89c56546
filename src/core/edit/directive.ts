/**
 * Writing one config line: the keyword in its documented spelling, values quoted only when
 * they must be, and a check that ssh will read the line back as exactly the values meant.
 */
import { InvalidInputError } from '../errors.js';
import { didYouMean, suggest } from '../suggest.js';
import { lookupKeyword, type KeywordContext, type KeywordSpec, parseLine } from '../config/index.js';

// ssh_config(5) spellings; ssh reads keywords case-insensitively, people read them like this.
const CANONICAL = `AddKeysToAgent AddressFamily BatchMode BindAddress BindInterface CanonicalDomains
CanonicalizeFallbackLocal CanonicalizeHostname CanonicalizeMaxDots CanonicalizePermittedCNAMEs
CASignatureAlgorithms CertificateFile ChannelTimeout CheckHostIP Ciphers ClearAllForwardings
Compression ConnectionAttempts ConnectTimeout ControlMaster ControlPath ControlPersist
DynamicForward EnableEscapeCommandline EnableSSHKeysign EscapeChar ExitOnForwardFailure
FingerprintHash ForkAfterAuthentication ForwardAgent ForwardX11 ForwardX11Timeout
ForwardX11Trusted GatewayPorts GlobalKnownHostsFile GSSAPIAuthentication GSSAPIDelegateCredentials
HashKnownHosts HostbasedAcceptedAlgorithms HostbasedAuthentication HostKeyAlgorithms HostKeyAlias
HostName IdentitiesOnly IdentityAgent IdentityFile IgnoreUnknown IPQoS KbdInteractiveAuthentication
KbdInteractiveDevices KexAlgorithms KnownHostsCommand LocalCommand LocalForward LogLevel LogVerbose
MACs NoHostAuthenticationForLocalhost NumberOfPasswordPrompts ObscureKeystrokeTiming
PasswordAuthentication PermitLocalCommand PermitRemoteOpen PKCS11Provider Port
PreferredAuthentications ProxyCommand ProxyJump ProxyUseFdpass PubkeyAcceptedAlgorithms
PubkeyAuthentication RekeyLimit RemoteCommand RemoteForward RequestTTY RequiredRSASize RevokedHostKeys
SecurityKeyProvider SendEnv ServerAliveCountMax ServerAliveInterval SessionType SetEnv
StdinNull StreamLocalBindMask StreamLocalBindUnlink StrictHostKeyChecking SyslogFacility TCPKeepAlive
Tag Tunnel TunnelDevice UpdateHostKeys User UserKnownHostsFile VerifyHostKeyDNS VisualHostKey
XAuthLocation`
  .split(/\s+/)
  .filter(Boolean);
const BY_LOWER = new Map(CANONICAL.map((k) => [k.toLowerCase(), k]));

export function canonicalKeyword(keyword: string): string {
  return BY_LOWER.get(keyword.toLowerCase()) ?? keyword;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function rejectControl(what: string, value: string): void {
  if (CONTROL.test(value))
    throw new InvalidInputError(
      what,
      value,
      'it contains a line break or another control character',
      'A config value must fit on one line.',
    );
}

/** A token as argv_split will read it back: bare when plain, otherwise double-quoted. */
export function quoteToken(value: string): string {
  if (value !== '' && /^[^\s"'\\#]+$/.test(value)) return value;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface DirectiveLine {
  readonly text: string;
  readonly spec: KeywordSpec;
}

/**
 * The text of `Keyword value…` with the given indent and separator. Refuses structural keywords,
 * unknown keywords and values ssh would reject, naming the keyword.
 */
export function formatDirective(
  keyword: string,
  values: readonly string[],
  indent: string,
  sep: string,
  ctx: KeywordContext,
): DirectiveLine {
  const lower = keyword.toLowerCase();
  if (lower === 'host' || lower === 'match' || lower === 'include')
    throw new InvalidInputError('keyword', keyword, 'Host, Match and Include lines are not single values');
  const spec = lookupKeyword(lower, ctx);
  if (!spec)
    throw new InvalidInputError(
      'keyword',
      keyword,
      `this ssh (${ctx.version.join('.')}) does not know it`,
      didYouMean(suggest(keyword, CANONICAL)) ?? 'See `man ssh_config` for the keywords your client accepts.',
    );
  if (values.length === 0) throw new InvalidInputError('value', '', `${keyword} needs a value`);
  for (const v of values) rejectControl(`${canonicalKeyword(keyword)} value`, v);
  const rest = spec.input === 'verbatim' ? values.join(' ') : values.map(quoteToken).join(' ');
  const text = `${indent}${canonicalKeyword(keyword)}${sep}${rest}`;
  const back = parseLine(text, 1, ctx);
  if (back.kind === 'error')
    throw new InvalidInputError(`${canonicalKeyword(keyword)} value`, values.join(' '), back.message);
  const want = spec.input === 'verbatim' ? [values.join(' ')] : values;
  if (back.kind !== 'directive' || back.args.join('\u0000') !== want.join('\u0000'))
    throw new InvalidInputError(
      `${canonicalKeyword(keyword)} value`,
      values.join(' '),
      'ssh would not read it back as written',
    );
  return { text, spec };
}
