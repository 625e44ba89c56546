/**
 * Everything a command needs to evaluate the user's configuration: the files ssh would read,
 * parsed into a program, and the facts about this machine and client the resolver depends on.
 */
import { hostname as osHostname, userInfo } from 'node:os';
import {
  buildProgram,
  configProblems,
  type FileSystemView,
  type Program,
  type ResolveContext,
  ChainResolver,
} from './core/config/index.js';
import { ConfigError } from './core/errors.js';
import { entryFiles, fileSystemView } from './io/config-files.js';
import { readerKey } from './io/file-identity.js';
import type * as Crypto from 'node:crypto';
import { home } from './io/own-files.js';
import { verdictStore } from './io/verdict-cache.js';
import { clientInfo, type ClientInfo } from './ssh/client-info.js';
import { matchExecRunner } from './ssh/process.js';

/** %C (ControlPath and friends) is the SHA-1 of the connection's tokens (ssh.c). */
const sha1 = (s: string): string =>
  // node:crypto is loaded when a %C is first expanded: most runs expand none, and loading it
  // costs a few milliseconds of every command's start.
  (process.getBuiltinModule('node:crypto') as typeof Crypto).createHash('sha1').update(s).digest('hex');

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
 * throwing (doctor reports them as checks).
 */
export async function openSession(opts: GlobalOptions, runExec: boolean, lenient = false): Promise<Session> {
  const h = home();
  const user = userInfo();
  const uid = process.getuid?.() ?? 0;
  const client = await clientInfo();
  const fs = fileSystemView(h, uid, user.gid, /Debian|Ubuntu/.test(client.versionText));
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
  if (program.problems.length > 0 && !lenient) throw new ConfigError(configProblems(program));
  // Also for configs the chain reaches later (a jump's own -F file): the runner costs nothing
  // until a Match exec line is evaluated.
  const exec = runExec ? matchExecRunner() : undefined;
  const ctx: ResolveContext = {
    localUser: user.username,
    home: h,
    passwdHome: user.homedir,
    debian: /Debian|Ubuntu/.test(client.versionText),
    uid,
    localHostname: osHostname(),
    env: process.env,
    version: client.version,
    baseline: client.baseline,
    sha1,
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
