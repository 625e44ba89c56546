/**
 * A config file kept as text with positions. Every physical line keeps its exact bytes and its
 * own line ending, so an untouched line is re-emitted byte for byte.
 */

export interface RawLine {
  /** The line without its ending (a UTF-8 BOM on line 1 stays part of the text). */
  readonly text: string;
  /** `\n`, `\r\n`, or `` for a last line with no ending. */
  readonly eol: string;
}

export interface SourceRef {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

export function formatRef(ref: SourceRef): string {
  return `${ref.file}:${ref.line}`;
}

/**
 * Splits on `\n` only, as ssh's getline does: a lone `\r` is not a line break for ssh, and a
 * `\r` before `\n` belongs to the ending (ssh strips it as trailing whitespace).
 */
export function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ text: text.slice(start), eol: '' });
      break;
    }
    const crlf = nl > start && text[nl - 1] === '\r';
    lines.push({ text: text.slice(start, crlf ? nl - 1 : nl), eol: crlf ? '\r\n' : '\n' });
    start = nl + 1;
  }
  return lines;
}

export function joinLines(lines: readonly RawLine[]): string {
  let out = '';
  for (const l of lines) out += l.text + l.eol;
  return out;
}
