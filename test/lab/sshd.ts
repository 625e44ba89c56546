// One real sshd per host namespace: config rendering, start (inside `ip netns exec <ns>` and its
// own UTS namespace, so `hostname` on the host prints the lab host name), readiness by watching
// the namespace's TCP table, and stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { isAlive, isListening, readlinkOrEmpty, run, runSync, sleep, tool } from './proc.js';

export interface SshdSettings {
  /** Lab host name; becomes the UTS hostname and $JUMPCTL_LAB_HOST in sessions. */
  host: string;
  user: string;
  port: number;
  hostKey: string;
  pidFile: string;
  allowTcpForwarding: boolean;
  passwordAuthentication: boolean;
}

let versionCache: [number, number] | undefined;

/** OpenSSH version of /usr/sbin/sshd as [major, minor]. */
export function sshdVersion(): [number, number] {
  if (versionCache === undefined) {
    const r = runSync(tool('sshd'), ['-V']);
    const m = /OpenSSH_(\d+)\.(\d+)/.exec(r.stderr + r.stdout);
    versionCache = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  }
  return versionCache;
}

function atLeast(major: number, minor: number): boolean {
  const [a, b] = sshdVersion();
  return a > major || (a === major && b >= minor);
}

export function renderSshdConfig(s: SshdSettings): string {
  const yn = (v: boolean) => (v ? 'yes' : 'no');
  const lines = [
    `# jumpctl lab sshd for ${s.host} (generated)`,
    `Port ${s.port}`,
    'AddressFamily inet',
    'ListenAddress 0.0.0.0',
    `HostKey "${s.hostKey}"`,
    `PidFile "${s.pidFile}"`,
    'UsePAM no',
    'UseDNS no',
    'StrictModes yes',
    'PermitRootLogin no',
    `AllowUsers ${s.user}`,
    'AuthorizedKeysFile .ssh/authorized_keys',
    'PubkeyAuthentication yes',
    `PasswordAuthentication ${yn(s.passwordAuthentication)}`,
    // Without PAM there is no keyboard-interactive device on Linux; "password" is what works.
    `${atLeast(8, 7) ? 'KbdInteractiveAuthentication' : 'ChallengeResponseAuthentication'} ${yn(s.passwordAuthentication)}`,
    'PermitEmptyPasswords no',
    `AllowTcpForwarding ${yn(s.allowTcpForwarding)}`,
    'AllowAgentForwarding no',
    'X11Forwarding no',
    'PermitTunnel no',
    'PrintMotd no',
    'PrintLastLog no',
    'MaxStartups 100:30:200',
    'LoginGraceTime 30',
    'LogLevel VERBOSE',
    `SetEnv JUMPCTL_LAB_HOST=${s.host}`,
    'Subsystem sftp internal-sftp',
  ];
  if (atLeast(9, 8)) lines.push('PerSourcePenalties no');
  return `${lines.join('\n')}\n`;
}

/** A running (or stopped) sshd in a namespace. */
export class Sshd {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  pid: number | undefined;

  constructor(
    readonly ns: string,
    readonly host: string,
    readonly configPath: string,
    readonly logPath: string,
  ) {}

  get running(): boolean {
    return this.pid !== undefined && isAlive(this.pid);
  }

  async start(port: number): Promise<void> {
    if (this.running) throw new Error(`lab: sshd for ${this.host} already running`);
    const sshd = tool('sshd');
    const args = ['netns', 'exec', this.ns, tool('unshare'), '--uts', '--', sshd, '-D'];
    const child = spawn(tool('ip'), [...args, '-f', this.configPath, '-E', this.logPath], {
      detached: true,
      stdio: 'ignore',
    });
    child.unref();
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const pid = child.pid;
    if (pid === undefined) throw new Error(`lab: could not spawn sshd for ${this.host}`);
    this.pid = pid;
    let done = false;
    void this.exited.then(() => (done = true));
    const real = realpathSync(sshd);
    const deadline = Date.now() + 5000;
    // 1. wait for the exec chain ip -> unshare -> sshd, then name the new UTS namespace.
    while (readlinkOrEmpty(`/proc/${pid}/exe`) !== real) {
      if (done || Date.now() > deadline) throw new Error(this.failure('did not start'));
      await sleep(5);
    }
    if (readlinkOrEmpty(`/proc/${pid}/ns/uts`) === readlinkOrEmpty('/proc/self/ns/uts')) {
      throw new Error(`lab: sshd for ${this.host} is not in its own UTS namespace`);
    }
    await run(tool('nsenter'), ['--target', String(pid), '--uts', '--', tool('hostname'), this.host]);
    // 2. wait until the port accepts in the namespace.
    while (!isListening(pid, port)) {
      if (done || Date.now() > deadline) throw new Error(this.failure(`not listening on port ${port}`));
      await sleep(5);
    }
  }

  private failure(what: string): string {
    let log = '';
    try {
      log = readFileSync(this.logPath, 'utf8').split('\n').slice(-8).join('\n');
    } catch {
      // no log yet
    }
    return `lab: sshd for ${this.host} ${what}\n${log}`;
  }

  /** Stops the listener (established sessions keep running, like a real sshd stop). */
  async stop(): Promise<void> {
    const pid = this.pid;
    if (pid === undefined) return;
    if (isAlive(pid)) {
      process.kill(pid, 'SIGTERM');
      const timeout = sleep(3000).then(() => 'timeout' as const);
      if ((await Promise.race([this.exited, timeout])) === 'timeout' && isAlive(pid)) {
        process.kill(pid, 'SIGKILL');
        await this.exited;
      }
    }
    this.pid = undefined;
    this.child = undefined;
  }

  killSync(): void {
    if (this.pid !== undefined && isAlive(this.pid)) {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    this.pid = undefined;
    this.child = undefined;
  }
}
