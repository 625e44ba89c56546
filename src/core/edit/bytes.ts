/**
 * A config file as text that keeps every byte, for editing. Valid UTF-8 is decoded; each byte
 * that is not part of a valid UTF-8 sequence becomes a lone surrogate U+DC80–U+DCFF (Python's
 * "surrogateescape"). Text the user types can hold no lone surrogate, so encoding puts each
 * kept byte back as it was and writes everything typed as UTF-8: `set a HostName bücher` in a
 * Latin-1 file adds the UTF-8 bytes the user typed and leaves the file's own bytes alone.
 */

// ignoreBOM: a byte-order mark is kept as U+FEFF, not dropped.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** Length of the valid UTF-8 sequence starting at `i`, or 0 (RFC 3629: no overlongs, no surrogates). */
function sequenceAt(b: Uint8Array, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const [lo, hi] = c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

export function decodeKept(bytes: Uint8Array): string {
  let out = '';
  let run = 0; // start of the current run of valid UTF-8
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceAt(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += utf8.decode(bytes.subarray(run, i)) + String.fromCharCode(0xdc00 + (bytes[i] as number));
    run = ++i;
  }
  return out + utf8.decode(bytes.subarray(run));
}

export function encodeKept(text: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++; // a pair: an ordinary character
      continue;
    }
    if (c < 0xdc80 || c > 0xdcff) continue;
    parts.push(encoder.encode(text.slice(run, i)), Uint8Array.of(c - 0xdc00));
    run = i + 1;
  }
  parts.push(encoder.encode(text.slice(run)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
