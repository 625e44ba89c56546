/**
 * Text from config files and the command line reaches the terminal only through here: control
 * characters are shown as ssh shows them (vis(3) octal, ESC as \033), so a value or a bad keyword
 * cannot move the cursor, retitle the window or write to the clipboard. JSON needs none of this:
 * JSON.stringify escapes them already.
 */

// Line feeds and tabs lay the text out; every other C0 control, DEL and the C1 controls do not.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// The SGR sequences chalk writes for the theme's styles (ui/theme.ts: bold 1/22, dim 2/22, red 31,
// green 32, yellow 33, cyan 36, default colour 39), kept when colour is on; any other is escaped.
// eslint-disable-next-line no-control-regex
const SGR = /(\u001b\[(?:1|2|22|31|32|33|36|39)m)/;

const utf8 = new TextEncoder();
const octal = (ch: string): string =>
  [...utf8.encode(ch)].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');

/** `text` with control characters made visible; with `colors`, the theme's SGR colours kept. */
export function vis(text: string, colors = false): string {
  if (!colors) return text.replace(CONTROL, octal);
  return text
    .split(SGR)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(CONTROL, octal)))
    .join('');
}
