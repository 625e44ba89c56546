/**
 * Per-keyword argument parsers: each mirrors one case group of process_config_line_depth()
 * (OpenSSH 9.2) and returns what `ssh -G` prints for the line. Error texts are ssh's, minus the
 * "file line N:" prefix.
 */
import type { ParseResult } from './spec.js';
import {
  a2port,
  agentPathError,
  convtime,
  cStrtol,
  extraArgs,
  fail,
  iptos2str,
  ok,
  parseEscapeChar,
  parseInt32,
  parseIpqos,
  parseTunnelDevice,
  scanScaled,
  validDomain,
  visChar,
} from './parse.js';
import { type Multistate, MULTISTATE, multistateName, multistateValue } from './names.js';

export type Parser = (args: readonly string[]) => ParseResult;

/** One argument checked by `check`, then ssh's trailing-garbage test. */
export const single =
  (kw: string, check: (arg: string) => ParseResult, missing = 'Missing argument.'): Parser =>
  (args) => {
    const arg = args[0];
    if (arg === undefined || arg === '') return fail(missing);
    const r = check(arg);
    return 'error' in r || args.length <= 1 ? r : extraArgs(kw);
  };

export const str = (kw: string): Parser => single(kw, (a) => ok(a));

export const port = single('port', (a) => {
  const p = a2port(a);
  return p > 0 ? ok(String(p)) : fail(`Bad port '${a}'.`);
});

/** parse_flag / parse_multistate: yes/no flags print yes/no, the others the table's first name. */
export const multistate =
  (kw: string, table: Multistate, printYesNo = false): Parser =>
  (args) => {
    const arg = args[0];
    if (arg === undefined || arg === '') return fail('missing argument.');
    const v = multistateValue(arg, table);
    if (v === undefined) return fail(`unsupported option "${arg}".`);
    if (args.length > 1) return extraArgs(kw);
    return ok(printYesNo ? (v ? 'yes' : 'no') : multistateName(v, table));
  };

export const flag = (kw: string): Parser => multistate(kw, MULTISTATE.flag, true);

/** parse_time: seconds; `none` is accepted and leaves the option unset (empty values). */
export const time =
  (kw: string): Parser =>
  (args) => {
    const arg = args[0];
    if (arg === undefined || arg === '') return fail('missing time value.');
    let r: ParseResult;
    if (arg === 'none') r = ok();
    else {
      const t = convtime(arg);
      r = t < 0 ? fail('invalid time value.') : ok(String(t));
    }
    return 'error' in r || args.length <= 1 ? r : extraArgs(kw);
  };

export const int =
  (kw: string): Parser =>
  (args) => {
    const v = parseInt32(args[0]);
    if (typeof v === 'string') return fail(v);
    return args.length > 1 ? extraArgs(kw) : ok(String(v));
  };

/** parse_char_array (known-hosts files): a list, `none` only alone. */
export const fileList =
  (kw: string): Parser =>
  (args) => {
    const out: string[] = [];
    for (const [i, arg] of args.entries()) {
      if (arg === '') return fail(`keyword ${kw} empty argument`);
      const none = arg.toLowerCase() === 'none';
      if (none && (i > 0 || args.length > 1)) return fail(`keyword ${kw} "none" argument must appear alone.`);
      if (out.length >= 32) return fail(`too many ${kw} entries.`);
      out.push(none ? 'none' : arg);
    }
    return ok(...out);
  };

const noneAlone = (kw: string, args: readonly string[], i: number): ParseResult | undefined =>
  args[i]?.toLowerCase() === 'none' && (i > 0 || args.length > 1)
    ? fail(`keyword ${kw} "none" argument must appear alone.`)
    : undefined;

export const canonicalDomains: Parser = (args) => {
  const kw = 'canonicaldomains';
  const out: string[] = [];
  for (const [i, arg] of args.entries()) {
    if (arg === '') return fail(`keyword ${kw} empty argument`);
    const bad = noneAlone(kw, args, i);
    if (bad) return bad;
    const d = validDomain(arg);
    if ('error' in d) return fail(d.error);
    if (out.length >= 32) return fail('too many hostname suffixes.');
    out.push(d.domain);
  }
  return ok(...out);
};

/** `none`, `*` (printed `*:*`), or lower-cased `source:target` lists. */
export const permittedCnames: Parser = (args) => {
  const out: string[] = [];
  for (const [i, arg] of args.entries()) {
    const bad = noneAlone('canonicalizepermittedcnames', args, i);
    if (bad) return bad;
    if (arg.toLowerCase() === 'none') out.push('none');
    else if (arg === '*') out.push('*:*');
    else {
      const colon = arg.indexOf(':');
      if (colon < 0 || colon === arg.length - 1)
        return fail(`Invalid permitted CNAME "${arg.toLowerCase()}"`);
      out.push(arg.toLowerCase());
    }
    if (out.length > 32) return fail('too many permitted CNAMEs.');
  }
  return ok(...out);
};

/** Only the first argument of the first LogVerbose line is kept; all are checked. */
export const logVerbose: Parser = (args) => {
  const kw = 'logverbose';
  for (const [i, arg] of args.entries()) {
    if (arg === '') return fail(`keyword ${kw} empty argument`);
    const bad = noneAlone(kw, args, i);
    if (bad) return bad;
  }
  return args[0] === undefined ? ok() : ok(args[0]);
};

export const sendEnv: Parser = (args) =>
  args.some((a) => a === '' || a.includes('=')) ? fail('Invalid environment name.') : ok(...args);

/** SetEnv: NAME=value entries; a repeated name keeps its first value. */
export const setEnv: Parser = (args) => {
  const out: string[] = [];
  const names = new Set<string>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq < 0) return fail('Invalid SetEnv.');
    const name = arg.slice(0, eq);
    if (names.has(name)) continue;
    names.add(name);
    out.push(arg);
  }
  return ok(...out);
};

/** Host and Include: the arguments as given; the resolver interprets them. */
export const patterns =
  (kw: string): Parser =>
  (args) =>
    args.includes('') ? fail(`keyword ${kw} empty argument`) : ok(...args);

/** Command keywords: the raw rest of the line, stored verbatim. */
export const command: Parser = (args) => {
  const raw = (args[0] ?? '').replace(/^[ \t\r\n=]+/, '').replace(/[ \t\r\n\f]+$/, '');
  return raw === '' ? fail('Missing argument.') : ok(raw);
};

export const ignored: Parser = () => ok();

/** ForwardAgent: a yes/no flag or an agent socket path (printed instead of the flag). */
export const forwardAgent: Parser = (args) => {
  const arg = args[0];
  if (arg === undefined || arg === '') return fail('missing argument.');
  const v = multistateValue(arg, MULTISTATE.flag);
  const bad = v === undefined ? agentPathError(arg) : undefined;
  if (bad) return fail(bad);
  if (args.length > 1) return extraArgs('forwardagent');
  return ok(v === undefined ? arg : v ? 'yes' : 'no');
};

export const identityAgent = single('identityagent', (a) => {
  const bad = agentPathError(a);
  return bad ? fail(bad) : ok(a);
});

export const escapeChar = single('escapechar', (a) => {
  const c = parseEscapeChar(a);
  if (c === 'none') return ok('none');
  return c < 0 ? fail('Bad escape character.') : ok(visChar(c));
});

/** ControlPersist: case-sensitive words or a time; `0` means forever and prints `yes`. */
export const controlPersist = single(
  'controlpersist',
  (a) => {
    if (a === 'no' || a === 'false') return ok('no');
    if (a === 'yes' || a === 'true') return ok('yes');
    const t = convtime(a);
    if (t < 0) return fail('Bad ControlPersist argument.');
    return ok(t === 0 ? 'yes' : String(t));
  },
  'Missing ControlPersist argument.',
);

export const tunnelDevice = single('tunneldevice', (a) => {
  const t = parseTunnelDevice(a);
  return t === undefined ? fail('Bad tun device.') : ok(t);
});

export const ipqos: Parser = (args) => {
  const [a, b] = args;
  const qa = a === undefined ? -1 : parseIpqos(a);
  if (qa < 0) return fail(`Bad IPQoS value: ${a ?? '(null)'}`);
  const qb = b === undefined ? qa : parseIpqos(b);
  if (qb < 0) return fail(`Bad IPQoS value: ${b ?? '(null)'}`);
  if (args.length > 2) return extraArgs('ipqos');
  return ok(iptos2str(qa), iptos2str(qb));
};

/**
 * RekeyLimit: `<bytes|default> [<time>|none]`, printed as `<bytes> <seconds>`. The two halves
 * are separate first-wins slots in ssh (see resolveFirst).
 */
export const rekeyLimit: Parser = (args) => {
  const [a, b] = args;
  if (a === undefined || a === '') return fail('Missing argument.');
  let limit = 0n;
  if (a !== 'default') {
    const v = scanScaled(a);
    if (typeof v === 'string') return fail(`Bad number '${a}': ${v}`);
    if (v !== 0n && v < 16n) return fail('RekeyLimit too small');
    limit = v;
  }
  if (b === undefined || b === 'none')
    return args.length > 2 ? extraArgs('rekeylimit') : ok(String(limit), '0');
  const t = time('rekeylimit')(args.slice(1));
  if ('error' in t) return t;
  return ok(String(limit), t.values[0] ?? '0');
};

/** AddKeysToAgent: yes/no/ask/confirm, `confirm <time>`, or a bare lifetime. */
export const addKeysToAgent: Parser = (args) => {
  const [a, b] = args;
  const table = MULTISTATE.yesnoaskconfirm;
  let v = a === undefined || a === '' ? undefined : multistateValue(a, table);
  let life = 0;
  if (v === 3 && b !== undefined) {
    life = convtime(b);
    if (life < 0) return fail('invalid time value.');
  } else if (v === undefined && b === undefined) {
    life = a === undefined ? -1 : convtime(a);
    if (life < 0) return fail('unsupported option');
    v = 1;
  } else if (v === undefined || b !== undefined) return fail('unsupported option');
  if (args.length > 2) return extraArgs('addkeystoagent');
  if (life > 0) return ok(...(v === 3 ? ['confirm', String(life)] : [String(life)]));
  return ok(multistateName(v, table));
};

/** StreamLocalBindMask: octal (strtol base 8, trailing junk ignored), printed `0%o`. */
export const streamLocalBindMask = single(
  'streamlocalbindmask',
  (a) => {
    const { value, end } = cStrtol(a, 8);
    if (end === 0 || value < 0n || value > 0o777n) return fail('Bad mask.');
    return ok(`0${value.toString(8)}`);
  },
  'Missing StreamLocalBindMask argument.',
);

/** ObscureKeystrokeTiming (9.5+): yes/no or `interval:<1-1000 ms>`; 20 ms is the default. */
export const obscureKeystrokeTiming = single('obscurekeystroketiming', (a) => {
  if (a === 'yes' || a === 'true') return ok('yes');
  if (a === 'no' || a === 'false') return ok('no');
  const v = a.startsWith('interval:') ? parseInt32(a.slice(9)) : 'bad';
  if (typeof v !== 'number' || v < 1 || v > 1000) return fail(`invalid ObscureKeystrokeTiming "${a}"`);
  return ok(v === 20 ? 'yes' : `interval:${v}`);
});

/** ChannelTimeout (9.6+): `none` alone or `type=interval` entries. */
export const channelTimeout: Parser = (args) => {
  for (const [i, arg] of args.entries()) {
    const bad = noneAlone('channeltimeout', args, i);
    if (bad) return bad;
    const eq = arg.indexOf('=');
    if (arg.toLowerCase() !== 'none' && (eq <= 0 || convtime(arg.slice(eq + 1)) < 0))
      return fail(`invalid channel timeout ${arg}`);
  }
  return ok(...args);
};

/** VersionAddendum (client, 10.0+): the rest of the line up to a comment; `none` clears it. */
export const versionAddendum: Parser = (args) => {
  const r = command(args);
  if ('error' in r) return r;
  const v = (r.values[0] ?? '').split('#')[0]?.trimEnd() ?? '';
  return ok(v.toLowerCase() === 'none' ? '' : v);
};
