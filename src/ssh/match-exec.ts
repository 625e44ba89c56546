/**
 * `Match exec`: ssh runs the command with the user's shell (`$SHELL -c`), stdin and stdout on
 * /dev/null, and takes exit status 0 as a match. The command comes from the user's own config,
 * which is exactly where ssh takes it from; jumpctl adds nothing to it.
 */
import type * as ChildProcess from 'node:child_process';

/**
 * The runner is synchronous, because ssh evaluates Match lines in order while resolving, and it
 * must be at hand for every config a chain reaches: a jump's own `-F` file is found only while
 * resolving. So it uses node:child_process, loaded on the first command, rather than execa,
 * which as an ES module can only be loaded asynchronously, before resolving starts.
 */
export function matchExecRunner(): (command: string) => boolean {
  return (command) => {
    const { spawnSync } = process.getBuiltinModule('node:child_process') as typeof ChildProcess;
    const r = spawnSync(process.env.SHELL || '/bin/sh', ['-c', command], {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: false,
    });
    return r.status === 0;
  };
}
