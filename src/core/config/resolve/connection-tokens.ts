/**
 * ssh's default client %-tokens for one connection (ssh.c's set; OpenSSH 9.2: %C = sha1 of
 * %l%h%p%r). One definition for the resolver, the -G renderer, doctor and copy-id.
 */
export interface TokenFacts {
  readonly localHostname: string;
  readonly uid: number;
  readonly passwdHome: string;
  readonly localUser: string;
  readonly sha1: (s: string) => string;
}

export interface Connection {
  /** %n: the name as typed. */
  readonly hostArg: string;
  /** %h: the host name being connected to. */
  readonly host: string;
  readonly port: string;
  readonly user: string;
  /** %k: HostKeyAlias when set, else the name as typed. */
  readonly hostKeyAlias: string;
}

export function connectionTokens(ctx: TokenFacts, c: Connection): Record<string, string> {
  const tokens: Record<string, string> = {
    L: ctx.localHostname.split('.')[0] ?? ctx.localHostname,
    i: String(ctx.uid),
    k: c.hostKeyAlias,
    l: ctx.localHostname,
    n: c.hostArg,
    p: c.port,
    d: ctx.passwdHome,
    h: c.host,
    r: c.user,
    u: ctx.localUser,
  };
  // %C is a hash: computed only when a value really uses it, because loading the hash
  // implementation is a measurable part of a short command's start-up.
  let hash: string | undefined;
  Object.defineProperty(tokens, 'C', {
    enumerable: true,
    get: () => (hash ??= ctx.sha1(ctx.localHostname + c.host + c.port + c.user)),
  });
  return tokens;
}
