/** Checks on tag names and `--tag` selectors (tags themselves: core/config's tags.ts). */
import { InvalidInputError } from './errors.js';
import { hostProblem } from './validate.js';

/** A tag is a word with an alias's rules: no whitespace, shell characters, `-` first, or `*?!`. */
export function validateTag(tag: string): void {
  const p = hostProblem(tag) ?? (/[*?!]/.test(tag) ? 'it contains *, ? or !' : undefined);
  if (p) throw new InvalidInputError('tag', tag, p, 'A tag is one word such as prod or eu-west.');
}

/** `--tag prod` (must have it) or `--tag '!staging'` (must not). */
export function validateTagSelector(selector: string): void {
  validateTag(selector.startsWith('!') ? selector.slice(1) : selector);
}
