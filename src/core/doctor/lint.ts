/**
 * Security lint on effective values (ssh-failures.md section 3): each finding has a severity, the
 * reason in its message, the `file:line` that set the value, and a fix. The canary subject stands
 * for "every host" (values from Host * / Match all), so a finding there is reported once.
 */
import { listWithSources, single, sourceOf, type Subject } from './facts.js';
import type { Check, Severity } from './types.js';

type Rule = (s: Subject) => Check | Check[] | undefined;

const who = (s: Subject) => (s.canary ? 'every host' : s.alias);
/** Several hosts named as one subject by lintSubjects ("a, b and c"; an alias has no spaces). */
const many = (s: Subject) => s.alias.includes(' ');
const verb = (s: Subject, one: string, several: string) => (many(s) ? several : one);

function finding(
  s: Subject,
  key: string,
  id: string,
  severity: Severity,
  message: string,
  fix: string,
): Check {
  return { id: `security.${id}`, severity, message, where: sourceOf(s.res, key) ?? s.alias, fix };
}

/** L01/L02: agent forwarding everywhere, or to a jump (ProxyJump never needs it). */
const forwardAgent: Rule = (s) => {
  const v = single(s.res, 'forwardagent');
  if (v === undefined || v === 'no') return undefined;
  if (s.canary)
    return finding(
      s,
      'forwardagent',
      'forwardagent-all',
      'high',
      'ForwardAgent is on for every host: root on any server you reach can use your keys while you are connected (and CVE-2023-38408 made it code execution before 9.3p2)',
      'ForwardAgent no under Host *; enable it only in the Host block of a machine that needs it',
    );
  if (s.jump)
    return finding(
      s,
      'forwardagent',
      'forwardagent-jump',
      'medium',
      `ForwardAgent is on for the jump${verb(s, '', 's')} ${s.alias}: ProxyJump keeps keys local, so forwarding only exposes them on the bastion`,
      `ForwardAgent no for ${s.alias} (if needed elsewhere, constrain keys: ssh-add -c, -t, -h)`,
    );
  return undefined;
};

/** L03: new keys accepted silently, changed keys allowed: a MITM goes unnoticed. */
const strictHostKeys: Rule = (s) =>
  single(s.res, 'stricthostkeychecking') === 'false'
    ? finding(
        s,
        'stricthostkeychecking',
        'stricthostkeychecking',
        'high',
        `StrictHostKeyChecking no for ${who(s)}: host keys are accepted without checking, so a man in the middle is not noticed`,
        'StrictHostKeyChecking accept-new (or yes); verify fingerprints out of band',
      )
    : undefined;

/** L04: nothing is remembered, so every connection is trust-on-first-use. */
const knownHostsNull: Rule = (s) => {
  const files = listWithSources(s.res, 'userknownhostsfile').flatMap((e) => e.value.split(/\s+/));
  if (files.length === 0 || !files.every((f) => f === '/dev/null')) return undefined;
  return finding(
    s,
    'userknownhostsfile',
    'known-hosts-null',
    'high',
    `UserKnownHostsFile /dev/null for ${who(s)}: no host key is ever remembered, so every connection trusts whoever answers`,
    'Remove the UserKnownHostsFile /dev/null line (default: ~/.ssh/known_hosts)',
  );
};

/** L05: a spoofed server asking for a password gets it typed in. */
const passwordFirst: Rule = (s) => {
  const order = (single(s.res, 'preferredauthentications') ?? '').split(',');
  const pk = order.indexOf('publickey');
  const pw = order.findIndex((m) => m === 'password' || m === 'keyboard-interactive');
  const noKeys = ['no', 'false'].includes(single(s.res, 'pubkeyauthentication') ?? '');
  if (!noKeys && !(pw >= 0 && (pk < 0 || pw < pk))) return undefined;
  const weak = single(s.res, 'stricthostkeychecking') === 'false';
  return finding(
    s,
    noKeys ? 'pubkeyauthentication' : 'preferredauthentications',
    'password-preferred',
    weak ? 'high' : 'medium',
    `${who(s)} ${noKeys ? 'does not use keys at all' : 'tries passwords before keys'}: a spoofed host asking for a password gets it`,
    'PreferredAuthentications publickey,keyboard-interactive (and PubkeyAuthentication yes)',
  );
};

/** L14: trusted X11 forwarding gives remote clients the whole display (keystrokes). */
const x11: Rule = (s) =>
  single(s.res, 'forwardx11') === 'yes' && single(s.res, 'forwardx11trusted') === 'yes'
    ? finding(
        s,
        'forwardx11',
        'forwardx11-trusted',
        s.canary ? 'high' : 'medium',
        `trusted X11 forwarding for ${who(s)}: remote programs get full access to your display, keystrokes included`,
        'ForwardX11 no (or ForwardX11Trusted no for the hosts that need X11)',
      )
    : undefined;

/** L15: a leaked known_hosts maps out where your keys work (only when set explicitly). */
const hashKnownHosts: Rule = (s) =>
  single(s.res, 'hashknownhosts') === 'no' && sourceOf(s.res, 'hashknownhosts') !== undefined
    ? finding(
        s,
        'hashknownhosts',
        'hashknownhosts',
        'low',
        `HashKnownHosts no for ${who(s)}: a leaked known_hosts lists every host you reach`,
        'HashKnownHosts yes (then ssh-keygen -H to hash the existing file)',
      )
    : undefined;

/** L18: tunnels into the private network open to everyone on the client's LAN. */
const gateway: Rule = (s) => {
  const out: Check[] = [];
  if (single(s.res, 'gatewayports') === 'yes')
    out.push(
      finding(
        s,
        'gatewayports',
        'gatewayports',
        'medium',
        `GatewayPorts yes for ${who(s)}: your forwarded ports accept connections from the whole network`,
        'GatewayPorts no (bind forwards to localhost)',
      ),
    );
  for (const key of ['localforward', 'dynamicforward']) {
    for (const e of listWithSources(s.res, key)) {
      if (/^\[?(\*|0\.0\.0\.0|::)\]?:/.test(e.value))
        out.push({
          id: 'security.forward-all-interfaces',
          severity: 'medium',
          message: `${key} ${e.value} for ${who(s)} listens on every interface: anyone on your network can use the tunnel`,
          where: e.source ?? s.alias,
          fix: `Bind it to localhost: ${key === 'localforward' ? 'LocalForward' : 'DynamicForward'} 127.0.0.1:<port> …`,
        });
    }
  }
  return out;
};

/** L19: keys trusted from DNS; only safe with DNSSEC-validated answers. */
const dnsKeys: Rule = (s) =>
  single(s.res, 'verifyhostkeydns') === 'true'
    ? finding(
        s,
        'verifyhostkeydns',
        'verifyhostkeydns',
        'low',
        `VerifyHostKeyDNS yes for ${who(s)}: host keys are trusted from DNS, safe only with DNSSEC`,
        'VerifyHostKeyDNS ask (or no) unless your resolver validates DNSSEC',
      )
    : undefined;

/** L20: secrets in the environment sent to every server that accepts them. */
const sendEnv: Rule = (s) => {
  const broad = listWithSources(s.res, 'sendenv').filter(
    (e) => e.value === '*' || /TOKEN|SECRET|PASS|KEY|AWS_|GITHUB_/i.test(e.value),
  );
  return broad.map((e) => ({
    id: 'security.sendenv',
    severity: 'low' as const,
    message: `SendEnv ${e.value} for ${who(s)}: matching variables (tokens, keys) go to every server that accepts them`,
    where: e.source ?? s.alias,
    fix: 'List only the variables the servers need (e.g. SendEnv LANG LC_*)',
  }));
};

/** L21: root logins defeat per-person audit trails (only when set explicitly). */
const rootUser: Rule = (s) =>
  !s.canary && s.res.user === 'root' && sourceOf(s.res, 'user') !== undefined
    ? finding(
        s,
        'user',
        'root-login',
        'low',
        `${s.alias} ${verb(s, 'logs', 'log')} in as root: no per-person audit trail, and a stolen key is root at once`,
        `User <your account> for ${s.alias}, then sudo`,
      )
    : undefined;

/** L22: decrypted keys stay in the agent indefinitely. */
const agentLifetime: Rule = (s) =>
  single(s.res, 'addkeystoagent') === 'true'
    ? finding(
        s,
        'addkeystoagent',
        'addkeystoagent',
        'info',
        `AddKeysToAgent yes for ${who(s)} keeps decrypted keys in the agent with no time limit`,
        'AddKeysToAgent 4h (a lifetime), or start the agent with ssh-agent -t 4h',
      )
    : undefined;

/** Persisting a master this long (seconds) on a bastion is worth a note (ssh-failures.md L10c). */
const LONG_PERSIST = 600;

/**
 * L10c: a persisting master on a jump lets any process of this user open new sessions through
 * the bastion without authenticating (MFA included) for as long as it lives.
 */
const bastionPersist: Rule = (s) => {
  if (!s.jump) return undefined;
  const master = single(s.res, 'controlmaster') ?? 'false';
  const persist = single(s.res, 'controlpersist') ?? 'no';
  if (master === 'false' || persist === 'no') return undefined;
  const seconds = persist === 'yes' ? Infinity : Number(persist);
  if (!(seconds >= LONG_PERSIST)) return undefined;
  return finding(
    s,
    'controlpersist',
    'controlpersist-jump',
    'low',
    `the jump${verb(s, ` ${s.alias} keeps its`, `s ${s.alias} keep their`)} ControlMaster open ${persist === 'yes' ? 'until it is stopped' : `${seconds / 60} minutes`} after use: any of your local processes can go through the bastion without authenticating (MFA included) meanwhile`,
    `ControlPersist 5m (or shorter) for ${s.alias}; close it early with ssh -O exit ${verb(s, s.alias, '<jump>')}`,
  );
};

/** Offering more keys than this in one connection risks the server's MaxAuthTries (CIS: ≤ 4). */
const MANY_KEYS = 3;

/**
 * L16: without IdentitiesOnly, ssh offers every agent key and then each identity file to every
 * server: enough of them trip MaxAuthTries ("Too many authentication failures"), and each server
 * learns all your public keys. Per host when it configures several identity files; once, for
 * every host, when the agent alone holds more than a few keys.
 */
function identitiesOnly(agentKeys: number | undefined): Rule {
  return (s) => {
    if (single(s.res, 'identitiesonly') === 'yes') return undefined;
    const configured = listWithSources(s.res, 'identityfile').filter((e) => e.source !== undefined);
    const agent = agentKeys ?? 0;
    if (configured.length > 1 && configured.length + agent > MANY_KEYS)
      return finding(
        s,
        'identityfile',
        'identitiesonly',
        'low',
        `${who(s)} ${verb(s, 'offers', 'offer')} ${configured.length} identity files${agent > 0 ? ` and ${agent} agent keys` : ''} to the server without IdentitiesOnly: a server with a low MaxAuthTries refuses the login, and every server learns all those keys`,
        `IdentitiesOnly yes for ${s.canary ? 'these hosts' : s.alias}, with the one IdentityFile it needs`,
      );
    if (s.canary && agent > MANY_KEYS)
      return {
        id: 'security.identitiesonly',
        severity: 'low',
        message: `the agent holds ${agent} keys and IdentitiesOnly is off for every host: ssh offers them all to each server (a low MaxAuthTries refuses the login; every server learns all your keys)`,
        where: sourceOf(s.res, 'identitiesonly') ?? 'ssh-agent',
        fix: 'IdentitiesOnly yes under Host *, and an IdentityFile per host',
      };
    return undefined;
  };
}

const RULES: readonly Rule[] = [
  forwardAgent,
  strictHostKeys,
  knownHostsNull,
  passwordFirst,
  x11,
  hashKnownHosts,
  gateway,
  dnsKeys,
  sendEnv,
  rootUser,
  agentLifetime,
  bastionPersist,
];

/** "a", "a and b", "a, b and c". */
function names(list: readonly string[]): string {
  return list.length < 2 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/**
 * Every rule on every subject; one finding per rule and config line. When one line gives several
 * hosts the finding (ForwardAgent for four jumps from one `Host a b c d` block), the finding
 * names them all: the rule is asked again for a subject named after all of them.
 */
export function lintSubjects(subjects: readonly Subject[], agentKeys?: number): Check[] {
  const out = new Map<string, { check: Check; rule: Rule; subject: Subject; aliases: string[] }>();
  const rules = [...RULES, identitiesOnly(agentKeys)];
  for (const s of subjects) {
    for (const rule of rules) {
      const got = rule(s);
      for (const c of got === undefined ? [] : Array.isArray(got) ? got : [got]) {
        const key = `${c.id}\u0000${c.where}`;
        const had = out.get(key);
        if (!had) out.set(key, { check: c, rule, subject: s, aliases: [s.alias] });
        // "every host" (the canary) already covers them.
        else if (!had.subject.canary && !s.canary && !had.aliases.includes(s.alias))
          had.aliases.push(s.alias);
      }
    }
  }
  return [...out.values()].map(({ check, rule, subject, aliases }) => {
    if (aliases.length < 2) return check;
    const again = rule({ ...subject, alias: names(aliases) });
    const all = again === undefined ? [] : Array.isArray(again) ? again : [again];
    return all.find((c) => c.id === check.id && c.where === check.where) ?? check;
  });
}
