/**
 * Records every input a run of connect's checks reads: each config file's identity, each
 * Include glob's result, each permission verdict, each environment variable. The connect memo
 * (connect-memo.ts) is only as good as this list, so it is taken where the inputs enter the core
 * (the FileSystemView and the ResolveContext), not guessed from the config's text.
 */
import type { FileSystemView } from '../core/program.js';

export interface MemoInputs {
  /** [path, fileIdentity()] */
  readonly reads: [string, string][];
  /** [pattern, what glob() gave] */
  readonly globs: [string, string[]][];
  /** [path, the permission problem or null] */
  readonly perms: [string, string | null][];
  /** [name, value or null when unset] */
  readonly env: [string, string | null][];
}

type Env = Readonly<Record<string, string | undefined>>;

export class InputRecorder {
  private readonly reads = new Map<string, string>();
  private readonly globs = new Map<string, string[]>();
  private readonly perms = new Map<string, string | null>();
  private readonly envs = new Map<string, string | null>();
  /** Why this run's conclusion cannot be reused (it read something that is not a fixed input). */
  volatile: string | undefined;

  view(fs: FileSystemView): FileSystemView {
    return {
      read: (path) => {
        const r = fs.read(path);
        // The same encoding as fileIdentity(), which fileSystemView().read is built on.
        const id = r === undefined ? 'missing' : 'error' in r ? `error:${r.error}` : (r.id ?? 'dir');
        this.keep(this.reads, path, id, path);
        return r;
      },
      glob: (pattern) => {
        const found = fs.glob(pattern);
        this.keep(this.globs, pattern, [...found], `the files of Include ${pattern}`);
        return found;
      },
      permissionProblem: (path) => {
        const p = fs.permissionProblem(path);
        this.keep(this.perms, path, p ?? null, `the permissions of ${path}`);
        return p;
      },
    };
  }

  env(env: Env): Env {
    return new Proxy(env, {
      get: (target, name, receiver) => {
        const v = Reflect.get(target, name, receiver) as string | undefined;
        if (typeof name === 'string') this.envs.set(name, v ?? null);
        return v;
      },
      has: (target, name) => {
        const v = Reflect.has(target, name);
        if (typeof name === 'string') this.envs.set(name, (target as Env)[name] ?? null);
        return v;
      },
      getOwnPropertyDescriptor: (target, name) => {
        const d = Reflect.getOwnPropertyDescriptor(target, name);
        if (typeof name === 'string') this.envs.set(name, (d?.value as string | undefined) ?? null);
        return d;
      },
      ownKeys: (target) => {
        this.volatile ??= 'the whole environment was read';
        return Reflect.ownKeys(target);
      },
    });
  }

  /** `Match exec` runs a command: its answer is not an input that can be checked later. */
  exec(run: (command: string) => boolean): (command: string) => boolean {
    return (command) => {
      this.volatile ??= 'a Match exec command ran';
      return run(command);
    };
  }

  /**
   * Asked twice (a jump's own -F can name a file read already) with another answer the second
   * time: which answer goes with what the checks concluded is not known.
   */
  private keep<T>(seen: Map<string, T>, key: string, value: T, what: string): void {
    const before = seen.get(key);
    if (before === undefined) seen.set(key, value);
    else if (JSON.stringify(before) !== JSON.stringify(value))
      this.volatile ??= `${what} changed while it was read`;
  }

  inputs(): MemoInputs {
    return {
      reads: [...this.reads],
      globs: [...this.globs],
      perms: [...this.perms],
      env: [...this.envs],
    };
  }
}
