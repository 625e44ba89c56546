/**
 * `Match exec`: ssh runs the command with the user's shell (`$SHELL -c`), stdin and stdout on
 * /dev/null, and takes exit status 0 as a match. The command comes from the user's own config,
 * which is exactly where ssh takes it from; jumpctl adds nothing to it.
 */

/**
 * The runner, once execa is loaded (an ES module only: import() from the CommonJS build). The
 * runner itself is synchronous, because ssh evaluates Match lines in order while resolving.
 */
export async function matchExecRunner(): Promise<(command: string) => boolean> {
  const { execaSync } = await import('execa');
  return (command) => {
    const shell = process.env.SHELL || '/bin/sh';
    const r = execaSync(shell, ['-c', command], {
      reject: false,
      stdin: 'ignore',
      stdout: 'ignore',
      stderr: 'inherit',
    });
    return r.exitCode === 0;
  };
}
