/** The one place errors become text: a red line and a hint, or a JSON object under --json. */
import type { JumpctlError } from '../core/errors.js';
import type { Theme } from './theme.js';

export function errorJson(e: JumpctlError): string {
  return JSON.stringify({ error: e.toJSON() }, null, 2);
}

export function errorText(e: JumpctlError, t: Theme): string {
  const lines = [t.bad(`✗ ${e.message}`)];
  const problems = e.data.problems;
  if (Array.isArray(problems) && problems.length > 1) {
    for (const p of problems.slice(1, 10) as { where: string; message: string }[])
      lines.push(t.bad(`  ${p.where}: ${p.message}`));
  }
  if (e.hint) lines.push(t.dim(`  ${e.hint}`));
  return lines.join('\n');
}
