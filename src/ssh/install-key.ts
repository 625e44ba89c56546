/**
 * Installs a public key on one hop after another, each reached through the hops before it.
 *
 * One run owns a private 0700 directory holding a generated ssh config, symlinks to the key and
 * to the user's config files, and the control sockets. The generated config is passed with -F,
 * the only setting that reaches the jump processes ssh spawns itself (command-line -o options
 * apply to the destination only). It sets, before including the user's own files (first value
 * wins):
 * - `ControlPath <dir>/s/%C` and `ControlMaster no`: every ssh of the run, the inner jump
 *   processes included, reuses a hop's master connection once it exists;
 * - `IdentityFile <dir>/id`: the key is offered first, so a hop that already has it needs no
 *   password (without IdentitiesOnly, so the user's other keys and agent still work);
 * - no forwardings, no agent or X11 forwarding, no LocalCommand or RemoteCommand;
 * - for a hop reached by a ProxyCommand `ssh -W` forwarder, that command with this config's -F,
 *   so its inner ssh shares the masters too.
 *
 * For each hop, a master (`ssh -o ControlMaster=yes -N`) authenticates with the terminal
 * inherited, so password, keyboard-interactive and host-key prompts reach the user (or
 * SSH_ASKPASS with SSH_ASKPASS_REQUIRE); it is ready when its socket appears. The fixed script
 * then runs over that master in BatchMode, with the key line on stdin. Each hop thus
 * authenticates once per run, and later hops go through the earlier masters without asking
 * again. close() ends every master (`ssh -O exit`) and removes the directory.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REMOTE_COMMAND } from '../core/copy-id/remote-script.js';
import { forwarderWithConfig, type CommandLine } from '../core/config/index.js';
import { runCaptured, startWithTerminal, type Background } from './process.js';

export interface HopTarget {
  readonly alias: string;
  readonly cli: CommandLine;
}

export type InstallAttempt =
  | { readonly kind: 'connect-failed'; readonly stderr: string; readonly exitCode: number }
  | { readonly kind: 'ran'; readonly stdout: string; readonly stderr: string; readonly exitCode: number };

export interface InstallerOptions {
  readonly ssh: string;
  /** Existing config files ssh would read (the -F file, or ~/.ssh/config and the system file). */
  readonly configFiles: readonly string[];
  readonly publicPath: string;
  readonly privatePath: string | undefined;
  /** The line sent on stdin to the remote script. */
  readonly keyLine: string;
  /** Add the key as the first IdentityFile (false when every hop's config already lists it). */
  readonly offerKey: boolean;
  /** Hops reached by a ProxyCommand `ssh -W` forwarder, with that command as configured. */
  readonly forwarders?: readonly { readonly alias: string; readonly command: string }[];
}

interface Master {
  readonly hop: HopTarget;
  readonly socket: string;
  readonly child: Background | undefined;
}

const SAFE_PATH = /^[A-Za-z0-9_./-]+$/;
/** Linux sun_path is 108 bytes; ssh needs the path plus a 17-character temporary suffix. */
const MAX_SOCKET_DIR = 40;

function privateDir(): string {
  const base = tmpdir();
  const usable = SAFE_PATH.test(base) && base.length <= MAX_SOCKET_DIR - 10;
  return mkdtempSync(join(usable ? base : '/tmp', 'jcid-'));
}

export function cliArgs(cli: CommandLine): string[] {
  return [
    ...(cli.user !== undefined ? ['-l', cli.user] : []),
    ...(cli.port !== undefined ? ['-p', String(cli.port)] : []),
    ...(cli.jump !== undefined ? ['-J', cli.jump] : []),
  ];
}

export class KeyInstaller {
  readonly dir: string;
  private readonly config: string;
  private readonly sockets: string;
  private readonly masters: Master[] = [];
  /** The run in progress: a master being opened, or the script (aborted: its group ends). */
  private current: Background | AbortController | undefined;
  private interruptedBy: NodeJS.Signals | undefined;
  private readonly onSignal = (sig: NodeJS.Signals) => {
    this.interruptedBy ??= sig;
    this.stopCurrent();
  };
  private readonly onExit = () => {
    this.killAll();
    rmSync(this.dir, { recursive: true, force: true });
  };

  constructor(private readonly o: InstallerOptions) {
    this.dir = privateDir();
    this.sockets = join(this.dir, 's');
    mkdirSync(this.sockets, { mode: 0o700 });
    this.config = join(this.dir, 'config');
    try {
      this.writeConfig();
    } catch (e) {
      rmSync(this.dir, { recursive: true, force: true });
      throw e;
    }
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, this.onSignal);
    process.once('exit', this.onExit);
  }

  private writeConfig(): void {
    const o = this.o;
    const lines = [
      '# jumpctl copy-id: generated for one run and removed afterwards',
      'Host *',
      '  ControlMaster no',
      `  ControlPath ${this.sockets}/%C`,
      '  ControlPersist no',
      '  ClearAllForwardings yes',
      '  ForwardAgent no',
      '  ForwardX11 no',
      '  PermitLocalCommand no',
      '  RemoteCommand none',
      '  RequestTTY no',
    ];
    // Symlinks keep odd file names (spaces, quotes, glob characters) out of the config text.
    symlinkSync(o.publicPath, join(this.dir, 'id.pub'));
    if (o.privatePath !== undefined) symlinkSync(o.privatePath, join(this.dir, 'id'));
    // A .pub alone as IdentityFile makes ssh use the matching agent or token key.
    if (o.offerKey)
      lines.push(`  IdentityFile ${join(this.dir, o.privatePath !== undefined ? 'id' : 'id.pub')}`);
    // A ProxyCommand forwarder's ssh would read the default files and miss the masters (and ask
    // for a password again): for the run, the same command is given this config with -F.
    for (const f of o.forwarders ?? []) {
      const command = forwarderWithConfig(f.command, this.config);
      if (command !== null) lines.push(`Host ${f.alias}`, `  ProxyCommand ${command}`);
    }
    // The user's files are included for every host, whatever block came last above.
    lines.push('Host *');
    o.configFiles.forEach((f, i) => {
      const link = join(this.dir, `include-${i}.conf`);
      symlinkSync(f, link);
      lines.push(`Include ${link}`);
    });
    writeFileSync(this.config, `${lines.join('\n')}\n`, { mode: 0o600 });
  }

  /** The signal that interrupted the run, if any: no further hop is started after one. */
  get interrupted(): NodeJS.Signals | undefined {
    return this.interruptedBy;
  }

  /** Connects to the hop (asking for its password at most this once) and runs the script. */
  async install(hop: HopTarget): Promise<InstallAttempt> {
    const master = await this.openMaster(hop);
    if ('stderr' in master) return { kind: 'connect-failed', ...master };
    const run = new AbortController();
    this.current = run;
    const r = await runCaptured(
      this.o.ssh,
      [
        '-F',
        this.config,
        '-o',
        'ControlMaster=no',
        '-o',
        `ControlPath=${master.socket}`,
        '-o',
        'BatchMode=yes',
        '-T',
        ...cliArgs(hop.cli),
        '--',
        hop.alias,
        REMOTE_COMMAND,
      ],
      { input: `${this.o.keyLine}\n`, timeoutMs: 120_000, signal: run.signal },
    );
    this.current = undefined;
    return { kind: 'ran', stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode ?? 255 };
  }

  private async openMaster(
    hop: HopTarget,
  ): Promise<{ socket: string } | { stderr: string; exitCode: number }> {
    const before = new Set(readdirSync(this.sockets));
    const child = startWithTerminal(
      this.o.ssh,
      ['-F', this.config, '-o', 'ControlMaster=yes', '-N', ...cliArgs(hop.cli), '--', hop.alias],
      { stderrLimit: 64_000 },
    );
    this.current = child;
    let exited: { exitCode: number } | undefined;
    void child.exited.then((code) => (exited = { exitCode: code ?? 255 }));
    for (;;) {
      const socket = this.newSocket(before);
      if (socket !== undefined) {
        this.current = undefined;
        const alive = exited === undefined;
        this.masters.push({ hop, socket, child: alive ? child : undefined });
        return { socket };
      }
      if (exited !== undefined) {
        this.current = undefined;
        await new Promise((r) => setTimeout(r, 20)); // let the last stderr chunk arrive
        return { stderr: child.stderr(), exitCode: exited.exitCode };
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private newSocket(before: ReadonlySet<string>): string | undefined {
    for (const name of readdirSync(this.sockets)) {
      if (before.has(name) || name.includes('.')) continue;
      const p = join(this.sockets, name);
      try {
        if (lstatSync(p).isSocket()) return p;
      } catch {
        // renamed or removed meanwhile
      }
    }
    return undefined;
  }

  /** Ends every master and removes the run's directory. */
  async close(): Promise<void> {
    for (const m of [...this.masters].reverse()) {
      if (existsSync(m.socket)) {
        await runCaptured(
          this.o.ssh,
          [
            '-F',
            this.config,
            '-o',
            `ControlPath=${m.socket}`,
            '-O',
            'exit',
            ...cliArgs(m.hop.cli),
            '--',
            m.hop.alias,
          ],
          { timeoutMs: 10_000 },
        );
      }
      m.child?.kill('SIGTERM');
    }
    this.killAll();
    this.masters.length = 0;
    rmSync(this.dir, { recursive: true, force: true });
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(s, this.onSignal);
    process.off('exit', this.onExit);
  }

  private stopCurrent(): void {
    if (this.current instanceof AbortController) this.current.abort();
    else this.current?.kill('SIGTERM');
  }

  private killAll(): void {
    for (const m of this.masters) m.child?.kill('SIGTERM');
    this.stopCurrent();
  }
}
