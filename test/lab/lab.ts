// The jump-chain lab: real sshd servers in Linux network namespaces,
//
//   client --10.241.1.0/24-- jump1:22 --10.241.2.0/24-- jump2:2222 --10.241.3.0/24-- target:22
//
// The client reaches only jump1; each jump only its neighbours; no forwarding anywhere. A name
// resolves only in the place that reaches it (jump1.lab on the client, jump2.lab on jump1,
// target.lab on jump2). Every host has its own login user (own HOME and authorized_keys) and
// password; the client is a user too. Knobs break the chain in the ways `doctor`, `connect`
// and `copy-id` must diagnose; reset() restores the baseline.
//
// Usage with node:test:
//   import { labTest, useLab } from './harness.js';
//   const getLab = useLab();                      // shared lab for the file (or: withLab(t))
//   labTest('reaches target', async () => { const r = await getLab().ssh(['target', 'true']); });
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labAvailability } from './availability.js';
import { buildCommand, collect, killGroup, type Command, type ExecOptions, type ExecResult } from './exec.js';
import { createNetwork, destroyNamespaceSync, HOSTS, linkOf, nsName, PREVIOUS, PLACES } from './netns.js';
import { removeStaleNamespaces, writeHostsFile, writeNetnsEtc, type HostName, type Place } from './netns.js';
import { isAlive, run, tool } from './proc.js';
import { knownHostsLine, renderClientConfig, type ClientHop } from './render.js';
import { renderSshdConfig, Sshd } from './sshd.js';
import { addUser, deleteUserSync, removeStaleUsers, setPasswords, type UnixUser } from './users.js';

export { labAvailability, labMode, type LabAvailability } from './availability.js';
export { HOSTS, PREVIOUS, type HostName, type Place } from './netns.js';
export type { Command, ExecOptions, ExecResult } from './exec.js';

export interface LabOptions {
  /** Hosts with PasswordAuthentication yes. Default ['target']. */
  passwordAuth?: readonly HostName[];
  /** Hosts whose login user has no ~/.ssh at all (so no key login). Default []. */
  withoutSshDir?: readonly HostName[];
  /** sshd port of jump2. Default 2222. */
  jump2Port?: number;
  /** ConnectTimeout in the client config. Default 5. */
  connectTimeout?: number;
  /** BatchMode yes in the client config. Default false. */
  batchMode?: boolean;
}

export interface LabHost {
  readonly name: HostName;
  /** The name the previous hop resolves for this host (HostName in the client config). */
  readonly fqdn: string;
  readonly address: string;
  /** An address on the host's link that silently drops everything (for setUnreachable). */
  readonly blackhole: string;
  readonly netns: string;
  readonly user: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly hostKeyPub: string;
  /** Baseline host public key line ("ssh-ed25519 AAAA… comment"). */
  readonly publicKey: string;
  readonly sshdConfig: string;
  readonly sshdLog: string;
  /** Current values (knobs change them). */
  readonly port: number;
  readonly password: string;
}

export interface LabClient {
  readonly netns: string;
  readonly user: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly identityFile: string;
  readonly publicKeyFile: string;
  readonly publicKey: string;
  readonly knownHosts: string;
  /** The chain's ssh config, for `ssh -F` (root-owned 0644, usable by root and the client). */
  readonly config: string;
}

interface HostState {
  port: number;
  forwarding: boolean;
  passwordAuth: boolean;
  altKey: boolean;
  password: string;
}

type Resolution = 'normal' | 'missing' | 'blackhole';

const registry = new Set<Lab>();
let sequence = 0;
let handlersInstalled = false;

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const lab of [...registry]) lab.stopSync();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      for (const lab of [...registry]) lab.stopSync();
      process.removeListener(sig, handler);
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, handler);
  }
}

/** Removes namespaces, users and temp dirs left by lab processes that no longer exist. */
export function cleanupStaleLabs(): string[] {
  const removed = [...removeStaleNamespaces(), ...removeStaleUsers()];
  for (const name of readdirSync(tmpdir())) {
    const m = /^jumpctl-lab-(\d+)-/.exec(name);
    if (m === null || isAlive(Number(m[1]))) continue;
    rmSync(join(tmpdir(), name), { recursive: true, force: true });
    removed.push(join(tmpdir(), name));
  }
  return removed;
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const avail = labAvailability();
  if (!avail.ok) throw new Error(`lab unavailable: ${avail.reason}`);
  cleanupStaleLabs();
  installExitHandlers();
  const lab = new Lab(`${process.pid}-${++sequence}`, options);
  registry.add(lab);
  try {
    await lab.init();
  } catch (err) {
    lab.stopSync();
    throw err;
  }
  return lab;
}

export class Lab {
  readonly dir: string;
  readonly hosts = {} as Record<HostName, LabHost>;
  client!: LabClient;
  private readonly baseline = {} as Record<HostName, HostState>;
  private readonly state = {} as Record<HostName, HostState>;
  private readonly sshd = {} as Record<HostName, Sshd>;
  private readonly users = {} as Record<Place, UnixUser>;
  private readonly resolution = {} as Record<HostName, Resolution>;
  private readonly extraHosts = new Map<Place, Map<string, string>>();
  private readonly clientPorts = new Map<HostName, number>();
  private readonly createdNs: string[] = [];
  private readonly createdUsers: string[] = [];
  private readonly children = new Set<ChildProcess>();
  private askpassCount = 0;
  private stopped = false;

  constructor(
    readonly id: string,
    private readonly options: LabOptions,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), `jumpctl-lab-${process.pid}-`));
    chmodSync(this.dir, 0o755);
    if (/['"\\\s]/.test(this.dir))
      throw new Error(`lab: temp dir path must not contain quotes/spaces: ${this.dir}`);
  }

  /** Name of the namespace for a place. */
  netns(place: Place): string {
    return nsName(this.id, place);
  }

  async init(): Promise<void> {
    const o = this.options;
    const [pid, seq] = this.id.split('-');
    const role: Record<Place, string> = { client: 'c', jump1: 'j1', jump2: 'j2', target: 't' };
    const userName = (place: Place): string => `jl${pid}x${seq}${role[place]}`;
    for (const d of ['sshd', 'home', ...HOSTS.map((h) => join('sshd', h))]) {
      mkdirSync(join(this.dir, d), { mode: d === 'home' ? 0o755 : 0o700 });
    }
    const homeOf = (place: Place): string => join(this.dir, 'home', place);
    const clientSsh = join(homeOf('client'), '.ssh');
    mkdirSync(clientSsh, { recursive: true, mode: 0o700 });
    const keygen = (file: string, comment: string): Promise<unknown> =>
      run(tool('ssh-keygen'), ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
    const hostKey = (h: HostName, alt = false): string =>
      join(this.dir, 'sshd', h, `ssh_host_ed25519_key${alt ? '_alt' : ''}`);

    const users = (async () => {
      for (const place of PLACES) {
        const u = await addUser(userName(place), homeOf(place));
        this.createdUsers.push(u.name);
        this.users[place] = u;
      }
    })();
    await Promise.all([
      createNetwork(this.id, this.createdNs),
      users,
      keygen(join(clientSsh, 'id_ed25519'), `client@jumpctl-lab-${this.id}`),
      ...HOSTS.map((h) => keygen(hostKey(h), `${h}@jumpctl-lab-${this.id}`)),
    ]);

    for (const h of HOSTS) {
      const passwordAuth = (o.passwordAuth ?? ['target']).includes(h);
      const port = h === 'jump2' ? (o.jump2Port ?? 2222) : 22;
      const password = `lab-${h}-${randomBytes(6).toString('hex')}`;
      this.baseline[h] = { port, forwarding: true, passwordAuth, altKey: false, password };
      this.state[h] = { ...this.baseline[h] };
      this.resolution[h] = 'normal';
    }
    await setPasswords([
      ...HOSTS.map((h) => [this.users[h].name, this.state[h].password] as const),
      [this.users.client.name, `lab-client-${randomBytes(6).toString('hex')}`] as const,
    ]);

    for (const place of PLACES) {
      const u = this.users[place];
      mkdirSync(u.home, { recursive: true, mode: 0o700 });
      chownSync(u.home, u.uid, u.gid);
    }
    const cu = this.users.client;
    for (const f of ['.ssh', '.ssh/id_ed25519', '.ssh/id_ed25519.pub'])
      chownSync(join(cu.home, f), cu.uid, cu.gid);
    const clientPub = readFileSync(join(clientSsh, 'id_ed25519.pub'), 'utf8').trim();
    this.client = {
      netns: this.netns('client'),
      user: cu.name,
      uid: cu.uid,
      gid: cu.gid,
      home: cu.home,
      identityFile: join(clientSsh, 'id_ed25519'),
      publicKeyFile: join(clientSsh, 'id_ed25519.pub'),
      publicKey: clientPub,
      knownHosts: join(clientSsh, 'known_hosts'),
      config: join(this.dir, 'ssh_config'),
    };

    const state = this.state;
    for (const h of HOSTS) {
      const u = this.users[h];
      const l = linkOf(h);
      this.hosts[h] = {
        name: h,
        fqdn: `${h}.lab`,
        address: l.address,
        blackhole: l.blackhole,
        netns: this.netns(h),
        user: u.name,
        uid: u.uid,
        gid: u.gid,
        home: u.home,
        hostKeyPub: `${hostKey(h)}.pub`,
        publicKey: readFileSync(`${hostKey(h)}.pub`, 'utf8').trim(),
        sshdConfig: join(this.dir, 'sshd', h, 'sshd_config'),
        sshdLog: join(this.dir, 'sshd', h, 'sshd.log'),
        get port() {
          return state[h].port;
        },
        get password() {
          return state[h].password;
        },
      };
      this.sshd[h] = new Sshd(this.netns(h), h, this.hosts[h].sshdConfig, this.hosts[h].sshdLog);
      this.writeAuthorized(h, !(o.withoutSshDir ?? []).includes(h));
    }
    for (const place of PLACES) writeNetnsEtc(this.netns(place), this.hostsFor(place));
    this.writeClientFiles();
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege separation dir
    await Promise.all(HOSTS.map((h) => this.applySshd(h, true)));
  }

  // ---- files -------------------------------------------------------------------------------

  private hostsFor(place: Place): Map<string, string> {
    const map = new Map<string, string>();
    for (const h of HOSTS) {
      if (PREVIOUS[h] !== place || this.resolution[h] === 'missing') continue;
      const l = linkOf(h);
      map.set(`${h}.lab`, this.resolution[h] === 'blackhole' ? l.blackhole : l.address);
    }
    for (const [name, addr] of this.extraHosts.get(place) ?? []) map.set(name, addr);
    return map;
  }

  private writeAuthorized(h: HostName, withKey: boolean | 'empty'): void {
    const u = this.users[h];
    const dir = join(u.home, '.ssh');
    rmSync(dir, { recursive: true, force: true });
    if (withKey === false) return;
    mkdirSync(dir, { mode: 0o700 });
    const file = join(dir, 'authorized_keys');
    writeFileSync(file, withKey === 'empty' ? '' : `${this.client.publicKey}\n`, { mode: 0o600 });
    chownSync(dir, u.uid, u.gid);
    chownSync(file, u.uid, u.gid);
  }

  private writeClientFiles(): void {
    const hops: ClientHop[] = HOSTS.map((h) => ({
      name: h,
      hostName: `${h}.lab`,
      port: this.clientPorts.get(h) ?? this.baseline[h].port,
      user: this.users[h].name,
      proxyJump: h === 'jump1' ? undefined : (PREVIOUS[h] as HostName),
    }));
    const text = renderClientConfig(hops, {
      identityFile: this.client.identityFile,
      knownHosts: this.client.knownHosts,
      connectTimeout: this.options.connectTimeout ?? 5,
      batchMode: this.options.batchMode ?? false,
      labId: this.id,
    });
    writeFileSync(this.client.config, text, { mode: 0o644 });
    const known = HOSTS.map((h) =>
      knownHostsLine([`${h}.lab`, linkOf(h).address], this.baseline[h].port, this.hosts[h].publicKey),
    ).join('');
    writeFileSync(this.client.knownHosts, known, { mode: 0o600 });
    chownSync(this.client.knownHosts, this.client.uid, this.client.gid);
  }

  private async applySshd(h: HostName, start = false): Promise<void> {
    const s = this.state[h];
    const dir = join(this.dir, 'sshd', h);
    if (s.altKey) {
      const alt = join(dir, 'ssh_host_ed25519_key_alt');
      try {
        readFileSync(alt);
      } catch {
        await run(tool('ssh-keygen'), ['-q', '-t', 'ed25519', '-N', '', '-C', `${h}-changed`, '-f', alt]);
      }
    }
    const text = renderSshdConfig({
      host: h,
      user: this.users[h].name,
      port: s.port,
      hostKey: join(dir, s.altKey ? 'ssh_host_ed25519_key_alt' : 'ssh_host_ed25519_key'),
      pidFile: join(dir, 'sshd.pid'),
      allowTcpForwarding: s.forwarding,
      passwordAuthentication: s.passwordAuth,
    });
    writeFileSync(this.hosts[h].sshdConfig, text, { mode: 0o600 });
    const sshd = this.sshd[h];
    if (sshd.running) {
      await sshd.stop();
      await sshd.start(s.port);
    } else if (start) {
      await sshd.start(s.port);
    }
  }

  // ---- knobs -------------------------------------------------------------------------------

  /** AllowTcpForwarding yes/no on a host (restarts its sshd): ssh -W through it fails. */
  async setForwarding(h: HostName, enabled: boolean): Promise<void> {
    this.state[h].forwarding = enabled;
    await this.applySshd(h);
  }

  /** PasswordAuthentication (and KbdInteractiveAuthentication) yes/no on a host. */
  async setPasswordAuth(h: HostName, enabled: boolean): Promise<void> {
    this.state[h].passwordAuth = enabled;
    await this.applySshd(h);
  }

  /** Moves a host's sshd to another port; the client config keeps the old one. */
  async setSshdPort(h: HostName, port: number): Promise<void> {
    this.state[h].port = port;
    await this.applySshd(h);
  }

  /** Serves a freshly generated host key (client known_hosts keeps the old one), or the original. */
  async changeHostKey(h: HostName, changed = true): Promise<void> {
    this.state[h].altKey = changed;
    await this.applySshd(h);
  }

  async stopSshd(h: HostName): Promise<void> {
    await this.sshd[h].stop();
  }

  async startSshd(h: HostName): Promise<void> {
    if (!this.sshd[h].running) await this.applySshd(h, true);
  }

  isSshdRunning(h: HostName): boolean {
    return this.sshd[h].running;
  }

  /** Sets the login user's password on a host (chpasswd). */
  async setPassword(h: HostName, password: string): Promise<void> {
    await setPasswords([[this.users[h].name, password]]);
    this.state[h].password = password;
  }

  /** Empties the host user's authorized_keys (keeps ~/.ssh). */
  removeAuthorizedKey(h: HostName): void {
    this.writeAuthorized(h, 'empty');
  }

  /** Restores ~/.ssh/authorized_keys with the client key. */
  authorizeClientKey(h: HostName): void {
    this.writeAuthorized(h, true);
  }

  /** Removes the host user's ~/.ssh entirely ("a host whose ~/.ssh does not exist yet"). */
  removeSshDir(h: HostName): void {
    this.writeAuthorized(h, false);
  }

  /** Content of the host user's ~/.ssh/authorized_keys, or null when it does not exist. */
  authorizedKeys(h: HostName): string | null {
    try {
      return readFileSync(join(this.users[h].home, '.ssh', 'authorized_keys'), 'utf8');
    } catch {
      return null;
    }
  }

  /** false: the previous hop can no longer resolve the host's name ("Name or service not known"). */
  setResolvable(h: HostName, resolvable: boolean): void {
    this.resolution[h] = resolvable ? 'normal' : 'missing';
    writeHostsFile(this.netns(PREVIOUS[h]), this.hostsFor(PREVIOUS[h]));
  }

  /** true: the previous hop resolves the host's name to an address whose packets are dropped (time-out). */
  setUnreachable(h: HostName, unreachable: boolean): void {
    this.resolution[h] = unreachable ? 'blackhole' : 'normal';
    writeHostsFile(this.netns(PREVIOUS[h]), this.hostsFor(PREVIOUS[h]));
  }

  /** Adds (or with null removes) an /etc/hosts entry in one place's namespace. */
  setHostsEntry(place: Place, name: string, address: string | null): void {
    if (!/^[A-Za-z0-9.-]+$/.test(name) || (address !== null && !/^[0-9a-fA-F.:]+$/.test(address))) {
      throw new Error('lab: bad hosts entry');
    }
    const m = this.extraHosts.get(place) ?? new Map<string, string>();
    if (address === null) m.delete(name);
    else m.set(name, address);
    this.extraHosts.set(place, m);
    writeHostsFile(this.netns(place), this.hostsFor(place));
  }

  /** Port the client config uses for a host (undefined restores the real one). */
  setClientPort(h: HostName, port: number | undefined): void {
    if (port === undefined) this.clientPorts.delete(h);
    else this.clientPorts.set(h, port);
    this.writeClientFiles();
  }

  /** Everything back to the state right after startLab(). */
  async reset(): Promise<void> {
    this.extraHosts.clear();
    this.clientPorts.clear();
    for (const h of HOSTS) this.resolution[h] = 'normal';
    for (const place of PLACES) writeHostsFile(this.netns(place), this.hostsFor(place));
    this.writeClientFiles();
    const pw: Array<[string, string]> = [];
    await Promise.all(
      HOSTS.map(async (h) => {
        const s = this.state[h];
        const b = this.baseline[h];
        if (s.password !== b.password) pw.push([this.users[h].name, b.password]);
        const same = s.port === b.port && s.forwarding === b.forwarding && s.passwordAuth === b.passwordAuth;
        this.state[h] = { ...b };
        if (!same || s.altKey !== b.altKey || !this.sshd[h].running) {
          await this.sshd[h].stop();
          await this.applySshd(h, true);
        }
        this.writeAuthorized(h, !(this.options.withoutSshDir ?? []).includes(h));
      }),
    );
    if (pw.length > 0) await setPasswords(pw);
  }

  // ---- running things as the client --------------------------------------------------------

  /** argv/env/cwd that run a program in a place's namespace as its lab user (or root). */
  command(cmd: string, args: readonly string[], opts: ExecOptions = {}): Command {
    const place = opts.where ?? 'client';
    return buildCommand(this.netns(place), this.users[place], cmd, args, opts);
  }

  /** Spawns in a place (default: as the client), in its own process group. Killed by stop(). */
  spawn(
    cmd: string,
    args: readonly string[],
    opts: ExecOptions & { stdio?: StdioOptions } = {},
  ): ChildProcess {
    if (this.stopped) throw new Error('lab: stopped');
    const c = this.command(cmd, args, opts);
    const child = spawn(c.file, c.args, {
      env: c.env,
      cwd: c.cwd,
      detached: true,
      stdio: opts.stdio ?? 'pipe',
    });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** Runs a program to completion with a wall-clock limit; never rejects for a non-zero exit. */
  exec(cmd: string, args: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    const stdin = opts.input === undefined ? 'ignore' : 'pipe';
    return collect(this.spawn(cmd, args, { ...opts, stdio: [stdin, 'pipe', 'pipe'] }), opts);
  }

  /** `ssh -F <lab config> ...args` as the client. */
  ssh(args: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return this.exec(tool('ssh'), ['-F', this.client.config, ...args], opts);
  }

  /** Writes an SSH_ASKPASS program (owned by the client) that prints `password`; returns its path. */
  writeAskpass(password: string): string {
    const n = ++this.askpassCount;
    const pwFile = join(this.client.home, `.askpass-${n}.txt`);
    const script = join(this.client.home, `.askpass-${n}.sh`);
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    writeFileSync(script, `#!/bin/sh\nexec cat '${pwFile}'\n`, { mode: 0o700 });
    for (const f of [pwFile, script]) chownSync(f, this.client.uid, this.client.gid);
    return script;
  }

  // ---- teardown ----------------------------------------------------------------------------

  /** Removes everything the lab created: processes, namespaces, users, temp dir. Idempotent. */
  async stop(): Promise<void> {
    this.stopSync();
    await new Promise((resolve) => setImmediate(resolve));
  }

  stopSync(): void {
    if (this.stopped) return;
    this.stopped = true;
    registry.delete(this);
    for (const child of this.children) killGroup(child);
    for (const h of HOSTS) this.sshd[h]?.killSync();
    for (const ns of this.createdNs) destroyNamespaceSync(ns);
    for (const u of this.createdUsers) deleteUserSync(u);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
