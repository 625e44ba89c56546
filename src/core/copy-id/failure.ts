/**
 * A small stand-in classifier for ssh's stderr, used until `doctor`'s classifier is merged: it
 * tells authentication, host-key and network failures apart, names the host ssh named, and says
 * what to do. Signatures follow the ssh-failures reference (F01–F13, F20), most specific first.
 */

export interface Failure {
  /** Stable code: E_AUTH, E_HOSTKEY_CHANGED, E_HOSTKEY_UNKNOWN, E_CONNECTION_REFUSED, … */
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  /** ssh's stderr, trimmed (noise lines removed). */
  readonly raw: string;
}

interface Rule {
  readonly code: string;
  readonly test: RegExp;
  /** Where ssh names the host, when it does (its first group). */
  readonly host?: RegExp;
  readonly message: (hop: string, m: RegExpExecArray) => string;
  readonly fix: (hop: string, m: RegExpExecArray) => string;
}

const RULES: readonly Rule[] = [
  {
    code: 'E_HOSTKEY_CHANGED',
    test: /Host key for \S+ has changed|REMOTE HOST IDENTIFICATION HAS CHANGED/,
    host: /Host key for (\S+) has changed/,
    message: (hop, m) => `the host key of ${m[1] ?? hop} has changed since it was recorded`,
    fix: () =>
      'Verify the new fingerprint with the host’s administrator, then replace the old entry (ssh-keygen -R <host>). Never disable host key checking.',
  },
  {
    code: 'E_HOSTKEY_UNKNOWN',
    test: /No \S+ host key is known for \S+|Host key verification failed/,
    host: /No \S+ host key is known for (\S+)/,
    message: (hop, m) => `the host key of ${m[1] ?? hop} is not known`,
    fix: (hop) =>
      `Check the fingerprint out of band, then accept it once interactively (ssh ${hop}) or add it to known_hosts.`,
  },
  {
    code: 'E_AUTH',
    test: /(\S+)@(\S+): Permission denied \(([^)]*)\)/,
    message: (_hop, m) => `${m[1]}@${m[2]} refused the login (it accepts: ${m[3]})`,
    fix: (hop, m) =>
      /password|keyboard-interactive/.test(m[3] ?? '')
        ? `Check the user and password for ${hop}; run again on a terminal, or set SSH_ASKPASS with SSH_ASKPASS_REQUIRE=force.`
        : `${hop} accepts no password: install the key there by other means (console, an existing key), or enable password login.`,
  },
  {
    code: 'E_AUTH',
    test: /Permission denied, please try again/,
    message: (hop) => `${hop} rejected the password`,
    fix: (hop) =>
      `Check the user and password for ${hop} (jumpctl show ${hop}); with SSH_ASKPASS, check what it answers.`,
  },
  {
    code: 'E_AUTH',
    test: /Too many authentication failures/,
    message: (hop) => `${hop} closed the connection after too many failed authentication attempts`,
    fix: (hop) => `Offer fewer keys to ${hop}: IdentitiesOnly yes with one IdentityFile for it.`,
  },
  {
    code: 'E_FORWARDING_DENIED',
    test: /administratively prohibited|Stdio forwarding request failed/,
    message: (hop) => `the hop in front of ${hop} would not forward the connection to it`,
    fix: (hop) =>
      `Check that the previous jump allows TCP forwarding (AllowTcpForwarding) and can reach ${hop}; jumpctl doctor ${hop} shows which link fails.`,
  },
  {
    code: 'E_DNS',
    test: /Could not resolve hostname (\S+?):|open failed: connect failed: (?:Name or service not known|Temporary failure in name resolution|No address associated)/,
    message: (hop, m) => `the name ${m[1] ?? `of ${hop}`} does not resolve`,
    fix: (hop) =>
      `Check HostName for ${hop} (names behind a jump are resolved by that jump): jumpctl show ${hop}.`,
  },
  {
    code: 'E_CONNECTION_REFUSED',
    test: /Connection refused/,
    message: (hop) => `nothing accepted the connection to ${hop} (connection refused)`,
    fix: (hop) => `Check the Port for ${hop} and that its sshd is running: jumpctl show ${hop}.`,
  },
  {
    code: 'E_TIMEOUT',
    test: /timed out/,
    message: (hop) => `the connection to ${hop} timed out`,
    fix: (hop) =>
      `Check the address of ${hop} and any firewall on the way; raise ConnectTimeout if it is slow.`,
  },
  {
    code: 'E_UNREACHABLE',
    test: /No route to host|Network is unreachable/,
    message: (hop) => `there is no route to ${hop}`,
    fix: (hop) => `Check the address of ${hop} and that the hop before it is on its network.`,
  },
];

const NOISE = /^(Killed by signal \d+\.|Transferred: .*|Bytes per second: .*|Warning: Permanently added .*)$/;

export function describeFailure(stderr: string, hopAlias: string): Failure {
  const raw = stderr
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '' && !NOISE.test(l))
    .join('\n');
  for (const r of RULES) {
    let m = r.test.exec(raw);
    if (m && r.host) m = r.host.exec(raw) ?? m;
    if (m) return { code: r.code, message: r.message(hopAlias, m), fix: r.fix(hopAlias, m), raw };
  }
  const last = raw.split('\n').pop() ?? '';
  return {
    code: 'E_SSH',
    message: last !== '' ? `ssh to ${hopAlias} failed: ${last}` : `ssh to ${hopAlias} failed`,
    fix: `Run ssh -v ${hopAlias} to see where it stops.`,
    raw,
  };
}
