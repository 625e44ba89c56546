/** Human renderers: pure functions from a command's result to text. */
import type { ChainHop, ChainResult } from '../commands/chain.js';
import type { ListResult } from '../commands/list.js';
import type { ShowResult } from '../commands/show.js';
import type { Theme } from './theme.js';

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].length));
}

export function renderList(r: ListResult, t: Theme): string {
  // TAGS only when some host has one, so that an untagged configuration lists as before.
  const withTags = r.hosts.some((h) => h.tags.length > 0);
  const head = ['ALIAS', 'HOSTNAME', 'USER', 'PORT', ...(withTags ? ['TAGS'] : []), 'CHAIN'];
  const rows = r.hosts.map((h) => {
    const jump = (a: string) => (h.unknownJumps.includes(a) ? `${a} (not configured)` : a);
    const chain = h.error
      ? `✗ ${h.error.message}`
      : [...(h.proxy ? [`[${h.proxy}]`] : []), ...h.chain.map(jump), h.alias].join(' → ');
    return [
      h.alias,
      h.hostname,
      h.user,
      String(h.port),
      ...(withTags ? [h.tags.join(',')] : []),
      chain + (h.dependsOnExec ? ' (Match exec)' : ''),
    ];
  });
  const widths = head.map((hd, i) => Math.max(hd.length, ...rows.map((row) => [...(row[i] ?? '')].length)));
  const fmt = (row: string[]) => row.map((c, i) => (i === row.length - 1 ? c : pad(c, widths[i] ?? 0)));
  const out = [t.dim(fmt(head).join('  '))];
  r.hosts.forEach((h, i) => {
    const cells = fmt(rows[i] ?? []);
    cells[0] = t.host(cells[0] ?? '');
    const last = cells.length - 1;
    if (h.error || h.unknownJumps.length > 0) cells[last] = t.bad(cells[last] ?? '');
    out.push(cells.join('  ').trimEnd());
  });
  if (r.hosts.length === 0 && r.selectedBy)
    out.push(t.dim(`(no host has the tags ${r.selectedBy.join(' ')}; see jumpctl list)`));
  else if (r.hosts.length === 0)
    out.push(t.dim('(no concrete host aliases; add one: jumpctl add-host <alias> --hostname <name>)'));
  if (r.patterns.length > 0) {
    out.push('', t.dim('Patterns and Match blocks:'));
    for (const p of r.patterns) out.push(`  ${p.pattern}  ${t.dim(p.source)}`);
  }
  if (r.hosts.some((h) => h.unknownJumps.length > 0)) {
    out.push(
      '',
      t.bad(
        'A jump marked "not configured" has no Host block: ssh would look its name up in DNS, and jumpctl connect refuses it.',
      ),
    );
  }
  if (r.hosts.some((h) => h.dependsOnExec)) {
    out.push(
      '',
      t.warn('Some values depend on Match exec, which list does not run; pass --match-exec to run it.'),
    );
  }
  return out.join('\n');
}

/** Configured values with their sources; ssh's defaults only with `all` (JSON always has them). */
export function renderShow(r: ShowResult, t: Theme, all = false): string {
  const out: string[] = [];
  const always = new Set(['host', 'user', 'hostname', 'port']);
  const shown = Object.entries(r.options).filter(([k]) => all || always.has(k) || r.sources[k] !== undefined);
  if (!r.matched) {
    out.push(t.warn(`No Host or Match block applies to "${r.host}"; ssh would use these values.`));
    if (r.suggestions.length > 0) out.push(t.warn(`Did you mean: ${r.suggestions.join(', ')}?`));
  }
  const width = Math.max(...shown.map(([k]) => k.length));
  for (const [k, v] of shown) {
    const values = Array.isArray(v) ? v : [v];
    const src = r.sources[k];
    const srcs = Array.isArray(src) ? src : values.map(() => src);
    values.forEach((val, i) => {
      const from = srcs[i];
      out.push(`${t.key(pad(k, width))}  ${val}${from ? `  ${t.dim(from)}` : ''}`);
    });
  }
  const hidden = Object.keys(r.options).length - shown.length;
  if (hidden > 0) out.push(t.dim(`(${hidden} more at ssh's defaults; --all shows them)`));
  for (const d of r.execDependencies)
    out.push(t.warn(`Match exec at ${d.where} was not run; it could set: ${d.keywords.join(', ')}`));
  for (const n of r.notes) out.push(t.warn(n));
  return out.join('\n');
}

function label(n: ChainHop, unknown: boolean): string {
  return `${n.alias} (${n.user}@${n.hostname}:${n.port})${unknown ? ' not configured' : ''}`;
}

export function renderChain(r: ChainResult, t: Theme, format: 'tree' | 'dot' | 'mermaid'): string {
  const nodes = [...r.hops, r.target];
  const unknown = new Set(r.unknownJumps.map((j) => j.alias));
  // The target is marked too: no block applies to it, so ssh uses its name and the defaults.
  const marked = (n: ChainHop, i: number) => (i === nodes.length - 1 ? !n.configured : unknown.has(n.alias));
  if (format === 'dot' || format === 'mermaid') {
    const ids = nodes.map((_, i) => `n${i}`);
    const lines =
      format === 'dot'
        ? ['digraph chain {', '  rankdir=LR;', '  client [shape=box];']
        : ['flowchart LR', '  client[client]'];
    nodes.forEach((n, i) => {
      const text = label(n, marked(n, i)).replace(/"/g, '\\"');
      lines.push(format === 'dot' ? `  ${ids[i]} [label="${text}"];` : `  ${ids[i]}["${text}"]`);
    });
    const chainIds = ['client', ...ids];
    for (let i = 0; i + 1 < chainIds.length; i++) {
      const edge = i === 0 && r.proxy ? `proxy: ${r.proxy}` : '';
      if (format === 'dot')
        lines.push(
          `  ${chainIds[i]} -> ${chainIds[i + 1]}${edge ? ` [label="${edge.replace(/"/g, '\\"')}"]` : ''};`,
        );
      else
        lines.push(
          `  ${chainIds[i]} -->${edge ? `|"${edge.replace(/"/g, '#quot;')}"|` : ''} ${chainIds[i + 1]}`,
        );
    }
    if (format === 'dot') lines.push('}');
    return lines.join('\n');
  }
  const out = [t.dim('client')];
  if (r.proxy) out.push(`${t.dim('└─ proxy:')} ${r.proxy}`);
  nodes.forEach((n, i) => {
    const indent = '   '.repeat(i + (r.proxy ? 1 : 0));
    const name = i === nodes.length - 1 ? t.host(n.alias) : n.alias;
    const mark = marked(n, i) ? `  ${t.bad('✗ not configured')}` : '';
    out.push(`${indent}└─ ${name} ${t.dim(`${n.user}@${n.hostname}:${n.port}`)}${mark}`);
  });
  for (const j of r.unknownJumps) {
    const close = j.suggestions.length > 0 ? ` Did you mean ${j.suggestions.join(', ')}?` : '';
    const where = j.source
      ? ` (${j.via === 'proxycommand' ? 'ProxyCommand' : 'ProxyJump'} at ${j.source})`
      : '';
    // The ssh a ProxyCommand starts has its own -F, or none: it does not read jumpctl's -F file.
    const reads =
      j.via === 'proxycommand' ? ` That ssh reads ${j.config ?? 'the default config files'}.` : '';
    out.push(
      t.bad(
        `No Host block configures the jump "${j.alias}"${where}: ssh would look it up in DNS, and jumpctl connect refuses it.${reads}${close}`,
      ),
    );
  }
  if (!r.target.configured) {
    out.push(
      t.warn(
        `No Host or Match block applies to "${r.target.alias}": ssh would connect to it by that name, with defaults.`,
      ),
    );
    if (r.suggestions.length > 0) out.push(t.warn(`Did you mean: ${r.suggestions.join(', ')}?`));
  }
  for (const note of r.notes) out.push(t.warn(note));
  return out.join('\n');
}
