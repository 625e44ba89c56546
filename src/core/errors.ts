/**
 * Domain errors: a stable code, a message that says what and where, and a hint that says what to
 * do. No colours here; they are rendered once, at the boundary.
 */
export class JumpctlError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly data: Record<string, unknown>;
  /** The process exit code this error maps to. */
  readonly exitCode: number;

  constructor(
    code: string,
    message: string,
    opts: { hint?: string; data?: Record<string, unknown>; exitCode?: number } = {},
  ) {
    super(message);
    this.name = 'JumpctlError';
    this.code = code;
    this.hint = opts.hint;
    this.data = opts.data ?? {};
    this.exitCode = opts.exitCode ?? 1;
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
  return new ConfigError([
    { file, line, message: 'the file changed while jumpctl was reading it; run the command again' },
  ]);
}

/** `file:line`, or the file alone for a problem of the whole file (line 0). */
function whereOf(p: ConfigProblem): string {
  return p.line > 0 ? `${p.file}:${p.line}` : p.file;
}

/** ssh refuses a whole configuration when any line of any file it reads is bad; so do we. */
export class ConfigError extends JumpctlError {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[], hint?: string) {
    const first = problems[0];
    const where = first ? `${whereOf(first)}: ` : '';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super('E_CONFIG', `${where}${first?.message ?? 'bad configuration'}${more}`, {
      hint:
        hint ??
        'ssh refuses a configuration with any bad line, even inside a block that does not apply. Fix the line named above.',
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
    super('E_USAGE', message, { hint, exitCode: 2 });
  }
}

/** A value that would be unsafe to hand to ssh or to write into a config file. */
export class InvalidInputError extends JumpctlError {
  constructor(what: string, value: string, why: string, hint?: string) {
    super('E_INVALID_INPUT', `invalid ${what} ${JSON.stringify(value)}: ${why}`, { hint, exitCode: 2 });
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
