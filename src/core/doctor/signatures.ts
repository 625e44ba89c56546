/**
 * The stderr signatures of OpenSSH client failures (ssh-failures.md, section 1), most specific
 * first. All processes of a chain share one stderr, so each signature also says how to tell
 * which hop it is about: a message that names a host names the hop; `channel N: open failed`
 * comes from the jump before the unreachable hop; anything naming `UNKNOWN port 65535` (or
 * nothing at all) is about a proxied hop, found from the per-hop progress markers.
 */
import type { ProbeCode } from './types.js';

/**
 * How a signature points at a hop:
 * - `named`: the line names HostName (and maybe port) of the hop;
 * - `socket`: the line names a real address and port, so it is the one direct TCP connection;
 * - `jump`: a jump reported that it could not open the channel to the next hop;
 * - `unproven`: the first hop without a progress marker;
 * - `local`: a problem on the client before or apart from any connection.
 */
export type Attribution = 'named' | 'socket' | 'jump' | 'unproven' | 'local';

export interface Signature {
  readonly code: ProbeCode;
  readonly re: RegExp;
  readonly by: Attribution;
  /** Which capture groups hold the host and the port (for `named` and `socket`). */
  readonly host?: number;
  readonly port?: number;
  /** Short name of the case, used by remedies to choose the wording. */
  readonly kind: string;
}

const S = (code: ProbeCode, kind: string, by: Attribution, re: RegExp, host?: number, port?: number) =>
  ({ code, kind, by, re, ...(host ? { host } : {}), ...(port ? { port } : {}) }) as Signature;

const CHANNEL = String.raw`^channel \d+: open failed: `;

export const SIGNATURES: readonly Signature[] = [
  S('E_CHAIN_CYCLE', 'jumphost-loop', 'local', /jumphost loop via (\S+)/),
  S('E_CONFIG', 'bad-option', 'local', /^(.*): line (\d+): Bad configuration option: (\S+)$/),
  S('E_CONFIG', 'bad-options', 'local', /^(.*): terminating, \d+ bad configuration options$/),
  S('E_CONFIG', 'bad-perms', 'local', /^Bad owner or permissions on (.+)$/),
  S('E_CONFIG', 'no-config', 'local', /^Can't open user config file (.+): (.+)$/),
  S('E_CONFIG', 'old-client', 'local', /^unknown option -- J$/),
  S('E_CONFIG', 'bad-name', 'local', /^(hostname|remote username) contains invalid characters$/),
  S('E_CONFIG', 'remote-command', 'local', /^Cannot execute command-line and remote command\.$/),
  S('E_CONFIG', 'proxy-command', 'unproven', /^\S+: (?:\d+: |line \d+: )?exec: (.+): not found$/),
  S('E_CONTROLPATH', 'too-long', 'local', /^ControlPath too long \('(.+)' >= \d+ bytes\)$/),
  S(
    'E_CONTROLPATH',
    'listener',
    'local',
    /^unix_listener: (?:path )?"(.+)" too long for Unix domain socket$/,
  ),
  S('E_CONTROLPATH', 'bind', 'local', /^unix_listener: cannot bind to path:? (.+?): (.+)$/),
  S('E_KEY_PERMISSIONS', 'load-key', 'local', /^Load key "(.+)": bad permissions$/),
  S('E_KEY_PERMISSIONS', 'unprotected', 'local', /^Permissions (0\d+) for '(.+)' are too open\.$/),
  S('E_HOSTKEY_CHANGED', 'changed', 'named', /^Host key for (\S+) has changed and you have requested/, 1),
  S('E_HOSTKEY_CHANGED', 'banner', 'unproven', /REMOTE HOST IDENTIFICATION HAS CHANGED/),
  S('E_HOSTKEY_UNKNOWN', 'unknown', 'named', /^No (\S+) host key is known for (\S+) and you have/, 2),
  S('E_HOSTKEY_UNKNOWN', 'failed', 'unproven', /^Host key verification failed\.$/),
  S(
    'E_ALGORITHM',
    'negotiate',
    'socket',
    /^Unable to negotiate with (\S+) port (\d+): no matching (.+) found\. Their offer: (.*)$/,
    1,
    2,
  ),
  S('E_FORWARDING_DENIED', 'prohibited', 'jump', new RegExp(`${CHANNEL}administratively prohibited`)),
  S('E_FORWARDING_DENIED', 'mux', 'jump', /^Stdio forwarding request failed: Session open refused by peer$/),
  S(
    'E_DNS_AT_JUMP',
    'jump-dns',
    'jump',
    new RegExp(
      `${CHANNEL}connect failed: (Name or service not known|Temporary failure in name resolution|No address associated with hostname|Address family for hostname not supported|nodename nor servname provided.*)$`,
    ),
  ),
  S('E_DNS', 'resolve', 'named', /^ssh: Could not resolve hostname (\S+): (.+)$/, 1),
  S('E_DNS', 'canonicalize', 'named', /^ssh: Could not resolve host "(\S+)"$/, 1),
  S('E_REFUSED', 'connect', 'named', /^ssh: connect to host (\S+) port (\d+): Connection refused$/, 1, 2),
  S('E_REFUSED', 'jump-connect', 'jump', new RegExp(`${CHANNEL}connect failed: Connection refused$`)),
  S('E_REFUSED', 'reset', 'socket', /^Connection reset by (\S+) port (\d+)$/, 1, 2),
  S('E_REFUSED', 'reset-kex', 'unproven', /^kex_exchange_identification: read: Connection reset by peer$/),
  S(
    'E_TIMEOUT',
    'connect',
    'named',
    /^ssh: connect to host (\S+) port (\d+): (?:Connection|Operation) timed out$/,
    1,
    2,
  ),
  S('E_TIMEOUT', 'jump-connect', 'jump', new RegExp(`${CHANNEL}connect failed: Connection timed out$`)),
  S('E_TIMEOUT', 'banner', 'unproven', /^Connection timed out during banner exchange$/),
  S('E_TIMEOUT', 'banner-to', 'socket', /^Connection to (\S+) port (\d+) timed out$/, 1, 2),
  S(
    'E_UNREACHABLE',
    'connect',
    'named',
    /^ssh: connect to host (\S+) port (\d+): (No route to host|Network is unreachable|Host is down)$/,
    1,
    2,
  ),
  S(
    'E_UNREACHABLE',
    'jump-connect',
    'jump',
    new RegExp(
      `${CHANNEL}connect failed: (No route to host|Network is unreachable|Host is down|open failed)$`,
    ),
  ),
  S(
    'E_NOT_SSH',
    'invalid',
    'unproven',
    /^kex_exchange_identification: banner line (contains invalid|too long)/,
  ),
  S(
    'E_NOT_SSH',
    'format',
    'socket',
    /^banner exchange: Connection to (\S+) port (\d+): invalid format$/,
    1,
    2,
  ),
  S(
    'E_NOT_SSH',
    'version',
    'unproven',
    /^(Bad remote protocol version identification|No SSH version received)/,
  ),
  S('E_AUTH', 'denied', 'named', /^(.+)@([^@\s]+): Permission denied \((.*)\)\.$/, 2),
  S(
    'E_AUTH',
    'too-many',
    'socket',
    /^Received disconnect from (\S+) port (\d+):2: Too many authentication/,
    1,
    2,
  ),
  S('E_UNKNOWN', 'jump-other', 'jump', new RegExp(`${CHANNEL}(.+)$`)),
  // Only the "connection closed before the banner" pair(s) are left: a server that accepted the
  // connection and closed it (not sshd on that port, or sshd dropping it: MaxStartups, wrappers).
  S('E_NOT_SSH', 'closed', 'unproven', /^kex_exchange_identification: Connection closed by remote host$/),
  S('E_NOT_SSH', 'closed-old', 'unproven', /^ssh_exchange_identification: Connection closed by remote host$/),
];

/** Lines that say nothing about the failure (VERBOSE noise and the teardown of inner hops). */
export const NOISE: readonly RegExp[] = [
  /^Killed by signal \d+\.$/,
  /^Transferred: /,
  /^Bytes per second: /,
  /^Pseudo-terminal will not be allocated/,
  /^Warning: Permanently added /,
  /^Authenticated to /,
  /^Authenticated using "[^"]+" with partial success\.$/,
];

/** The per-hop progress marker printed at LogLevel VERBOSE (sshconnect2.c). */
export const MARKER = /^Authenticated to (\S+) \((?:\[[^\]]*\]:\d+|via proxy)\) using "[^"]+"\.$/;

/** The pair each process behind a proxy prints when its transport dies before the banner. */
export const KEX_PAIR = /^(?:kex|ssh)_exchange_identification: /;
