/**
 * What the static checks need to know about the machine, supplied by the edge (src/io) so the
 * rules themselves stay pure, and the hosts they look at.
 */
import { clientPathExpand, type Resolution, type ResolveContext, connectionTokens } from '../config/index.js';

export interface FileFact {
  readonly dir: boolean;
  /** Permission bits, sticky bit included (st_mode & 0o7777). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** This process can read it. */
  readonly readable: boolean;
}

export interface Facts {
  readonly uid: number;
  readonly gid: number;
  /** process.platform of the client. */
  readonly platform: string;
  /** A Debian/Ubuntu client (accepts group-writable config files of the user's private group). */
  readonly debian: boolean;
  /** lstat-free stat of a path; undefined when it does not exist. */
  stat(path: string): FileFact | undefined;
  /** The key's public half (`KEY.pub`) and the private key file's text, when readable. */
  keyText(path: string): { readonly pub?: string; readonly priv?: string };
  /** How many keys the ssh agent holds (`ssh-add -l`); undefined without a reachable agent. */
  readonly agentKeys?: number;
}

/** A host whose effective configuration is checked. */
export interface Subject {
  /** The name as typed, or the hop alias. */
  readonly alias: string;
  readonly res: Resolution;
  /** Some chain uses it as a jump. */
  readonly jump: boolean;
  /** The made-up name that only catch-all blocks match: what every host gets. */
  readonly canary: boolean;
}

/** A name no block can be meant for: its values are what `Host *` and `Match all` give everyone. */
export const CANARY = 'jumpctl-doctor-canary.invalid';

/** ssh's expansion of IdentityFile, CertificateFile and similar paths for one host. */
export function expandHostPath(path: string, res: Resolution, ctx: ResolveContext): string {
  const alias = typeof res.options.hostkeyalias === 'string' ? res.options.hostkeyalias : res.host;
  const tokens = connectionTokens(ctx, {
    hostArg: res.host,
    host: res.hostname,
    port: String(res.port),
    user: res.user,
    hostKeyAlias: alias,
  });
  const e = clientPathExpand(path, tokens, ctx.env, ctx.passwdHome);
  return e.ok ? e.value : path;
}

export function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** The values of a list option with the `file:line` each came from (undefined: ssh's default). */
export function listWithSources(
  res: Resolution,
  key: string,
): { value: string; source: string | undefined }[] {
  const v = res.options[key];
  const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const src = res.sources[key];
  return values.map((value, i) => ({
    value,
    source: Array.isArray(src) ? src[i] : src,
  }));
}

export function single(res: Resolution, key: string): string | undefined {
  const v = res.options[key];
  return Array.isArray(v) ? v[0] : v;
}

export function sourceOf(res: Resolution, key: string): string | undefined {
  const s = res.sources[key];
  return Array.isArray(s) ? s[0] : s;
}
