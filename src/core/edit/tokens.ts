/**
 * Positions of the words on a line, so that one word can be replaced or removed while every
 * other byte of the line (spacing, quotes, a trailing comment) stays as the user wrote it.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
  /** The word with its quotes removed. */
  readonly value: string;
}

/** Words after the keyword (and its `=`), up to a `#` that starts a word. */
export function valueSpans(text: string): { keywordEnd: number; spans: Span[] } {
  let i = 0;
  while (i < text.length && /[ \t]/.test(text[i] as string)) i++;
  while (i < text.length && !/[ \t=]/.test(text[i] as string)) i++;
  const keywordEnd = i;
  while (i < text.length && /[ \t]/.test(text[i] as string)) i++;
  if (text[i] === '=') i++;
  const spans: Span[] = [];
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') break;
    const start = i;
    let quote = '';
    let value = '';
    for (; i < text.length; i++) {
      const ch = text[i] as string;
      if (ch === '\\' && i + 1 < text.length && /['"\\ ]/.test(text[i + 1] as string)) {
        value += text[++i];
      } else if (quote === '' && (ch === ' ' || ch === '\t')) break;
      else if (quote === '' && (ch === '"' || ch === "'")) quote = ch;
      else if (quote !== '' && ch === quote) quote = '';
      else value += ch;
    }
    spans.push({ start, end: i, value });
  }
  return { keywordEnd, spans };
}

/** The line without one word and the blank run that separated it from its neighbour. */
export function removeWord(text: string, span: Span, spans: readonly Span[]): string {
  const k = spans.indexOf(span);
  const prev = spans[k - 1];
  const next = spans[k + 1];
  if (prev) return text.slice(0, prev.end) + text.slice(span.end);
  if (next) return text.slice(0, span.start) + text.slice(next.start);
  return text.slice(0, span.start) + text.slice(span.end);
}

export function replaceWord(text: string, span: Span, word: string): string {
  return text.slice(0, span.start) + word + text.slice(span.end);
}
