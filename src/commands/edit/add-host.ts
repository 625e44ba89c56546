import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type Chain,
  type ChainNode,
  listHosts,
  parseHop,
  matchHostLine,
  type Program,
} from '../../core/config/index.js';
import { planNewBlock } from '../../core/edit/plan-host.js';
import { planNestedJumps } from '../../core/edit/plan-nest.js';
import {
  controlPathProblem,
  forwarderTo,
  settingsFor,
  supportsProxyJump,
  type NewHost,
} from '../../core/edit/stanza.js';
import { InvalidInputError, JumpctlError, UsageError } from '../../core/errors.js';
import { suggest } from '../../core/suggest.js';
import { hostProblem, validateAlias, validateName, validatePort } from '../../core/validate.js';
import { ensurePrivateDir } from '../../io/atomic-write.js';
import type { Session } from '../../session.js';
import { chainAfter, runEdit, type Confirm, type EditOptions, type EditResult } from './flow.js';

export interface AddHostOptions extends EditOptions {
  readonly hostname?: string;
  readonly user?: string;
  readonly port?: string;
  readonly via?: string;
  readonly identity?: string;
  readonly controlMaster?: boolean;
  readonly proxyCommand?: boolean;
  readonly file?: string;
  readonly pattern?: boolean;
}

/** Asks for what is missing (only with a terminal); see ui/add-host-prompts.ts. */
export type AskMissing = (known: AddHostOptions, hosts: readonly string[]) => Promise<AddHostOptions>;

export interface AddHostResult extends EditResult {
  readonly host: string;
  readonly hops: readonly string[];
  readonly jumpAs: 'proxyjump' | 'proxycommand' | null;
}

const CONTROL_DIR = '~/.ssh/cm';

export async function addHost(
  alias: string,
  given: AddHostOptions,
  ask?: AskMissing,
  confirm?: Confirm,
): Promise<AddHostResult> {
  validateAlias(alias, given.pattern);
  let opts = given;
  // A pattern block (`Host db-*`) usually sets only User, keys or a jump: each host it matches
  // keeps its own name as HostName.
  if (opts.hostname === undefined && !opts.pattern) {
    if (!opts.interactive || !ask)
      throw new UsageError(
        `add-host ${alias}: --hostname is required`,
        `jumpctl add-host ${alias} --hostname <name or address>`,
      );
    const { openSession } = await import('../../session.js');
    const s = await openSession(opts, false);
    opts = await ask(
      opts,
      listHosts(s.program).aliases.map((a) => a.alias),
    );
  }
  const spec = checkSpec(alias, opts);
  let jumpAs: AddHostResult['jumpAs'] = null;
  let hops: string[] = [];
  let controlDir: string | undefined;
  const result = await runEdit(
    'add-host',
    `add-host ${alias}`,
    opts,
    ({ session, docs, entry }) => {
      assertNew(session.program, alias);
      checkVia(session, spec.via ?? [], opts.force === true);
      const native = process.platform === 'win32';
      const host: NewHost =
        spec.controlPath !== undefined && native ? { ...spec, controlPath: undefined } : spec;
      if (host.controlPath) {
        checkControlPath(host.controlPath, session);
        // ssh expands ~ in ControlPath to the passwd entry's home, whatever $HOME says.
        controlDir = join(session.ctx.passwdHome, '.ssh', 'cm');
      }
      const proxyJump = supportsProxyJump(session.client.version) && !opts.proxyCommand;
      jumpAs = host.via && host.via.length > 0 ? (proxyJump ? 'proxyjump' : 'proxycommand') : null;
      const target = opts.file ? docs.find((d) => d.path === resolve(opts.file as string)) : entry;
      if (!target)
        throw new JumpctlError('E_NOT_READ', `ssh does not read ${opts.file}`, {
          hint: 'Name ~/.ssh/config (or the -F file) or a file it Includes, or leave --file out.',
        });
      // Under -F, a ProxyCommand's ssh must be told the file too (ProxyJump hands it on itself).
      const configFile = opts.config !== undefined ? resolve(opts.config) : undefined;
      const nested =
        jumpAs === 'proxycommand'
          ? planNestedJumps(docs, host.via ?? [], session.program, session.ctx, (hop) =>
              forwarderTo(hop, configFile),
            )
          : undefined;
      const block = planNewBlock(
        nested?.docs.find((d) => d.path === target.path) ?? target,
        alias,
        settingsFor(host, jumpAs ?? 'proxyjump', configFile),
        session.ctx,
      );
      const notes = [...(nested?.notes ?? []), ...block.notes];
      if (native && spec.controlPath)
        notes.push('ControlMaster not written: Windows OpenSSH has no connection sharing');
      // A pattern is meant to change the hosts it matches, and a rerouted jump its own route.
      const exempt = new Set([
        alias,
        ...(opts.pattern
          ? listHosts(session.program)
              .aliases.map((a) => a.alias)
              .filter((a) => matchHostLine(a, [alias]))
          : []),
        ...(nested?.changed ?? []),
      ]);
      return {
        planned: { ...block, files: new Map([...(nested?.files ?? []), ...block.files]), notes },
        summary: `${host.hostname !== undefined ? `${alias} → ${host.hostname}` : `Host ${alias}`}${host.via?.length ? ` via ${host.via.join(', ')}` : ''}`,
        verify: { exempt },
        afterCheck: (after) => {
          const chain = chainAfter(session, opts, after, alias).hops;
          hops = chain.map((n) => n.alias);
          if (jumpAs !== 'proxycommand') return;
          // The proof: the ProxyCommand form takes the very hops `ssh -J <via>` (ProxyJump) would.
          const expected = chainAfter(session, opts, after, alias, { jump: spec.via?.join(',') ?? '' }).hops;
          if (JSON.stringify(expected.map(plain)) !== JSON.stringify(chain.map(plain)))
            throw new JumpctlError(
              'E_CHAIN_MISMATCH',
              `with ProxyCommand, ${alias} would be reached through ${route(chain)}, not ${route(expected)} as with ProxyJump`,
              {
                hint: `\`jumpctl chain\` shows each jump's route; give each jump its own route first, or leave out --proxy-command on a client with ProxyJump (OpenSSH 7.3 or later).`,
              },
            );
          if (!opts.force && nested && nested.changed.length > 0)
            checkOtherRoutes(session, opts, after, exempt);
        },
      };
    },
    confirm,
  );
  if (result.written && controlDir) ensurePrivateDir(controlDir);
  return { ...result, host: alias, hops, jumpAs };
}

const plain = (n: ChainNode) => [n.alias, n.hostname, n.port, n.user];
const route = (hops: readonly ChainNode[]) =>
  hops.length ? hops.map((n) => n.alias).join(' → ') : 'no jump';

/**
 * A rerouted jump also reroutes every host that goes through it: each configured host other
 * than those the edit is about must be reached as before.
 */
function checkOtherRoutes(
  session: Session,
  opts: AddHostOptions,
  after: Program,
  exempt: ReadonlySet<string>,
): void {
  const hopsOf = (get: () => Chain) => {
    try {
      return route(get().hops);
    } catch (e) {
      return (e as Error).message;
    }
  };
  for (const { alias } of listHosts(after).aliases) {
    if (exempt.has(alias)) continue;
    const was = hopsOf(() => session.chains.chain(alias));
    const now = hopsOf(() => chainAfter(session, opts, after, alias));
    if (was !== now)
      throw new JumpctlError(
        'E_SIDE_EFFECT',
        `this edit would also change how ${alias} is reached: ${now}, not ${was}`,
        {
          hint: 'Pass --force if that is intended. Nothing was written.',
        },
      );
  }
}

function checkSpec(alias: string, o: AddHostOptions): NewHost {
  const { hostname } = o;
  if (hostname !== undefined) validateName('hostname', hostname);
  const given = [hostname, o.user, o.port, o.via, o.identity].some((v) => v !== undefined);
  if (!given && !o.controlMaster)
    throw new UsageError(
      `add-host ${alias}: nothing to set`,
      `jumpctl add-host '${alias}' --pattern --user <user> (or --via, --identity, --port, --hostname)`,
    );
  if (o.user !== undefined) validateName('user', o.user);
  const via = o.via === undefined ? undefined : o.via.split(',').map((v) => v.trim());
  for (const v of via ?? []) {
    const hop = parseHop(v);
    if (!hop || hostProblem(hop.host))
      throw new InvalidInputError(
        'jump',
        v,
        hop ? (hostProblem(hop.host) as string) : 'expected an alias or [user@]host[:port]',
      );
    if (v === alias) throw new InvalidInputError('jump', v, `${alias} cannot jump through itself`);
  }
  let identity: string | undefined;
  if (o.identity !== undefined) identity = checkIdentity(o.identity);
  return {
    alias,
    ...(hostname !== undefined ? { hostname } : {}),
    ...(o.user !== undefined ? { user: o.user } : {}),
    ...(o.port !== undefined ? { port: validatePort(o.port) } : {}),
    ...(via ? { via } : {}),
    ...(identity !== undefined ? { identity } : {}),
    ...(o.controlMaster ? { controlPath: `${CONTROL_DIR}/%C` } : {}),
  };
}

/** A private key that exists; written as ~/… when it is under the home directory. */
function checkIdentity(path: string): string {
  // ssh expands ~ in IdentityFile from the passwd entry, not $HOME: read and write it that way.
  const h = userInfo().homedir;
  const abs = resolve(path.startsWith('~/') ? join(h, path.slice(2)) : path);
  if (abs.endsWith('.pub')) {
    const priv = abs.slice(0, -4);
    throw new InvalidInputError(
      'identity file',
      path,
      'that is a public key; IdentityFile names the private key',
      existsSync(priv) ? `Use --identity ${priv}` : undefined,
    );
  }
  const st = statSync(abs, { throwIfNoEntry: false });
  if (!st || !st.isFile())
    throw new InvalidInputError(
      'identity file',
      path,
      'no such file',
      'Create a key first: ssh-keygen -t ed25519',
    );
  validateName('identity file path', abs.replace(/\//g, ''));
  return abs.startsWith(`${h}/`) ? `~/${abs.slice(h.length + 1)}` : abs;
}

function assertNew(program: Program, alias: string): void {
  const hosts = listHosts(program).aliases;
  const found = hosts.find((h) => h.alias.toLowerCase() === alias.toLowerCase());
  if (found)
    throw new JumpctlError('E_HOST_EXISTS', `${alias} is already configured (${found.source})`, {
      hint: `Change it with: jumpctl set ${alias} <Keyword> <value>`,
    });
}

/** A bare name that no Host block configures is almost always a typo, not a server called that. */
function checkVia(s: Session, via: readonly string[], force: boolean): void {
  if (force) return;
  const known = listHosts(s.program).aliases.map((a) => a.alias);
  for (const v of via) {
    const hop = parseHop(v);
    if (
      !hop ||
      hop.user !== undefined ||
      hop.port !== undefined ||
      /[.:]/.test(hop.host) ||
      hop.host === 'localhost'
    )
      continue;
    if (known.some((k) => k.toLowerCase() === hop.host.toLowerCase())) continue;
    const near = suggest(hop.host, known);
    throw new JumpctlError('E_UNKNOWN_JUMP', `no host called ${hop.host} is configured to jump through`, {
      hint: `${near.length ? `Did you mean ${near.join(', ')}? ` : ''}Add it first: jumpctl add-host ${hop.host} --hostname <name> (or pass --force to use the name as it is).`,
    });
  }
}

function checkControlPath(path: string, s: Session): void {
  // %C is 40 hex characters: the longest the expanded path can be.
  const expanded = path.replace(/^~/, s.ctx.passwdHome).replace('%C', 'x'.repeat(40));
  const problem = controlPathProblem(expanded, process.platform);
  if (problem)
    throw new JumpctlError('E_CONTROLPATH', problem, {
      hint: 'Use a shorter home directory path for sockets, e.g. set ControlPath yourself with `jumpctl set`, or leave out --control-master.',
    });
}
