/**
 * The hosts a configuration names: concrete aliases (Host patterns without wildcards or
 * negation) and, apart from them, the pattern and Match blocks.
 */
import type { Program } from './program.js';
import { hostLinePatterns } from '../syntax/parse-file.js';
import { isLiteralPattern } from '../resolve/pattern.js';
import { formatRef } from '../syntax/source.js';

export interface HostEntry {
  readonly alias: string;
  /** Where its first Host line is. */
  readonly source: string;
}

export interface PatternEntry {
  readonly pattern: string;
  readonly source: string;
}

export function listHosts(program: Program): { aliases: HostEntry[]; patterns: PatternEntry[] } {
  const aliases = new Map<string, HostEntry>();
  const patterns: PatternEntry[] = [];
  for (const file of program.files) {
    const hostLine = (line: number, hostPatterns: readonly string[]) => {
      const source = formatRef({ file: file.path, line });
      const wild = hostPatterns.filter((p) => !isLiteralPattern(p));
      for (const p of hostPatterns)
        if (isLiteralPattern(p) && !aliases.has(p)) aliases.set(p, { alias: p, source });
      if (wild.length > 0) patterns.push({ pattern: `Host ${hostPatterns.join(' ')}`, source });
    };
    for (const pl of file.outline) {
      if (pl.kind === 'range') continue;
      if (pl.kind === 'literal') {
        // Blocks the saved outline kept whole: only their Host lines are read here.
        for (let n = pl.from; n < pl.to; n++) {
          const p = hostLinePatterns(file.lineText(n));
          if (p) hostLine(n, p);
        }
        continue;
      }
      const source = formatRef({ file: file.path, line: pl.line });
      if (pl.kind === 'host') hostLine(pl.line, pl.patterns);
      else if (pl.kind === 'match') {
        const text = file.lineText(pl.line).trim() || 'Match';
        patterns.push({ pattern: text, source });
      }
    }
  }
  return { aliases: [...aliases.values()], patterns };
}
