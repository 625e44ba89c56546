/**
 * Everything a command needs to evaluate the user's configuration: the files ssh would read,
 * parsed into a program, and the facts about this machine and client the resolver depends on.
 */
import { hostname as osHostname, userInfo } from 'node:os';
import { buildProgram, type FileSystemView, type Program } from './core/program.js';
import type { ResolveContext } from './core/resolve.js';
import { ChainResolver } from './core/chain.js';
import { ConfigError } from './core/errors.js';
import { entryFiles, fileSystemView } from './io/config-files.js';
import { readerKey } from './io/file-identity.js';
import { sha1 } from '@noble/hashes/legacy';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type * as Crypto from 'node:crypto';
import { home } from './io/dirs.js';
import { verdictStore } from './io/verdict-cache.js';
import { clientInfo, type ClientInfo } from './ssh/client-info.js';
import type { InputRecorder } from './io/memo-recorder.js';
import { matchExecRunner } from './ssh/match-exec.js';

/**
 * %C (ControlPath and friends) is a SHA-1. The first few are hashed in JS: loading node:crypto
 * costs about 4 ms of start-up, more than resolving one host. Past that (list resolves thousands
 * of hosts) node:crypto is loaded, being several times faster per hash.
 */
export function connectionHash(): (s: string) => string {
  let count = 0;
  let native: typeof Crypto | undefined;
  return (s) => {
    if (++count <= 16) return bytesToHex(sha1(utf8ToBytes(s)));
    native ??= process.getBuiltinModule('node:crypto') as typeof Crypto;
    return native.createHash('sha1').update(s).digest('hex');
  };
}

export interface GlobalOptions {
  /** `-F`: that file instead of ~/.ssh/config and the system file. */
  readonly config?: string;
  readonly json?: boolean;
}

export interface Session {
  readonly program: Program;
  readonly ctx: ResolveContext;
  readonly client: ClientInfo;
  readonly chains: ChainResolver;
  readonly home: string;
  /** The configuration an ssh given `-F flag` (null: none) reads. */
  readonly programFor: (flag: string | null) => Program;
  /** How the files were read (an edit rebuilds the configuration through it, with new texts). */
  readonly fs: FileSystemView;
}

/**
 * With `lenient`, a configuration ssh would refuse is returned with its problems instead of
 * throwing (doctor reports them as checks). A `recorder` sees every input the evaluation reads.
 */
export async function openSession(
  opts: GlobalOptions,
  runExec: boolean,
  lenient = false,
  recorder?: InputRecorder,
): Promise<Session> {
  const h = home();
  const user = userInfo();
  const uid = process.getuid?.() ?? 0;
  const client = await clientInfo();
  const files = fileSystemView(h, uid, user.gid, /Debian|Ubuntu/.test(client.versionText));
  const fs = recorder ? recorder.view(files) : files;
  // The saved outlines vouch for files this reader could read.
  const verdicts = verdictStore(`${client.versionText}|${readerKey()}`);
  const program = buildProgram(
    entryFiles(opts.config, h),
    fs,
    { version: client.version, home: h },
    verdicts,
  );
  verdicts.save();
  // ssh refuses the whole configuration when any file has a bad line, whatever the host.
  if (program.problems.length > 0 && !lenient) throw new ConfigError(program.problems);
  // Also for configs the chain reaches later (a jump's own -F file): the runner costs nothing
  // until a Match exec line is evaluated.
  let exec: ((command: string) => boolean) | undefined;
  if (runExec) {
    exec = matchExecRunner();
    if (recorder) exec = recorder.exec(exec);
  }
  const ctx: ResolveContext = {
    localUser: user.username,
    home: h,
    passwdHome: user.homedir,
    debian: /Debian|Ubuntu/.test(client.versionText),
    uid,
    localHostname: osHostname(),
    env: recorder ? recorder.env(process.env) : process.env,
    version: client.version,
    baseline: client.baseline,
    sha1: connectionHash(),
    ...(exec ? { exec } : {}),
  };
  // A ProxyCommand hop's ssh reads the default files (or its own -F), not necessarily ours.
  const programs = new Map<string, Program>([[opts.config ?? '', program]]);
  const programFor = (flag: string | null): Program => {
    let p = programs.get(flag ?? '');
    if (!p) {
      p = buildProgram(entryFiles(flag ?? undefined, h), fs, { version: client.version, home: h }, verdicts);
      verdicts.save();
      programs.set(flag ?? '', p);
    }
    return p;
  };
  return {
    program,
    ctx,
    client,
    chains: new ChainResolver(programFor, ctx, opts.config ?? null),
    home: h,
    programFor,
    fs,
  };
}
