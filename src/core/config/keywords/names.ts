/**
 * Name tables of the OpenSSH 9.2 client: multistate keywords, IP QoS names, log levels and
 * facilities, fingerprint hashes, and the TCP service names a2port() may resolve.
 */

/**
 * getservbyname(…, "tcp") fallback of a2port(). The real lookup reads /etc/services; this is the
 * subset of Debian's netbase list people plausibly write in ssh configs.
 */
export const TCP_SERVICES: ReadonlyMap<string, number> = new Map(
  (
    'ftp-data:20 ftp:21 ssh:22 telnet:23 smtp:25 domain:53 gopher:70 finger:79 http:80 www:80 kerberos:88 ' +
    'pop3:110 sunrpc:111 auth:113 nntp:119 ntp:123 netbios-ssn:139 imap2:143 imap:143 bgp:179 irc:194 ' +
    'ldap:389 https:443 microsoft-ds:445 submissions:465 ssmtp:465 smtps:465 submission:587 ldaps:636 ' +
    'rsync:873 ftps-data:989 ftps:990 telnets:992 imaps:993 pop3s:995 socks:1080 openvpn:1194 ' +
    'ms-sql-s:1433 nfs:2049 mysql:3306 ms-wbt-server:3389 svn:3690 sip:5060 postgresql:5432 postgres:5432 ' +
    'amqp:5672 x11:6000 ircd:6667 http-alt:8080 webcache:8080'
  )
    .split(' ')
    .map((e) => {
      const [name = '', port = ''] = e.split(':');
      return [name, Number(port)] as const;
    }),
);

/** Multistate tables, in readconf.c order: -G prints the first name carrying the value. */
export type Multistate = readonly (readonly [string, number])[];
const YN: Multistate = [
  ['true', 1],
  ['false', 0],
  ['yes', 1],
  ['no', 0],
];
export const MULTISTATE = {
  flag: YN,
  yesnoask: [...YN, ['ask', 2]],
  strictHostkey: [...YN, ['ask', 2], ['off', 0], ['accept-new', 3]],
  yesnoaskconfirm: [...YN, ['ask', 2], ['confirm', 3]],
  addressfamily: [
    ['inet', 4],
    ['inet6', 6],
    ['any', 0],
  ],
  controlmaster: [
    ['true', 1],
    ['yes', 1],
    ['false', 0],
    ['no', 0],
    ['auto', 2],
    ['ask', 3],
    ['autoask', 4],
  ],
  // SSH_TUNMODE_DEFAULT is SSH_TUNMODE_POINTOPOINT, hence `Tunnel yes` prints point-to-point.
  tunnel: [
    ['ethernet', 2],
    ['point-to-point', 1],
    ['true', 1],
    ['yes', 1],
    ['false', 0],
    ['no', 0],
  ],
  requesttty: [
    ['true', 1],
    ['yes', 1],
    ['false', 0],
    ['no', 0],
    ['force', 2],
    ['auto', 3],
  ],
  sessiontype: [
    ['none', 0],
    ['subsystem', 1],
    ['default', 2],
  ],
  canonicalizehostname: [...YN, ['always', 2]],
  pubkeyAuth: [...YN, ['unbound', 2], ['host-bound', 3]],
  compression: [
    ['yes', 1],
    ['no', 0],
  ],
} satisfies Record<string, Multistate>;

export function multistateValue(arg: string, table: Multistate): number | undefined {
  return table.find(([k]) => k.toLowerCase() === arg.toLowerCase())?.[1];
}

export function multistateName(value: number, table: Multistate): string {
  return table.find(([, v]) => v === value)?.[0] ?? 'UNKNOWN';
}

/** parse_ipqos()/iptos2str(): names (case-insensitive) or 0–255 in C notation. */
export const IPQOS: readonly (readonly [string, number])[] = [
  ['none', 2147483647], // INT_MAX: 0 would be CS0
  ['af11', 0x28],
  ['af12', 0x30],
  ['af13', 0x38],
  ['af21', 0x48],
  ['af22', 0x50],
  ['af23', 0x58],
  ['af31', 0x68],
  ['af32', 0x70],
  ['af33', 0x78],
  ['af41', 0x88],
  ['af42', 0x90],
  ['af43', 0x98],
  ['cs0', 0x00],
  ['cs1', 0x20],
  ['cs2', 0x40],
  ['cs3', 0x60],
  ['cs4', 0x80],
  ['cs5', 0xa0],
  ['cs6', 0xc0],
  ['cs7', 0xe0],
  ['ef', 0xb8],
  ['le', 0x04],
  ['lowdelay', 0x10],
  ['throughput', 0x08],
  ['reliability', 0x04],
];

const LOG_LEVELS: readonly (readonly [string, string])[] = [
  ['QUIET', 'SILENT'],
  ['FATAL', 'FATAL'],
  ['ERROR', 'ERROR'],
  ['INFO', 'INFO'],
  ['VERBOSE', 'VERBOSE'],
  ['DEBUG', 'DEBUG'],
  ['DEBUG1', 'DEBUG'],
  ['DEBUG2', 'DEBUG2'],
  ['DEBUG3', 'DEBUG3'],
  ['SILENT', 'SILENT'],
];

/** log_level_number() then log_level_name(): returns the printed name. */
export function logLevelName(s: string): string | undefined {
  return LOG_LEVELS.find(([n]) => n === s.toUpperCase())?.[1];
}

const FACILITIES = [
  'DAEMON',
  'USER',
  'AUTH',
  'AUTHPRIV',
  ...Array.from({ length: 8 }, (_, i) => `LOCAL${i}`),
];

export function logFacilityName(s: string): string | undefined {
  return FACILITIES.find((n) => n === s.toUpperCase());
}

/** ssh_digest_alg_by_name(), printed by its canonical upper-case name. */
export function fingerprintHashName(s: string): string | undefined {
  return ['MD5', 'SHA1', 'SHA256', 'SHA384', 'SHA512'].find((n) => n === s.toUpperCase());
}
