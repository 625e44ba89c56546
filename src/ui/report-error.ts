/** The one place errors become text: a red line and a hint, or a JSON object under --json. */
import type { JumpctlError } from '../core/errors.js';
import type { Theme } from './theme.js';

export function errorJson(e: JumpctlError): string {
  return JSON.stringify({ error: e.toJSON() }, null, 2);
}

/**
 * `✗ message`, then every problem of a configuration ssh would refuse, each at its `file:line`
 * (the message already names the only one), then the hint. The caller escapes control
 * characters (vis.ts) when it writes the text.
 */
export function errorText(e: JumpctlError, t: Theme): string {
  const lines = [t.bad(`✗ ${e.message}`)];
  const problems = e.data.problems;
  if (Array.isArray(problems) && problems.length > 1) {
    for (const p of problems as { where: string; message: string }[])
      lines.push(t.bad(`  ${p.where}: ${p.message}`));
  }
  if (e.hint) lines.push(t.dim(`  ${e.hint}`));
  return lines.join('\n');
}
