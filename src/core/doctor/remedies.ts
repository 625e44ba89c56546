/**
 * What to tell the user for each classified failure: what happened, in words that name the hop
 * and the jump, and one concrete remedy (a command or the config line to change). Never "fix" by
 * weakening security: host keys are verified out of band, never removed automatically.
 */
import type { ClassifyContext, Evidence, HopRef, Text } from './evidence.js';
import type { ProbeCode } from './types.js';
import { configText } from './remedies-config.js';

const ALGORITHM_KEYWORD: Record<string, string> = {
  'host key type': 'HostKeyAlgorithms',
  'key exchange method': 'KexAlgorithms',
  cipher: 'Ciphers',
  MAC: 'MACs',
};

function name(h: HopRef): string {
  return `${h.alias} (${h.hostname}:${h.port})`;
}

function at(source: string | undefined): string {
  return source ? ` (set at ${source})` : '';
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i > 0 ? path.slice(0, i) : path;
}

/** The line after `prefix` in the output, trimmed (ssh prints some facts on their own line). */
function after(lines: readonly string[], prefix: RegExp): string | undefined {
  const i = lines.findIndex((l) => prefix.test(l));
  return i >= 0 ? lines[i + 1]?.trim() : undefined;
}

interface Parts {
  readonly e: Evidence;
  readonly g: readonly string[];
  readonly hop: HopRef;
  readonly via: HopRef | undefined;
  readonly ctx: ClassifyContext;
  /** "from <jump>" or "from this machine": where the failing connection started. */
  readonly from: string;
  readonly hostPort: string;
}

/** One entry per code; `e.sig.kind` picks the wording within a code. */
const TEXTS: Record<ProbeCode, (p: Parts) => Text> = {
  E_CHAIN_CYCLE: ({ g, hop, ctx }) => {
    return {
      message: `ssh refuses the chain to ${ctx.target ?? hop.alias}: jumphost loop via ${g[1]}`,
      fix: `Give the jump host its own \`ProxyJump none\` before any wildcard block that sets ProxyJump (jumpctl chain ${ctx.target ?? hop.alias} shows the loop)`,
    };
  },
  E_CONFIG: ({ e, hop }) => {
    return configText(e, hop);
  },
  E_CONTROLPATH: ({ e, g }) => {
    const path = g[1] ?? '';
    if (e.sig.kind === 'bind')
      return {
        message: `ssh could not create its ControlMaster socket ${path}: ${g[2]}`,
        fix: `mkdir -m 700 '${dirOf(path)}' (or ControlPath ~/.ssh/cm/%C with that directory created 0700)`,
      };
    return {
      message: `the ControlPath ${path} is too long for a Unix socket (about 90 bytes at most on Linux)`,
      fix: 'ControlPath ~/.ssh/cm/%C (a short hashed name; mkdir -m 700 ~/.ssh/cm)',
    };
  },
  E_KEY_PERMISSIONS: ({ e, g, hop }) => {
    const path = e.sig.kind === 'load-key' ? g[1] : g[2];
    return {
      message: `ssh ignored the private key ${path} because others can read it, so ${name(hop)} refused the login`,
      fix: `chmod 600 '${path}' (others could read it: consider the key exposed and replace it)`,
    };
  },
  E_HOSTKEY_CHANGED: ({ e, hop, hostPort }) => {
    const fp = after(e.lines, /^The fingerprint for the /)?.replace(/\.$/, '') ?? 'the new fingerprint';
    const offending = e.lines.map((l) => /^Offending \S+ key in (\S+)$/.exec(l)?.[1]).find(Boolean);
    const remove = e.lines.map((l) => /^\s*(ssh-keygen -f .+ -R .+)$/.exec(l)?.[1]).find(Boolean);
    return {
      message: `the host key of ${name(hop)} has changed: it now presents ${fp}${offending ? `, not the key recorded at ${offending}` : ''} (possible man-in-the-middle, or a reinstalled host)`,
      fix: `Confirm ${fp} with ${hop.alias}'s administrator out of band; only if it is genuine, remove the old key with \`${remove ?? `ssh-keygen -R '${hostPort}'`}\` and connect once to record the new one`,
    };
  },
  E_HOSTKEY_UNKNOWN: ({ hop }) => {
    return {
      message: `no host key is known for ${name(hop)}, and the probe never trusts a key on first use`,
      fix: `Get ${hop.alias}'s host key fingerprint from its administrator, then run \`ssh ${hop.alias}\` once and accept the key only if the fingerprints match`,
    };
  },
  E_ALGORITHM: ({ g, hop }) => {
    const keyword = ALGORITHM_KEYWORD[g[3] ?? ''] ?? 'KexAlgorithms';
    const offer = (g[4] ?? '').split(',').find((a) => !a.startsWith('kex-strict')) ?? '';
    return {
      message: `${name(hop)} and this ssh share no ${g[3]}; it offers only ${g[4]}`,
      fix: `Upgrade ${hop.alias}'s sshd; as a temporary exception for that host only, add \`${keyword} +${offer}\` to its Host ${hop.alias} block (never to Host *)`,
    };
  },
  E_FORWARDING_DENIED: ({ hop, via, hostPort }) => {
    const jump = via?.alias ?? 'the jump';
    return {
      message: `${jump} refuses to forward the connection to ${name(hop)}: TCP forwarding is disabled for you there`,
      fix: `On ${jump}, allow forwarding in its sshd_config (e.g. \`AllowTcpForwarding local\` and \`PermitOpen ${hostPort}\`), or remove no-port-forwarding/restrict from your key in its authorized_keys`,
    };
  },
  E_DNS_AT_JUMP: ({ g, hop, via }) => {
    const jump = via?.alias ?? 'the jump';
    return {
      message: `${jump} cannot resolve ${hop.hostname} (${g[1]}); names after the first hop are resolved by the jump before them, not by this machine`,
      fix: `Set HostName for ${hop.alias} to a name or address ${jump} can resolve${at(hop.sources?.hostname)}`,
    };
  },
  E_DNS: ({ g, hop }) => {
    return {
      message: `this machine cannot resolve ${g[1]}${g[2] ? ` (${g[2]})` : ''}, the HostName of ${hop.alias}`,
      fix: /Temporary failure/.test(g[2] ?? '')
        ? `The resolver did not answer: check /etc/resolv.conf and your VPN, then retry`
        : `Check the HostName of ${hop.alias}${at(hop.sources?.hostname)}: fix the name or DNS, or set HostName to an address`,
    };
  },
  E_REFUSED: ({ e, hop, from, hostPort }) => {
    if (e.sig.kind.startsWith('reset'))
      return {
        message: `${name(hop)} reset the connection before the SSH greeting`,
        fix: `Its sshd drops connections (MaxStartups, TCP wrappers, PerSourcePenalties): wait a minute and retry, or ask ${hop.alias}'s administrator`,
      };
    return {
      message: `${hostPort} refused the connection ${from}: nothing listens on that port`,
      fix: `Check the Port of ${hop.alias}${at(hop.sources?.port)} and that sshd runs on ${hop.hostname}`,
    };
  },
  E_TIMEOUT: ({ e, g, hop, via, ctx, from, hostPort }) => {
    const within =
      e.sig.kind === 'killed'
        ? ` within ${g[1]} s`
        : ` within the connect time-out${ctx.connectTimeout ? ` (${ctx.connectTimeout} s)` : ''}`;
    return {
      message: `no answer from ${hostPort} ${from}${within}: packets are dropped or the host is down`,
      fix: `Check the HostName of ${hop.alias}${at(hop.sources?.hostname)} and the firewall between ${via?.alias ?? 'this machine'} and ${hop.hostname}`,
    };
  },
  E_UNREACHABLE: ({ g, hop, via, from, hostPort }) => {
    return {
      message:
        g[1] === 'open failed'
          ? `${via?.alias ?? 'the jump'} could not connect to ${hostPort}: no route, or a local error on the jump`
          : `${from} there is no route to ${hostPort}${g[3] ? ` (${g[3]})` : ''}`,
      fix: `Check the address of ${hop.alias}${at(hop.sources?.hostname)} and the network (VPN, routes) between ${via?.alias ?? 'this machine'} and it`,
    };
  },
  E_NOT_SSH: ({ e, g, hop, hostPort }) => {
    return {
      message:
        e.sig.kind === 'banner'
          ? `${hostPort} answered ${JSON.stringify(g[1]?.slice(0, 60))}, not an SSH greeting`
          : `${name(hop)} closed the connection before the SSH greeting: not an SSH server on that port, or sshd dropping connections`,
      fix: `Check the Port of ${hop.alias}${at(hop.sources?.port)}; if it is right, ask ${hop.alias}'s administrator about MaxStartups and PerSourcePenalties`,
    };
  },
  E_AUTH: ({ e, hop, ctx }) => {
    return authText(e, hop, ctx);
  },
  E_UNKNOWN: ({ e, g, hop, via, ctx }) => {
    return {
      message:
        e.sig.kind === 'jump-other'
          ? `${via?.alias ?? 'the jump'} could not open a channel to ${name(hop)}: ${g[1]}`
          : `ssh failed at ${name(hop)} without a message jumpctl recognises`,
      fix: `Run \`ssh -v ${ctx.target ?? hop.alias}\` and read the last lines; the raw output is kept in the report`,
    };
  },
};

export function describe(e: Evidence, hop: HopRef, via: HopRef | undefined, ctx: ClassifyContext): Text {
  const from = via ? `from ${via.alias}` : 'from this machine';
  return TEXTS[e.sig.code]({ e, g: e.groups, hop, via, ctx, from, hostPort: `${hop.hostname}:${hop.port}` });
}

function authText(e: Evidence, hop: HopRef, ctx: ClassifyContext): Text {
  const g = e.groups;
  if (e.sig.kind === 'too-many')
    return {
      message: `${name(hop)} disconnected after too many authentication attempts (more keys offered than it allows)`,
      fix: `Add \`IdentitiesOnly yes\` and \`IdentityFile <your key>\` to the Host ${hop.alias} block`,
    };
  const methods = g[3] ?? '';
  const missing = e.lines
    .map((l) => /^Warning: Identity file (.+) not accessible: (.+)\.$/.exec(l))
    .find(Boolean);
  const noKeyMethod = !methods.split(',').includes('publickey');
  const message =
    `${g[1]}@${g[2]} (${hop.alias}) refused the login; it accepts: ${methods}` +
    (missing ? `; the identity file ${missing[1]} is missing (${missing[2]})` : '');
  if (noKeyMethod)
    return {
      message,
      fix: `${hop.alias} accepts no keys (${methods}), which a non-interactive probe cannot answer: log in interactively (ssh ${hop.alias}) or ask for key login`,
    };
  const key = hop.identityFile ? `${hop.identityFile}.pub` : 'your public key';
  // A password works for a person at a terminal, never for a BatchMode probe (or a script).
  const typed = /password|keyboard-interactive/.test(methods)
    ? '; a password login still works interactively, but only keys work without a person'
    : '';
  return {
    message,
    fix: `Authorise ${key} for ${g[1]} on ${hop.alias} (jumpctl copy-id ${ctx.target ?? hop.alias} --hops ${hop.alias}), and check User and IdentityFile${at(hop.sources?.user)} with \`jumpctl show ${hop.alias}\`${typed}`,
  };
}
