import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { configureEdits, type ConfigEdit } from '../../core/copy-id/configure.js';
import { describeFailure, type Failure } from '../../core/copy-id/failure.js';
import { defaultKeyFiles, identityFiles, KeyError, keyFilesFromFlag } from '../../core/copy-id/key.js';
import { parsePublicKey, type KeyFiles, type PublicKey } from '../../core/copy-id/key.js';
import {
  allPresent,
  parseHopsOption,
  planSteps,
  forwardedNodes,
  type HopReport,
  type HopStep,
} from '../../core/copy-id/plan.js';
import { parseScriptOutput } from '../../core/copy-id/remote-script.js';
import { JumpctlError, InvalidInputError } from '../../core/errors.js';
import { tildeExpand, type CommandLine } from '../../core/config/index.js';
import { hostProblem, splitDestination, validateHostArg } from '../../core/validate.js';
import { entryFiles } from '../../io/config-files.js';
import { checkAliases } from '../chain-checks.js';
import { openSession, type GlobalOptions, type Session } from '../../session.js';
import { findOnPath } from '../../ssh/process.js';
import type { InstallAttempt, InstallerOptions, KeyInstaller } from '../../ssh/install-key.js';
import type { FileChange } from '../edit/flow.js';

export interface CopyIdOptions extends GlobalOptions {
  /** `-i`: the public key (a private key path is mapped to its `.pub`). */
  readonly identity?: string;
  readonly hops?: string;
  /** Use jump names that no Host block configures as they are. */
  readonly force?: boolean;
  readonly dryRun?: boolean;
  readonly configure?: boolean;
  /** Write --configure's change without asking on a terminal. */
  readonly yes?: boolean;
  /** Called before each hop is contacted (the CLI shows it on a terminal). */
  readonly progress?: (hop: HopStep) => void;
}

export interface CopyIdResult {
  readonly target: string;
  readonly key: { file: string; type: string; fingerprint: string; comment: string };
  readonly dryRun: boolean;
  readonly hops: HopReport[];
  readonly configure?: {
    readonly edits: ConfigEdit[];
    readonly applied: boolean;
    /** Hosts the edit left alone and why (no Host block of their own). */
    readonly notes: readonly string[];
    /** The change as a diff per file: written, or with --dry-run what would be. */
    readonly files?: readonly FileChange[];
    readonly error?: { code: string; message: string; hint?: string };
  };
  /** The signal that stopped the run, if one did. */
  readonly interrupted?: string;
  /** Every requested hop ends with the key present (and --configure, if asked, succeeded). */
  readonly ok: boolean;
  readonly exitCode: number;
}

const exists = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * Installs the key on the requested hops of the chain to `target`, client outwards, stopping at
 * the first failure (later hops are "not-reached"). A dry run resolves the chain and the key and
 * contacts no host. Returns the report; the exit code is 0 only when every requested hop holds
 * the key (1 otherwise, 130 when interrupted).
 */
export async function copyId(target: string, opts: CopyIdOptions): Promise<CopyIdResult> {
  validateHostArg(target, 'target');
  const selection = parseHopsOption(opts.hops);
  const s = await openSession(opts, true);
  const dest = splitDestination(target);
  const targetCli: CommandLine = dest.user !== undefined ? { user: dest.user } : {};
  // The whole chain is resolved (and a loop refused) before any connection.
  const chain = s.chains.chain(dest.host, targetCli);
  if (!opts.force) checkAliases(chain, s);
  const steps = planSteps(chain, targetCli, selection);
  for (const st of steps) {
    const p = hostProblem(st.alias);
    if (p) throw new InvalidInputError('hop', st.alias, p, 'Fix the ProxyJump that names it.');
  }
  const files = keyFiles(opts.identity, s, dest.host, targetCli);
  const key = readPublicKey(files.publicPath);
  const base = {
    target,
    key: { file: files.publicPath, type: key.type, fingerprint: fingerprint(key), comment: key.comment },
  };

  if (opts.dryRun) {
    const hops = steps.map((st): HopReport => ({
      ...st,
      status: st.requested ? 'planned' : 'skipped',
      notes: [],
    }));
    // The configuration's diff is shown as every writing command's dry run shows it.
    const configure = opts.configure ? await applyConfigure(hops, s, files, opts) : undefined;
    const ok = configure?.error === undefined;
    return {
      ...base,
      dryRun: true,
      hops,
      ...(configure ? { configure } : {}),
      ok,
      exitCode: ok ? 0 : 1,
    };
  }

  const forwarders = forwardedNodes(chain, targetCli).flatMap(({ alias, cli }) => {
    const command = s.chains.resolve(alias, cli).options.proxycommand;
    return typeof command === 'string' ? [{ alias, command }] : [];
  });
  const { hops, interrupted } = await installAll(steps, s, opts, files, key, forwarders);
  let configure: CopyIdResult['configure'];
  if (opts.configure) configure = await applyConfigure(hops, s, files, opts);
  const ok = allPresent(hops) && configure?.error === undefined && interrupted === undefined;
  return {
    ...base,
    dryRun: false,
    hops,
    ...(configure ? { configure } : {}),
    ...(interrupted !== undefined ? { interrupted } : {}),
    ok,
    exitCode: ok ? 0 : interrupted !== undefined ? 130 : 1,
  };
}

/** Opens the run's installer, visits the hops, and always closes it (masters, private directory). */
async function installAll(
  steps: readonly HopStep[],
  s: Session,
  opts: CopyIdOptions,
  files: KeyFiles,
  key: PublicKey,
  forwarders: InstallerOptions['forwarders'],
): Promise<{ hops: HopReport[]; interrupted: string | undefined }> {
  const ssh = s.client.path ?? findOnPath('ssh');
  if (!ssh)
    throw new JumpctlError('E_NO_SSH', 'no ssh client found on PATH', {
      hint: 'Install OpenSSH (Debian: apt-get install openssh-client).',
    });
  const { KeyInstaller } = await import('../../ssh/install-key.js');
  const installer = new KeyInstaller({
    ssh,
    configFiles: entryFiles(opts.config, s.home)
      .map((e) => resolve(e.path))
      .filter(exists),
    publicPath: files.publicPath,
    privatePath: files.privatePath,
    keyLine: key.line,
    // Offering a key a host's config already lists would only spend one of its MaxAuthTries.
    offerKey: steps.some((st) => !usesKey(identityFiles(s.chains.resolve(st.alias, st.cli), s.ctx), files)),
    forwarders,
  });
  try {
    const hops = await runSteps(steps, installer, opts.progress);
    return { hops, interrupted: installer.interrupted };
  } finally {
    await installer.close();
  }
}

/** One hop after another; after a failure (or an interrupt) the rest are not reached. */
async function runSteps(
  steps: readonly HopStep[],
  installer: KeyInstaller,
  progress: CopyIdOptions['progress'],
): Promise<HopReport[]> {
  const out: HopReport[] = [];
  let stopped = false;
  for (const st of steps) {
    if (!st.requested) {
      out.push({ ...st, status: 'skipped', notes: [] });
      continue;
    }
    if (stopped || installer.interrupted !== undefined) {
      out.push({ ...st, status: 'not-reached', notes: [] });
      continue;
    }
    progress?.(st);
    const report = outcome(st, await installer.install({ alias: st.alias, cli: st.cli }), steps);
    if (report.status === 'failed') stopped = true;
    out.push(report);
  }
  return out;
}

function outcome(st: HopStep, a: InstallAttempt, steps: readonly HopStep[]): HopReport {
  // The classifier places the failure on this hop or one in front of it, from ssh's own words.
  const chainTo = (hop: HopStep) =>
    steps
      .slice(0, steps.indexOf(hop) + 1)
      .map((h) => ({ alias: h.alias, hostname: h.hostname, port: h.port, user: h.user }));
  if (a.kind === 'connect-failed')
    return { ...st, status: 'failed', failure: describeFailure(a.stderr, st.alias, chainTo(st)), notes: [] };
  const r = parseScriptOutput(a.stdout, a.stderr, a.exitCode);
  if (r.kind !== 'error') return { ...st, status: r.kind, notes: r.notes };
  // 255 without the script's own words is ssh failing (the master went away, a forward refused).
  const failure: Failure =
    a.exitCode === 255 && !a.stderr.includes('jumpctl-copy-id:')
      ? describeFailure(a.stderr, st.alias, chainTo(st))
      : {
          code: 'E_REMOTE_SCRIPT',
          message: `on ${st.alias}: ${r.message}`,
          fix: `Log in to ${st.alias} and check ~/.ssh (ownership, modes, free space); nothing was changed if the key could not be appended.`,
          raw: a.stderr.trim(),
        };
  return { ...st, status: 'failed', failure, notes: [] };
}

function keyFiles(flag: string | undefined, s: Session, host: string, cli: CommandLine): KeyFiles {
  if (flag !== undefined) return keyFilesFromFlag(resolve(tildeExpand(flag, s.home)), exists);
  return defaultKeyFiles(identityFiles(s.chains.resolve(host, cli), s.ctx), exists);
}

function usesKey(list: readonly string[], files: KeyFiles): boolean {
  return list.some((f) => f === files.privatePath || f === files.publicPath);
}

function readPublicKey(path: string): PublicKey {
  const size = statSync(path).size;
  if (size > 64 * 1024) throw new KeyError(`${path} is too large to be a public key (${size} bytes)`);
  return parsePublicKey(readFileSync(path, 'utf8'), path);
}

function fingerprint(key: PublicKey): string {
  const digest = createHash('sha256').update(Buffer.from(key.blob, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/** Edits for the hops that hold the key (all requested ones in a dry run). */
function editsFor(hops: readonly HopReport[], s: Session, files: KeyFiles): ConfigEdit[] {
  const holders = hops.filter(
    (h) => h.status === 'installed' || h.status === 'present' || h.status === 'planned',
  );
  const hosts = holders.map((h) => {
    const r = s.chains.resolve(h.alias, h.cli);
    const only = r.options.identitiesonly;
    return {
      alias: h.alias,
      identityFiles: identityFiles(r, s.ctx),
      identitiesOnly: typeof only === 'string' ? only : 'no',
    };
  });
  // `~` in IdentityFile is the passwd home for ssh, whatever $HOME says.
  return configureEdits(hosts, files, s.ctx.passwdHome);
}

async function applyConfigure(
  hops: readonly HopReport[],
  s: Session,
  files: KeyFiles,
  opts: CopyIdOptions,
): Promise<NonNullable<CopyIdResult['configure']>> {
  const edits = editsFor(hops, s, files);
  if (edits.length === 0) return { edits, applied: false, notes: [], files: [] };
  const { applyConfigEdits } = await import('./configure.js');
  try {
    const r = await applyConfigEdits(edits, opts);
    return { edits, applied: r.written, notes: r.notes, files: r.files };
  } catch (e) {
    if (!(e instanceof JumpctlError)) throw e;
    return {
      edits,
      applied: false,
      notes: [],
      files: [],
      error: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) },
    };
  }
}
