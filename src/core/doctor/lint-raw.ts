/**
 * Security lint on the config lines as written (ssh-failures.md section 3): rules that are about
 * what the user set explicitly (weak algorithms re-enabled, ProxyCommand strings run by a shell,
 * IgnoreUnknown, ControlPath tokens) rather than about ssh's defaults.
 */
import {
  matchHostLine,
  matchPatternList,
  type Program,
  type Scope,
  type Step,
  formatRef,
} from '../config/index.js';
import { hostProblem } from '../validate.js';
import type { Check } from './types.js';

const ALGORITHM_KEYWORDS = new Set([
  'ciphers',
  'macs',
  'kexalgorithms',
  'hostkeyalgorithms',
  'pubkeyacceptedalgorithms',
  'casignaturealgorithms',
  'hostbasedacceptedalgorithms',
]);

/** Weak algorithms (L07), each with what is weak about it, in the words the message uses. */
const WEAK_ALGORITHMS: readonly (readonly [RegExp, string])[] = [
  [/^ssh-rsa(-cert-v01@openssh\.com)?$/, 'RSA signatures with SHA-1, forgeable by chosen-prefix collisions'],
  [/^ssh-dss(-cert-v01@openssh\.com)?$/, 'DSA: 1024-bit keys and SHA-1 signatures'],
  [/^diffie-hellman-group1-sha1$/, 'a 1024-bit Diffie-Hellman group open to Logjam, and SHA-1'],
  [/^diffie-hellman-group(14|-exchange)-sha1$/, 'key exchange hashed with SHA-1'],
  [/^3des-cbc$/, 'a 64-bit block cipher open to Sweet32, in CBC mode'],
  [/-cbc(@.*)?$/, 'CBC mode: plaintext recovery attacks, and Terrapin with EtM MACs'],
  [/^arcfour/, 'RC4, a broken stream cipher'],
  [/^hmac-md5/, 'MD5, a broken hash'],
  [/-96(@.*)?$/, 'a MAC truncated to 96 bits'],
  [/^hmac-ripemd160/, 'RIPEMD-160, dropped by OpenSSH'],
];

function weakness(algorithm: string): string | undefined {
  return WEAK_ALGORITHMS.find(([re]) => re.test(algorithm))?.[1];
}

/** Security-relevant keywords an IgnoreUnknown must not swallow (L17). */
const MUST_KNOW = [
  'proxyjump',
  'proxycommand',
  'stricthostkeychecking',
  'userknownhostsfile',
  'forwardagent',
];

function isUniversal(scope: Scope): boolean {
  if (scope.kind === 'root') return true;
  if (scope.kind === 'host') return (scope.patterns ?? []).every((p) => p === '*');
  return (scope.criteria ?? []).every((c) => c.attr === 'all');
}

/** Could this block apply to one of `names`? (Everything, when no names are given.) */
function relevant(scope: Scope, names: readonly string[] | undefined): boolean {
  if (!names || scope.kind !== 'host') return true;
  return (
    names.some((n) => matchHostLine(n, scope.patterns ?? [])) &&
    (!scope.parent || relevant(scope.parent, names))
  );
}

function check(step: Step, id: string, severity: Check['severity'], message: string, fix: string): Check {
  return { id: `security.${id}`, severity, message, where: formatRef(step.ref), fix };
}

function lineRule(step: Step, scope: Scope): Check[] {
  const { spec, args } = step.line;
  const raw = args.join(' ');
  const out: Check[] = [];
  if (ALGORITHM_KEYWORDS.has(spec.name) || spec.name === 'pubkeyacceptedkeytypes') {
    const list = raw.replace(/^[+^-]/, '');
    const weak = raw.startsWith('-') ? [] : list.split(',').filter((a) => weakness(a) !== undefined);
    if (weak.length > 0)
      out.push(
        check(
          step,
          'weak-algorithms',
          isUniversal(scope) ? 'high' : 'medium',
          `${step.line.keyword} enables ${weak.map((a) => `${a} (${weakness(a)})`).join(', ')}${isUniversal(scope) ? ' for every host' : ''}`,
          isUniversal(scope)
            ? `Remove it from the global section; if one legacy device needs it, put ${step.line.keyword} +${weak[0]} in that device's Host block only`
            : `Keep it only while that host cannot be upgraded, and upgrade its sshd`,
        ),
      );
  }
  if (spec.name === 'proxycommand' && !/^\s*none\s*$/i.test(raw)) {
    // %h/%r/%n/%u come from config values that ssh does not check (CVE-2023-51385 class).
    const unquoted = raw.replace(/'[^']*'/g, '').match(/%[hrnu]/g);
    if (unquoted)
      out.push(
        check(
          step,
          'proxycommand-tokens',
          'medium',
          `ProxyCommand runs through your shell with ${[...new Set(unquoted)].join(', ')} unquoted: a HostName or User with shell characters becomes a command`,
          /\bssh\b.*-W\s/.test(raw)
            ? 'Use ProxyJump <jump> instead of ProxyCommand ssh -W %h:%p <jump>'
            : "Quote the tokens ('%h') or use ProxyJump",
        ),
      );
  }
  if (spec.name === 'hostname' || spec.name === 'user') {
    const value = (args[0] ?? '').replace(/%[%hndrpuCLlik]/g, 'x');
    const p = value ? hostProblem(value) : undefined;
    if (p)
      out.push(
        check(
          step,
          'shell-metacharacters',
          'high',
          `${step.line.keyword} ${JSON.stringify(args[0])}: ${p}; ssh puts it in shell commands (ProxyJump's -W, ProxyCommand %h/%r)`,
          `Correct the value: letters, digits, dots, dashes and underscores only`,
        ),
      );
  }
  if (spec.name === 'permitlocalcommand' && args[0]?.toLowerCase() === 'yes')
    out.push(
      check(
        step,
        'localcommand',
        'medium',
        'PermitLocalCommand yes: LocalCommand runs a shell command on every connection, with %-tokens from the config',
        'PermitLocalCommand no (use a wrapper script instead)',
      ),
    );
  if (spec.name === 'ignoreunknown') {
    const hit = MUST_KNOW.filter((k) => matchPatternList(k, raw, true) === 1);
    if (hit.length > 0)
      out.push(
        check(
          step,
          'ignoreunknown',
          'medium',
          `IgnoreUnknown ${raw} covers ${hit.join(', ')}: on a client that lacks them, ssh silently drops them (a jump skipped, a check off)`,
          'List only the cosmetic options you share between machines in IgnoreUnknown',
        ),
      );
  }
  if (spec.name === 'controlpath' && !/^\s*none\s*$/i.test(raw)) {
    const ok = raw.includes('%C') || ['%h', '%p', '%r'].every((t) => raw.includes(t));
    if (!ok)
      out.push(
        check(
          step,
          'controlpath-tokens',
          'medium',
          `ControlPath ${raw} lacks %C (or all of %h, %p, %r): different hosts or users share one socket, so a session can go to the wrong host`,
          'ControlPath ~/.ssh/cm/%C',
        ),
      );
  }
  return out;
}

/** Raw-line rules over the program; with `names`, only blocks that may apply to them. */
export function lintLines(program: Program, names?: readonly string[]): Check[] {
  const out: Check[] = [];
  const seenScopes = new Set<Scope>();
  for (const seg of program.segments) {
    if (!relevant(seg.scope, names)) continue;
    const scope = seg.scope;
    if (!seenScopes.has(scope)) {
      seenScopes.add(scope);
      out.push(...scopeRule(scope));
    }
    for (const step of seg.steps) out.push(...lineRule(step, scope));
  }
  return out;
}

function scopeRule(scope: Scope): Check[] {
  const where = formatRef(scope.ref);
  if (scope.kind === 'match' && (scope.criteria ?? []).some((c) => c.attr === 'exec'))
    return [
      {
        id: 'security.match-exec',
        severity: 'info',
        message: `Match exec at ${where} runs a shell command on every ssh invocation, ssh -G included`,
        where,
        fix: 'Keep the command simple and never build it from host or user names',
      },
    ];
  if (scope.kind !== 'host') return [];
  const bad = (scope.patterns ?? []).map((p) => ({
    p,
    why: hostProblem(p.replace(/^!/, '').replace(/[*?]/g, 'x')),
  }));
  return bad
    .filter((b) => b.why !== undefined)
    .map((b) => ({
      id: 'security.shell-metacharacters',
      severity: 'high' as const,
      message: `Host pattern ${JSON.stringify(b.p)} at ${where}: ${b.why}`,
      where,
      fix: 'Use plain names in Host lines (a Host line takes space-separated patterns, not commas)',
    }));
}
