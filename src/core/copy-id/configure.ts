/**
 * `--configure`: the config edits that make the chain's hosts use the installed key. Computed
 * here, applied by the safe-editing engine (see commands/copy-id/configure.ts).
 */

export interface ConfigEdit {
  /** The Host alias the edit applies to. */
  readonly alias: string;
  readonly keyword: 'IdentityFile' | 'IdentitiesOnly';
  /** The value as ssh must read it (after unquoting); quoting is the editor's job. */
  readonly value: string;
}

export interface ConfigureHost {
  readonly alias: string;
  /** The host's effective IdentityFile list, expanded (see identityFiles in key.ts). */
  readonly identityFiles: readonly string[];
  /** The effective IdentitiesOnly value (`yes`/`no`). */
  readonly identitiesOnly: string;
}

/**
 * For every host whose effective IdentityFile list does not already include the key (by its
 * private path, or by its `.pub`, which ssh also accepts), one `IdentityFile` edit and, unless
 * it is already on, `IdentitiesOnly yes`. Each alias appears once, in the order given. The
 * IdentityFile value is the private key when it exists (else the `.pub`, for a key held by an
 * agent or a token), written with `~/` under the home directory and `%` doubled, because ssh
 * expands %-tokens in IdentityFile.
 */
export function configureEdits(
  hosts: readonly ConfigureHost[],
  key: { readonly publicPath: string; readonly privatePath: string | undefined },
  home: string,
): ConfigEdit[] {
  const same = new Set([key.publicPath, ...(key.privatePath !== undefined ? [key.privatePath] : [])]);
  const target = key.privatePath ?? key.publicPath;
  const value = (target.startsWith(`${home}/`) ? `~/${target.slice(home.length + 1)}` : target).replace(
    /%/g,
    '%%',
  );
  const edits: ConfigEdit[] = [];
  const seen = new Set<string>();
  for (const h of hosts) {
    if (seen.has(h.alias)) continue;
    seen.add(h.alias);
    if (h.identityFiles.some((f) => same.has(f))) continue;
    edits.push({ alias: h.alias, keyword: 'IdentityFile', value });
    if (h.identitiesOnly !== 'yes') edits.push({ alias: h.alias, keyword: 'IdentitiesOnly', value: 'yes' });
  }
  return edits;
}
