/**
 * Recognises the classic jump spelling `ProxyCommand ssh -W %h:%p jump` (with `exec`, a path to
 * ssh, quoting, `[%h]:%p`, and the usual flags), so that old-style chains are modelled as hops.
 */
import type { CommandLine } from '../resolve/context.js';

const WITH_ARG = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));

/** A rough POSIX shell word split: quotes and backslashes; returns null on anything fancier. */
function shellWords(s: string): string[] | null {
  if (/[|;&<>`$()]/.test(s.replace(/'[^']*'/g, ''))) return null;
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) return null;
      cur += s.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      const end = s.indexOf('"', i + 1);
      if (end < 0) return null;
      cur += s.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

export interface SshWCommand {
  readonly host: string;
  readonly cli: CommandLine;
  /** The `-F` the hop's ssh is given; without one it reads the default files, not ours. */
  readonly config?: string;
  /** Options present but not modelled (e.g. -F, -o, -i). */
  readonly ignored: string[];
}

export function parseSshWCommand(command: string): SshWCommand | null {
  const words = shellWords(command.trim());
  if (!words) return null;
  // No `exec` stripping: ssh itself runs `exec <command>`, so `exec ssh …` fails in the shell.
  const prog = words.shift();
  if (!prog || !(prog === 'ssh' || prog.endsWith('/ssh'))) return null;
  let w: string | undefined;
  let host: string | undefined;
  const cli: { user?: string; port?: number; jump?: string } = {};
  let config: string | undefined;
  const ignored: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const a = words[i] as string;
    if (host === undefined && a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const f = a[k] as string;
        if (!WITH_ARG.has(f)) continue;
        const val = k + 1 < a.length ? a.slice(k + 1) : words[++i];
        if (val === undefined) return null;
        if (f === 'W') w = val;
        else if (f === 'l') cli.user = val;
        else if (f === 'p') cli.port = Number(val);
        else if (f === 'J') cli.jump = val;
        else if (f === 'F') config = val;
        else ignored.push(`-${f} ${val}`);
        break;
      }
    } else if (host === undefined) host = a;
    else return null; // a remote command: not a plain -W forwarder
  }
  if (!host || !w || !/^(%h|\[%h\]):%p$/.test(w)) return null;
  const at = host.lastIndexOf('@');
  if (at > 0 && cli.user === undefined) cli.user = host.slice(0, at);
  return {
    host: at > 0 ? host.slice(at + 1) : host,
    cli,
    ignored,
    ...(config !== undefined ? { config } : {}),
  };
}

/**
 * The same `ssh -W` forwarder made to read `config` (`-F` placed right after the program), for
 * runs that need every inner ssh on their own settings (copy-id's shared master connections).
 * Null when the command is not a plain forwarder or already names its own -F. `config` must be
 * a plain path (no spaces, quotes or %), as a private temp directory is.
 */
export function forwarderWithConfig(command: string, config: string): string | null {
  if (!/^[A-Za-z0-9_./-]+$/.test(config)) return null;
  const parsed = parseSshWCommand(command);
  if (!parsed || parsed.config !== undefined) return null;
  const m = /^(\s*\S+)/.exec(command);
  if (!m?.[1]) return null;
  return `${m[1]} -F ${config}${command.slice(m[1].length)}`;
}
