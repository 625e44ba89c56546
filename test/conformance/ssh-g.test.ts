/**
 * Conformance: for every case in fixtures/conformance/show and every host in its hosts.txt,
 * `jumpctl -F config show <host> --json` must equal the real `ssh -G -F config <host>`, key by key.
 * When ssh rejects the config (exit 255), jumpctl must exit 1 with an error naming file:line.
 * Run: node --import tsx --test test/conformance/*.test.ts
 */
import { test } from 'node:test';
import { compareShowCase } from './helpers/showcase.js';
import { listCases, materialize } from './helpers/fixtures.js';
import { sshVersion } from './helpers/sshg.js';

const cases = listCases('show');
const version = sshVersion().split(/[ ,]/)[0] ?? 'ssh';

for (const name of cases) {
  test(`ssh -G conformance: ${name} (${version})`, { concurrency: 4 }, async (t) => {
    const c = materialize('show', name);
    t.after(() => c.cleanup());
    await compareShowCase(t, c);
  });
}
