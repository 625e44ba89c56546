/**
 * The option state built while walking the config: first obtained value wins, with OpenSSH's
 * exceptions (accumulating keywords, whole-line lists, SendEnv removal, and the one slot shared
 * by ProxyJump and ProxyCommand).
 */
import { parseJump, type JumpHop } from '../chain/jump.js';
import { proxyJumpValue } from '../keywords/forward.js';
import { matchPattern } from './pattern.js';
import type { Step } from '../program/program.js';
import { ConfigError } from '../../errors.js';

/** readconf.c caps these lists at SSH_MAX_IDENTITY_FILES / SSH_MAX_CERTIFICATE_FILES. */
const MAX_FILES: Record<string, number> = {
  identityfile: 100,
  certificatefile: 100,
  localforward: Infinity,
  remoteforward: Infinity,
  dynamicforward: Infinity,
};
import type { SourceRef } from '../syntax/source.js';

export interface Slot {
  values: string[];
  /** One ref per value for accumulating keywords, else one ref. */
  refs: (SourceRef | 'command line')[];
}

export type JumpSlot =
  | { kind: 'none'; ref: SourceRef | 'command line' }
  | { kind: 'hops'; raw: string; hops: readonly JumpHop[]; ref: SourceRef | 'command line' };

export class OptionState {
  readonly slots = new Map<string, Slot>();
  proxyCommand: { value: string; ref: SourceRef | 'command line'; marker: boolean } | undefined;
  jump: JumpSlot | undefined;
  ignoreUnknownSeq = -1;
  /** Keywords with independent parts (RekeyLimit, ForwardAgent): every active line, resolved at the end. */
  readonly partLines = new Map<string, { args: readonly string[]; ref: SourceRef }[]>();
  /** LocalForward and DynamicForward share one list in ssh; -G prints from it in config order. */
  readonly localForwards: {
    kind: 'localforward' | 'dynamicforward';
    args: readonly string[];
    value: string;
  }[] = [];
  readonly remoteForwards: { args: readonly string[]; value: string }[] = [];

  get(name: string): string | undefined {
    return this.slots.get(name)?.values[0];
  }

  /** A line that parses to no values (`ConnectTimeout none`) leaves the option unset. */
  setFirst(name: string, values: readonly string[], ref: SourceRef | 'command line'): void {
    if (values.length > 0 && !this.slots.has(name))
      this.slots.set(name, { values: [...values], refs: [ref] });
  }

  /** Applies one active directive line. */
  apply(step: Step): void {
    const { spec, values, args } = step.line;
    const ref = step.ref;
    switch (spec.name) {
      case 'proxyjump':
        this.applyJump(args[0] ?? values[0] ?? '', ref);
        return;
      case 'proxycommand':
        if (this.proxyCommand === undefined)
          this.proxyCommand = { value: values[0] ?? '', ref, marker: false };
        return;
      case 'rekeylimit':
      case 'forwardagent': {
        const lines = this.partLines.get(spec.name) ?? [];
        lines.push({ args, ref });
        this.partLines.set(spec.name, lines);
        if (!this.slots.has(spec.name) && values.length > 0) this.setFirst(spec.name, values, ref);
        return;
      }
      case 'ignoreunknown':
        if (!this.slots.has(spec.name)) this.ignoreUnknownSeq = step.seq;
        this.setFirst(spec.name, values, ref);
        return;
    }
    switch (spec.combine) {
      case 'ignored':
        return;
      case 'first':
      case 'first-line':
        this.setFirst(spec.name, values, ref);
        return;
      case 'append': {
        if (spec.name === 'localforward' || spec.name === 'dynamicforward') {
          const v = values[0];
          if (v !== undefined && !this.localForwards.some((f) => f.kind === spec.name && f.value === v)) {
            this.localForwards.push({ kind: spec.name, args, value: v });
          }
        } else if (spec.name === 'remoteforward') {
          const v = values[0];
          if (v !== undefined && !this.remoteForwards.some((f) => f.value === v))
            this.remoteForwards.push({ args, value: v });
        }
        const slot = this.slots.get(spec.name) ?? { values: [], refs: [] };
        for (const v of values) {
          if (slot.values.includes(v)) continue;
          if (slot.values.length >= (MAX_FILES[spec.name] ?? Infinity)) {
            throw new ConfigError([
              {
                ...ref,
                message: `Too many ${spec.name === 'identityfile' ? 'identity' : 'certificate'} files specified (max 100)`,
              },
            ]);
          }
          slot.values.push(v);
          slot.refs.push(ref);
        }
        this.slots.set(spec.name, slot);
        return;
      }
      case 'sendenv': {
        const slot = this.slots.get(spec.name) ?? { values: [], refs: [] };
        for (const v of values) {
          if (v.startsWith('-')) {
            for (let i = slot.values.length - 1; i >= 0; i--) {
              if (matchPattern(slot.values[i] as string, v.slice(1))) {
                slot.values.splice(i, 1);
                slot.refs.splice(i, 1);
              }
            }
          } else {
            slot.values.push(v);
            slot.refs.push(ref);
          }
        }
        this.slots.set(spec.name, slot);
        return;
      }
    }
  }

  /** ProxyJump is taken only while neither it nor ProxyCommand has a value (readconf.c parse_jump). */
  applyJump(raw: string, ref: SourceRef | 'command line'): void {
    if (this.proxyCommand !== undefined || this.jump !== undefined) return;
    const parsed = parseJump(raw);
    if (parsed.kind === 'error') return;
    if (parsed.kind === 'none') {
      this.jump = { kind: 'none', ref };
      return;
    }
    this.jump = { kind: 'hops', raw: proxyJumpValue(raw), hops: parsed.hops, ref };
    this.proxyCommand = { value: 'none', ref, marker: true };
  }
}
