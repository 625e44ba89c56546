/**
 * What runs on each host: one fixed POSIX sh script, the same bytes every time. The key arrives
 * on stdin; nothing user-supplied is ever part of the remote command line.
 *
 * The script (in $HOME, umask 077):
 * - reads one line `type blob [comment]` and checks its characters again;
 * - creates ~/.ssh (0700) and ~/.ssh/authorized_keys (0600) only when missing;
 * - treats the key as present when a non-comment line has its type and blob as consecutive
 *   fields (options and comments ignored, `cert-authority` lines excluded), and then writes
 *   nothing;
 * - otherwise appends the line with a single write, preceded by a newline when the file does
 *   not end in one; existing lines are never rewritten or reordered;
 * - reports with `jumpctl-copy-id: …` lines on stdout (anything else a login prints is ignored).
 *
 * It is kept on one line because the login shell parses the command first, and csh cannot take a
 * newline inside quotes; it contains no `'` and no `!`, so every common login shell passes it to
 * sh unchanged.
 */

const STATEMENTS = [
  'umask 077',
  'set -f',
  'LC_ALL=C',
  'export LC_ALL',
  'm=jumpctl-copy-id',
  'k=',
  'IFS= read -r k',
  'set -- $k',
  't=${1-}',
  'b=${2-}',
  'fail() { echo "$m: error: $2" >&2; exit "$1"; }',
  'if test -z "$t" || test -z "$b"; then fail 64 "no public key on stdin"; fi',
  'if printf "%s\\n" "$t" | grep "[^a-z0-9@.-]" >/dev/null; then fail 64 "bad key type"; fi',
  'if printf "%s\\n" "$b" | grep "[^A-Za-z0-9+/=]" >/dev/null; then fail 64 "bad key data"; fi',
  'if printf "%s\\n" "$k" | grep "[[:cntrl:]]" >/dev/null; then fail 64 "control characters in the key line"; fi',
  'command -v awk >/dev/null 2>&1 || fail 70 "awk is missing"',
  'cd || fail 65 "no home directory"',
  'if test -d .ssh; then :; else mkdir -m 700 .ssh || fail 66 "cannot create ~/.ssh"; echo "$m: created ~/.ssh"; fi',
  'f=.ssh/authorized_keys',
  'if test -e "$f"; then :; else : >>"$f" || fail 67 "cannot create ~/$f"; chmod 600 "$f"; echo "$m: created ~/$f"; fi',
  'if test -r "$f" && test -w "$f"; then :; else fail 67 "~/$f is not readable and writable"; fi',
  'has() { awk -v t="$t" -v b="$b" "{ sub(/\\r\\$/, \\"\\") } /^[ \\t]*#/ { next } { for (i = 1; i < NF; i++) if (\\$i == t && \\$(i + 1) == b && (i == 1 || index(\\$1, \\"cert-authority\\") == 0)) f = 1 } END { exit f ? 0 : 1 }" "$f"; }',
  'if has; then r=present; else if test -s "$f" && test -n "$(tail -c 1 "$f")"; then printf "\\n%s\\n" "$k" >>"$f"; else printf "%s\\n" "$k" >>"$f"; fi || fail 68 "cannot append to ~/$f"; has || fail 69 "the key is not in ~/$f after appending"; r=installed; fi',
  'if command -v restorecon >/dev/null 2>&1; then restorecon .ssh "$f" >/dev/null 2>&1 || :; fi',
  'for p in . .ssh "$f"; do if test -n "$(find "$p" -prune \\( -perm -002 -o -perm -020 \\) -print 2>/dev/null)"; then echo "$m: writable $p"; fi; done',
  'echo "$m: $r"',
];

/** The fixed script, one line. */
export const REMOTE_SCRIPT = STATEMENTS.join('; ');

/** The remote command: the login shell execs sh on the fixed script. */
export const REMOTE_COMMAND = `exec sh -c '${REMOTE_SCRIPT}'`;

const MARK = 'jumpctl-copy-id: ';

export type ScriptOutcome =
  | { readonly kind: 'present' | 'installed'; readonly notes: string[] }
  | { readonly kind: 'error'; readonly message: string };

/** Reads the script's report from the session's stdout/stderr and exit code. */
export function parseScriptOutput(stdout: string, stderr: string, exitCode: number): ScriptOutcome {
  const notes: string[] = [];
  let result: 'present' | 'installed' | undefined;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith(MARK)) continue;
    const rest = line.slice(MARK.length).trim();
    if (rest === 'present' || rest === 'installed') result = rest;
    else if (rest.startsWith('created ')) notes.push(rest);
    else if (rest.startsWith('writable '))
      notes.push(
        `${rest.slice(9) === '.' ? '~' : `~/${rest.slice(9)}`} is writable by group or others; sshd (StrictModes) may ignore the key`,
      );
  }
  const err = stderr
    .split('\n')
    .find((l) => l.startsWith(`${MARK}error: `))
    ?.slice(MARK.length + 7);
  if (exitCode === 0 && result !== undefined) return { kind: result, notes };
  if (err !== undefined) return { kind: 'error', message: err };
  const said = stderr.trim().split('\n').pop() ?? '';
  return {
    kind: 'error',
    message:
      `the install script did not run to the end (exit ${exitCode})` +
      (said !== '' ? `: ${said}` : '; a ForceCommand or an account without a shell?'),
  };
}
