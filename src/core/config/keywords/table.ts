/**
 * The keyword table: OpenSSH 9.2p1 (Debian build, with its GSSAPI key-exchange options and
 * keep-alive aliases) plus the later upstream keywords, gated with `since`.
 */
import type { KeywordSpec, ParseResult, SshVersion } from './spec.js';
import { parseAlgorithms, parseGssKex } from './algorithms.js';
import { parseForwardValue, parsePermitRemoteOpen, parseProxyJump } from './forward.js';
import { MULTISTATE, fingerprintHashName, logFacilityName, logLevelName } from './names.js';
import { extraArgs, fail, ok } from './parse.js';
import * as v from './values.js';

type Parser = KeywordSpec['parse'];

interface Options {
  readonly aliases?: readonly string[];
  readonly name?: string;
  readonly input?: KeywordSpec['input'];
  readonly combine?: KeywordSpec['combine'];
  readonly print?: KeywordSpec['print'];
  readonly since?: SshVersion;
  readonly status?: KeywordSpec['status'];
}

/** [lower-case keywords (the keyword itself, then its aliases), spec]. */
export type TableEntry = readonly [readonly string[], KeywordSpec];

const entry = (keyword: string, parse: Parser, o: Options = {}): TableEntry => {
  const spec: KeywordSpec = {
    name: o.name ?? keyword,
    input: o.input ?? 'tokens',
    combine: o.combine ?? 'first',
    print: o.print ?? 'line',
    ...(o.since ? { since: o.since } : {}),
    ...(o.status ? { status: o.status } : {}),
    parse,
  };
  return [[keyword, ...(o.aliases ?? [])], spec];
};

const flag = (kw: string, o: Options = {}): TableEntry => entry(kw, v.flag(kw), o);
const multi = (
  kw: string,
  table: (typeof MULTISTATE)[keyof typeof MULTISTATE],
  o: Options = {},
): TableEntry => entry(kw, v.multistate(kw, table), o);
const str = (kw: string, o: Options = {}): TableEntry => entry(kw, v.str(kw), o);
const time = (kw: string, o: Options = {}): TableEntry => entry(kw, v.time(kw), o);
const int = (kw: string, o: Options = {}): TableEntry => entry(kw, v.int(kw), o);
const cmd = (kw: string, o: Options = {}): TableEntry => entry(kw, v.command, { input: 'verbatim', ...o });
const appended = (kw: string, o: Options = {}): TableEntry =>
  entry(kw, v.str(kw), { combine: 'append', print: 'lines', ...o });
const forward = (kw: 'localforward' | 'remoteforward' | 'dynamicforward'): TableEntry =>
  entry(kw, (args) => parseForwardValue(kw, args), { combine: 'append', print: 'lines' });
const algos = (kw: Parameters<typeof parseAlgorithms>[0], o: Options = {}): TableEntry =>
  entry(kw, (args) => parseAlgorithms(kw, args), o);
const firstLine = (kw: string, parse: Parser, o: Options = {}): TableEntry =>
  entry(kw, parse, { combine: 'first-line', ...o });
const old = (status: 'deprecated' | 'unsupported', ...kws: string[]): TableEntry[] =>
  kws.map((kw) => entry(kw, v.ignored, { combine: 'ignored', status }));

const named =
  (kw: string, lookup: (a: string) => string | undefined, message: (a: string) => string): Parser =>
  (args) => {
    const a = args[0];
    const found = a === undefined ? undefined : lookup(a);
    if (found === undefined) return fail(message(a ?? '<NONE>'));
    return args.length > 1 ? extraArgs(kw) : ok(found);
  };

const lowerString =
  (kw: string): Parser =>
  (args) => {
    const r: ParseResult = v.str(kw)(args);
    return 'error' in r ? r : ok(...r.values.map((x) => x.toLowerCase()));
  };

export const TABLE: readonly TableEntry[] = [
  // Structural keywords: the resolver gives them their meaning.
  entry('host', v.patterns('host')),
  entry('match', (args) => ok(...args)),
  entry('include', v.patterns('include'), { since: [7, 3] }),
  str('ignoreunknown'),
  str('tag', { since: [9, 4] }),

  // Where and as whom.
  str('user'),
  str('hostname'),
  entry('port', v.port),
  entry('hostkeyalias', lowerString('hostkeyalias')),
  str('bindaddress'),
  str('bindinterface', { since: [7, 7] }),
  multi('addressfamily', MULTISTATE.addressfamily),
  entry('proxyjump', (args) => parseProxyJump(args[0] ?? ''), { input: 'verbatim', since: [7, 3] }),
  cmd('proxycommand'),
  flag('proxyusefdpass'),

  // Plain yes/no flags.
  flag('batchmode'),
  flag('canonicalizefallbacklocal'),
  flag('checkhostip'),
  flag('clearallforwardings'),
  flag('enablesshkeysign'),
  flag('exitonforwardfailure'),
  flag('forwardx11'),
  flag('forwardx11trusted'),
  flag('gatewayports'),
  flag('gssapiauthentication'),
  flag('gssapidelegatecredentials'),
  flag('gssapikeyexchange'),
  flag('gssapitrustdns'),
  flag('gssapirenewalforcesrekey'),
  flag('hashknownhosts'),
  flag('hostbasedauthentication'),
  flag('identitiesonly'),
  flag('kbdinteractiveauthentication', {
    aliases: ['challengeresponseauthentication', 'skeyauthentication', 'tisauthentication'],
  }),
  flag('nohostauthenticationforlocalhost'),
  flag('passwordauthentication'),
  flag('permitlocalcommand'),
  flag('stdinnull', { since: [8, 7] }),
  flag('forkafterauthentication', { since: [8, 7] }),
  flag('streamlocalbindunlink'),
  flag('tcpkeepalive', { aliases: ['keepalive'] }),
  flag('visualhostkey'),
  flag('enableescapecommandline', { since: [9, 2] }),
  flag('refuseconnection', { since: [10, 1] }),
  entry('compression', v.multistate('compression', MULTISTATE.compression, true)),

  // Multistate options print the first table name for their value.
  multi('canonicalizehostname', MULTISTATE.canonicalizehostname),
  multi('controlmaster', MULTISTATE.controlmaster),
  multi('pubkeyauthentication', MULTISTATE.pubkeyAuth, { aliases: ['dsaauthentication'] }),
  multi('requesttty', MULTISTATE.requesttty),
  multi('sessiontype', MULTISTATE.sessiontype, { since: [8, 7] }),
  multi('stricthostkeychecking', MULTISTATE.strictHostkey),
  multi('tunnel', MULTISTATE.tunnel),
  multi('updatehostkeys', MULTISTATE.yesnoask),
  multi('verifyhostkeydns', MULTISTATE.yesnoask),
  entry('addkeystoagent', v.addKeysToAgent, { since: [7, 2] }),
  entry('forwardagent', v.forwardAgent),
  entry('controlpersist', v.controlPersist),
  entry('obscurekeystroketiming', v.obscureKeystrokeTiming, { since: [9, 5] }),

  // Numbers and times.
  int('canonicalizemaxdots'),
  int('connectionattempts'),
  int('numberofpasswordprompts'),
  int('serveralivecountmax'),
  int('requiredrsasize', { since: [9, 1] }),
  time('connecttimeout'),
  time('forwardx11timeout'),
  // protocolkeepalives and setuptimeout are Debian's old aliases.
  time('serveraliveinterval', { aliases: ['protocolkeepalives', 'setuptimeout'] }),
  entry('rekeylimit', v.rekeyLimit),
  entry('streamlocalbindmask', v.streamLocalBindMask),
  entry('tunneldevice', v.tunnelDevice),
  entry('ipqos', v.ipqos),
  entry('escapechar', v.escapeChar),

  // Strings.
  str('controlpath'),
  entry('identityagent', v.identityAgent, { since: [7, 3] }),
  str('kbdinteractivedevices'),
  str('preferredauthentications'),
  str('pkcs11provider', { aliases: ['smartcarddevice'] }),
  str('securitykeyprovider', { since: [8, 2] }),
  // 10.3 turned RevokedHostKeys into a list of files.
  entry('revokedhostkeys', (args, ctx) => {
    const [major, minor] = ctx.version;
    const list = major > 10 || (major === 10 && minor >= 3);
    return (list ? v.fileList('revokedhostkeys') : v.str('revokedhostkeys'))(args);
  }),
  str('xauthlocation'),
  str('gssapiclientidentity'),
  str('gssapiserveridentity'),
  entry('gssapikexalgorithms', parseGssKex),
  entry(
    'loglevel',
    named('loglevel', logLevelName, (a) => `unsupported log level '${a}'`),
  ),
  entry(
    'syslogfacility',
    named('syslogfacility', logFacilityName, (a) => `unsupported log facility '${a}'`),
  ),
  entry(
    'fingerprinthash',
    v.single('fingerprinthash', (a) => {
      const n = fingerprintHashName(a);
      return n ? ok(n) : fail(`Invalid hash algorithm "${a}".`);
    }),
  ),
  cmd('localcommand'),
  cmd('remotecommand', { since: [7, 6] }),
  cmd('knownhostscommand', { since: [8, 5] }),
  entry('versionaddendum', v.versionAddendum, { input: 'verbatim', since: [10, 0] }),

  // Algorithm lists, expanded as `ssh -G` prints them.
  algos('ciphers'),
  algos('macs'),
  algos('kexalgorithms'),
  algos('hostkeyalgorithms'),
  algos('pubkeyacceptedalgorithms', { aliases: ['pubkeyacceptedkeytypes'] }),
  algos('hostbasedacceptedalgorithms', { aliases: ['hostbasedkeytypes'] }),
  algos('casignaturealgorithms', { since: [7, 9] }),

  // Every active line adds.
  appended('identityfile', { aliases: ['identityfile2'] }),
  appended('certificatefile', { since: [7, 2] }),
  forward('localforward'),
  forward('remoteforward'),
  forward('dynamicforward'),
  entry('sendenv', v.sendEnv, { combine: 'sendenv', print: 'lines' }),

  // The first line wins as a whole.
  firstLine('setenv', v.setEnv, { print: 'lines', since: [7, 8] }),
  firstLine('userknownhostsfile', v.fileList('userknownhostsfile')),
  firstLine('globalknownhostsfile', v.fileList('globalknownhostsfile')),
  firstLine('canonicaldomains', v.canonicalDomains),
  firstLine('canonicalizepermittedcnames', v.permittedCnames, { name: 'canonicalizePermittedcnames' }),
  firstLine('permitremoteopen', parsePermitRemoteOpen),
  firstLine('logverbose', v.logVerbose),
  firstLine('channeltimeout', v.channelTimeout, { since: [9, 6] }),

  // Accepted and ignored: `protocol` silently, the others with a debug or error message.
  entry('protocol', v.ignored, { combine: 'ignored' }),
  ...old(
    'deprecated',
    'cipher',
    'fallbacktorsh',
    'globalknownhostsfile2',
    'rhostsauthentication',
    'userknownhostsfile2',
    'useroaming',
    'usersh',
    'useprivilegedport',
    'useblacklistedkeys', // Debian
  ),
  ...old(
    'unsupported',
    'afstokenpassing',
    'kerberosauthentication',
    'kerberostgtpassing',
    'rsaauthentication',
    'rhostsrsaauthentication',
    'compressionlevel',
  ),
];
