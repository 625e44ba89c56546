/**
 * Domain errors: a stable code, a message that says what and where, and a hint that says what to
 * do. No colours here; they are rendered once, at the boundary.
 */

/**
 * The exit codes, the one table of them (the README's "Errors and exit codes" copies it). connect
 * exits with ssh's own code instead, whatever it is.
 */
export const EXIT = {
  OK: 0,
  /** A problem jumpctl found (a bad line, a loop, a failed hop) or a refusal. */
  FAILURE: 1,
  /** The command line is wrong: an unknown option, a missing argument, a value refused. */
  USAGE: 2,
  /** A bug in jumpctl (sysexits.h EX_SOFTWARE); never a user's mistake or the machine's state. */
  INTERNAL: 70,
  /** Ctrl-C or Esc at a prompt, or a signal: 128 + SIGINT, as the shell reports it. */
  CANCELLED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Every code a JumpctlError carries; the README's catalogue says what each means. */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_INVALID_INPUT'
  | 'E_CANCELLED'
  | 'E_ABORTED'
  | 'E_INTERRUPTED'
  | 'E_INTERNAL'
  | 'E_CONFIG'
  | 'E_CHAIN_CYCLE'
  | 'E_UNKNOWN_JUMP'
  | 'E_NO_HOST'
  | 'E_HOST_EXISTS'
  | 'E_NOT_SET'
  | 'E_NOT_READ'
  | 'E_IN_USE'
  | 'E_CHAIN_MISMATCH'
  | 'E_CONTROLPATH'
  | 'E_EDIT_BREAKS'
  | 'E_SHADOWED'
  | 'E_SIDE_EFFECT'
  | 'E_NOTHING_TO_UNDO'
  | 'E_UNDO_CONFLICT'
  | 'E_CHANGED'
  | 'E_READ_ONLY'
  | 'E_LOCK'
  | 'E_LOCKED'
  | 'E_STATE'
  | 'E_IO'
  | 'E_WRITE'
  | 'E_NO_SSH'
  | 'E_SSH_START'
  | 'E_KEY';

export class JumpctlError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly data: Record<string, unknown>;
  /** The process exit code this error maps to. */
  readonly exitCode: ExitCode;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { hint?: string | undefined; data?: Record<string, unknown>; exitCode?: ExitCode } = {},
  ) {
    super(message);
    this.name = 'JumpctlError';
    this.code = code;
    this.hint = opts.hint;
    this.data = opts.data ?? {};
    this.exitCode = opts.exitCode ?? EXIT.FAILURE;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...this.data,
    };
  }
}

/** One problem found while reading config files, at `file:line`. */
export interface ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * A file read through its saved outline did not match it (changed between stat and read, or
 * vanished). The next run parses it in full and says what, if anything, is wrong.
 */
export function fileChangedError(file: string, line = 0): ConfigError {
  return new ConfigError(
    [{ file, line, message: 'the file changed while jumpctl was reading it' }],
    'Run the command again.',
  );
}

/** `file:line`, or the file alone for a problem of the whole file (line 0). */
export function whereOf(p: ConfigProblem): string {
  return p.line > 0 ? `${p.file}:${p.line}` : p.file;
}

const BAD_OWNER = /^Bad owner or permissions on (.+)$/;
const MISSING = /^Can't open user config file (.+): No such file or directory$|^cannot read (.+): missing$/;

/**
 * The fix for what went wrong: a file ssh will not read because of its mode, a file that is not
 * there, or bad lines, which each name their place.
 */
function configHint(problems: readonly ConfigProblem[]): string {
  const hints: string[] = [];
  const unsafe = problems.flatMap((p) => BAD_OWNER.exec(p.message)?.[1] ?? []);
  const missing = problems.flatMap((p) => {
    const m = MISSING.exec(p.message);
    return m ? [m[1] ?? m[2] ?? p.file] : [];
  });
  if (unsafe.length > 0)
    hints.push(
      `ssh reads no config file that others can write: chmod 600 ${unsafe.join(' ')} (it must also be yours or root's).`,
    );
  if (missing.length > 0) hints.push(`Check the path: ${missing.join(', ')} does not exist.`);
  const n = problems.length - unsafe.length - missing.length;
  if (n > 0)
    hints.push(
      `ssh refuses a configuration with any bad line, even inside a block that does not apply. Fix ${n === 1 ? 'the line' : `the ${n} lines`} named above.`,
    );
  return hints.join(' ');
}

/**
 * ssh refuses a whole configuration when any line of any file it reads is bad; so do we, naming
 * every bad line as ssh does ("terminating, 2 bad configuration options").
 */
export class ConfigError extends JumpctlError {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[], hint?: string) {
    const first = problems[0];
    const message =
      problems.length > 1
        ? `${problems.length} problems in the ssh configuration; ssh would refuse it`
        : first
          ? `${whereOf(first)}: ${first.message}`
          : 'bad configuration';
    super('E_CONFIG', message, {
      hint: hint ?? configHint(problems),
      data: { problems: problems.map((p) => ({ where: whereOf(p), message: p.message })) },
    });
    this.problems = problems;
  }
}

export class ChainCycleError extends JumpctlError {
  readonly cycle: readonly string[];
  constructor(cycle: readonly string[], detail?: string) {
    super('E_CHAIN_CYCLE', `jump chain loops: ${cycle.join(' → ')}${detail ? ` (${detail})` : ''}`, {
      hint: 'ssh has no guard against this loop and would spawn ssh processes until the machine runs out. Break it with `ProxyJump none` in the block of the jump host, placed before any wildcard block that sets ProxyJump.',
      data: { cycle: [...cycle] },
    });
    this.cycle = cycle;
  }
}

export class UsageError extends JumpctlError {
  constructor(message: string, hint?: string) {
    super('E_USAGE', message, { hint, exitCode: EXIT.USAGE });
  }
}

/**
 * Ctrl-C or Esc at a prompt, or SIGINT while one is up: the user stopped, nothing failed. Said in
 * one line, exit 130.
 */
export class CancelledError extends JumpctlError {
  constructor() {
    super('E_CANCELLED', 'cancelled', { exitCode: EXIT.CANCELLED });
  }
}

/** Names of inquirer's errors for a prompt the user left (matched by name: inquirer loads lazily). */
const PROMPT_LEFT = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

/** Whether `e` says the user stopped at a prompt (or a signal came while one was up). */
export function isCancellation(e: unknown): boolean {
  return e instanceof CancelledError || (e instanceof Error && PROMPT_LEFT.has(e.name));
}

/**
 * Whether `e` is a declined confirmation ("Write this change?" answered no). Declining is a
 * decision, not a failure: nothing is written and jumpctl exits 0. The editing commands signal
 * it with the code E_ABORTED.
 */
export function isDeclined(e: unknown): boolean {
  return e instanceof JumpctlError && e.code === 'E_ABORTED';
}

/** A value that would be unsafe to hand to ssh or to write into a config file. */
export class InvalidInputError extends JumpctlError {
  constructor(what: string, value: string, why: string, hint?: string) {
    super('E_INVALID_INPUT', `invalid ${what} ${JSON.stringify(value)}: ${why}`, {
      hint,
      exitCode: EXIT.USAGE,
    });
  }
}

/**
 * A file that could not be read when its lines were needed (after a saved outline vouched for
 * it): reported as ssh reports a file it cannot read.
 */
export class FileUnreadableError extends ConfigError {
  readonly reason: string;
  constructor(file: string, reason: string) {
    super(
      [{ file, line: 0, message: `cannot read: ${reason}` }],
      'ssh must be able to read every file it includes: check its owner, mode and group, and that you are in that group.',
    );
    this.reason = reason;
  }
}
