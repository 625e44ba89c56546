// Runs the test layers with node's own test runner (TypeScript through tsx).
// unit, e2e and conformance files run in parallel; lab files share one set of network
// namespaces, so they run one file at a time. Prints one closing line with the totals.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const layers = wanted.length > 0 ? wanted : ['unit', 'e2e', 'conformance', 'lab'];

function filesOf(layer) {
  const dir = join(root, 'test', layer);
  let names = [];
  try {
    names = readdirSync(dir, { recursive: true });
  } catch {
    return [];
  }
  return names
    .map(String)
    .filter((n) => n.endsWith('.test.ts'))
    .sort()
    .map((n) => join('test', layer, n));
}

const scratch = mkdtempSync(join(tmpdir(), 'jumpctl-test-'));
const totals = { pass: 0, fail: 0, skipped: 0 };
let failed = false;

function runGroup(name, files, concurrency) {
  if (files.length === 0) return;
  const tap = join(scratch, `${name}.tap`);
  const args = [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ];
  const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) failed = true;
  const text = readFileSync(tap, 'utf8');
  for (const key of Object.keys(totals)) {
    const m = text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'));
    if (m) totals[key] += Number(m[1]);
  }
}

const parallel = layers.filter((l) => l !== 'lab').flatMap(filesOf);
runGroup('main', parallel, 2);
if (layers.includes('lab')) runGroup('lab', filesOf('lab'), 1);
rmSync(scratch, { recursive: true, force: true });

console.log(`tests: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(failed || totals.fail > 0 ? 1 : 0);
