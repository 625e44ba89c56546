/**
 * Lines that can never take effect because an earlier line already set the same option (ssh
 * keeps the first value obtained), whole Host blocks made of such lines, and hosts for which
 * both ProxyJump and ProxyCommand apply (one slot: the first wins, the other is ignored).
 *
 * Conservative on purpose: a line counts as dead only when the earlier line certainly applies
 * (top level, `Host *`, or a Host block matching the name); Match blocks are "maybe", and names
 * are only enumerated for blocks whose patterns are all literal.
 */
import {
  matchHostLine,
  isLiteralPattern,
  type Program,
  type Scope,
  type Segment,
  type Step,
  formatRef,
} from '../config/index.js';
import type { Check } from './types.js';

/** Keywords whose later lines are ignored once one line set them (combine first/first-line). */
function slotOf(step: Step): string | undefined {
  const spec = step.line.spec;
  if (spec.name === 'proxyjump' || spec.name === 'proxycommand') return 'proxy';
  if (spec.combine !== 'first' && spec.combine !== 'first-line') return undefined;
  // Special cases of readconf.c that are not plain first-wins.
  if (
    ['streamlocalbindmask', 'syslogfacility', 'rekeylimit', 'forwardagent', 'ignoreunknown'].includes(
      spec.name,
    )
  )
    return undefined;
  return spec.name;
}

/** Does this line obtain a value (and so block later ones)? `ProxyJump none` blocks only ProxyJump. */
function blocks(winner: Step, later: Step): boolean {
  if (winner.line.values.length === 0 && winner.line.spec.name !== 'proxyjump') return false;
  if (slotOf(winner) !== 'proxy') return true;
  const jumpNone = winner.line.spec.name === 'proxyjump' && /^\s*none\s*$/i.test(winner.line.args[0] ?? '');
  return !(jumpNone && later.line.spec.name === 'proxycommand');
}

function universal(scope: Scope): boolean {
  if (scope.kind === 'root') return true;
  if (scope.parent?.kind !== 'root') return false;
  if (scope.kind === 'host') return (scope.patterns ?? []).every((p) => p === '*');
  return (scope.criteria ?? []).every((c) => c.attr === 'all');
}

interface Dead {
  readonly step: Step;
  readonly winner: Step;
  readonly names: Set<string>;
}

/** Steps in program order with their segment's scope. */
function stepsOf(segments: readonly Segment[]): { step: Step; scope: Scope }[] {
  const out: { step: Step; scope: Scope }[] = [];
  for (const seg of segments) for (const step of seg.steps) out.push({ step, scope: seg.scope });
  return out;
}

export function shadowChecks(
  program: Program,
  names: readonly string[],
  systemFile: (path: string) => boolean = () => false,
): Check[] {
  const all = stepsOf(program.segments);
  const scopeOf = new Map(all.map((s) => [s.step, s.scope]));
  const dead = new Map<Step, Dead>();
  const mark = (step: Step, winner: Step, name: string) => {
    const d = dead.get(step) ?? { step, winner, names: new Set<string>() };
    d.names.add(name);
    dead.set(step, d);
  };
  // 1. Dead for every host: an earlier line at top level or in Host * set the option.
  const everywhere = new Map<string, Step>();
  for (const { step, scope } of all) {
    const slot = slotOf(step);
    if (!slot) continue;
    const w = everywhere.get(slot);
    if (w && blocks(w, step)) mark(step, w, '*');
    else if (!w && universal(scope) && (step.line.values.length > 0 || slot === 'proxy'))
      everywhere.set(slot, step);
  }
  // 2. Per concrete name (second passes match Host lines against other names: skip them).
  const conflicts = new Map<string, Conflict>();
  if (!program.wantFinalPass) for (const name of names) perName(program, name, mark, conflicts);

  // The line a ProxyJump/ProxyCommand conflict ignores is said once, by the conflict.
  const ignored = new Set([...conflicts.values()].map((c) => c.second));
  const byScope = new Map<Scope, Dead[]>();
  for (const d of dead.values()) {
    if (ignored.has(d.step)) continue;
    const scope = scopeOf.get(d.step);
    const closed = scope && literalNames(scope);
    if (!scope || !(d.names.has('*') || (closed && closed.every((n) => d.names.has(n))))) continue;
    byScope.set(scope, [...(byScope.get(scope) ?? []), d]);
  }
  const sizes = new Map<Scope, number>();
  for (const { scope } of all) sizes.set(scope, (sizes.get(scope) ?? 0) + 1);
  const checks: Check[] = [];
  const overridden = new Map<string, Dead[]>();
  for (const [scope, list] of byScope) {
    // The system file is root's, shared by every user: overriding it is what the user's own
    // file is for, not a line to move or delete.
    if (systemFile(scope.ref.file)) {
      overridden.set(scope.ref.file, [...(overridden.get(scope.ref.file) ?? []), ...list]);
      continue;
    }
    if (scope.kind === 'host' && list.length === sizes.get(scope) && list.length > 1) {
      checks.push({
        id: 'config.dead-block',
        severity: 'warning',
        message: `Host ${(scope.patterns ?? []).join(' ')} never takes effect: every option it sets is already set earlier (first at ${formatRef(list[0]?.winner.ref ?? scope.ref)})`,
        where: formatRef(scope.ref),
        fix: `Move the block above the lines that set those options first (ssh keeps the first value), or delete it`,
      });
    } else for (const d of list) checks.push(deadLine(d));
  }
  for (const c of conflicts.values()) checks.push(conflictCheck(c));
  for (const [file, list] of overridden) checks.push(overriddenCheck(file, list));
  return checks;
}

function overriddenCheck(file: string, list: readonly Dead[]): Check {
  const lines = [...list].sort((a, b) => a.step.seq - b.step.seq);
  const each = lines.map(
    (d) => `${d.step.line.keyword} (line ${d.step.ref.line}, by ${formatRef(d.winner.ref)})`,
  );
  return {
    id: 'config.system-overridden',
    severity: 'info',
    message: `your configuration overrides ${lines.length === 1 ? 'a line' : `${lines.length} lines`} of the system file ${file}: ${each.join(', ')}`,
    where: file,
    fix: null,
  };
}

interface Conflict {
  readonly first: Step;
  readonly second: Step;
  readonly names: string[];
}

function conflictCheck({ first, second, names }: Conflict): Check {
  const who = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  return {
    id: 'chain.proxy-conflict',
    severity: 'warning',
    message: `both ProxyJump and ProxyCommand apply to ${who}: ssh uses ${first.line.keyword} at ${formatRef(first.ref)} and ignores ${second.line.keyword} at ${formatRef(second.ref)}`,
    where: formatRef(second.ref),
    fix: `Keep one: delete ${formatRef(second.ref)}, or narrow the Host patterns so only one of them matches`,
  };
}

function deadLine(d: Dead): Check {
  const kw = d.step.line.keyword;
  return {
    id: 'config.dead-line',
    severity: 'warning',
    message: `${kw} at ${formatRef(d.step.ref)} never takes effect: ${d.winner.line.keyword} at ${formatRef(d.winner.ref)} applies first${d.names.has('*') ? ' to every host' : ''}`,
    where: formatRef(d.step.ref),
    fix: `Move this ${kw} line above ${formatRef(d.winner.ref)} (ssh keeps the first value it obtains), or delete it`,
  };
}

function literalNames(scope: Scope): string[] | undefined {
  if (scope.kind !== 'host' || scope.parent?.kind !== 'root') return undefined;
  const p = scope.patterns ?? [];
  return p.length > 0 && p.every(isLiteralPattern) ? [...p] : undefined;
}

function perName(
  program: Program,
  name: string,
  mark: (step: Step, winner: Step, name: string) => void,
  conflicts: Map<string, Conflict>,
): void {
  const active = new Map<Scope, boolean | 'maybe'>();
  const activity = (scope: Scope | undefined): boolean | 'maybe' => {
    if (!scope || scope.kind === 'root') return true;
    let a = active.get(scope);
    if (a === undefined) {
      const parent = activity(scope.parent);
      const own = scope.kind === 'host' ? matchHostLine(name, scope.patterns ?? []) : 'maybe';
      a = parent === false || own === false ? false : parent === true && own === true ? true : 'maybe';
      active.set(scope, a);
    }
    return a;
  };
  const winners = new Map<string, Step>();
  const maybe = new Set<string>();
  let jump: Step | undefined;
  let command: Step | undefined;
  for (const { step, scope } of stepsOf(program.segmentsFor(name))) {
    const slot = slotOf(step);
    const a = activity(scope);
    if (!slot || a === false) continue;
    if (a === 'maybe') {
      maybe.add(slot);
      continue;
    }
    if (step.line.spec.name === 'proxyjump') jump ??= step;
    if (step.line.spec.name === 'proxycommand') command ??= step;
    const w = winners.get(slot);
    if (w && blocks(w, step)) mark(step, w, name);
    else if (!w && (step.line.values.length > 0 || slot === 'proxy')) winners.set(slot, step);
  }
  if (jump && command && !maybe.has('proxy')) {
    const [first, second] = jump.seq < command.seq ? [jump, command] : [command, jump];
    if (/^\s*none\s*$/i.test(first.line.args[0] ?? '')) return;
    const key = `${formatRef(first.ref)} ${formatRef(second.ref)}`;
    const c = conflicts.get(key) ?? { first, second, names: [] };
    c.names.push(name);
    conflicts.set(key, c);
  }
}
