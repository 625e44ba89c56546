// Runs the test layers with node's own test runner (TypeScript through tsx).
// unit, e2e and conformance files run in parallel; lab files share one set of network
// namespaces, so they run one file at a time. Prints one closing line with the totals.
//
// The suite must leave the machine as it found it. The layers get a temporary directory of
// their own as TMPDIR (removed at the end), and one more test, "hygiene", compares before and
// after: the passwd home (where ssh and jumpctl expand `~`, whatever $HOME says), $HOME, the
// XDG directories of this environment, and the system temp directory. What changed is named,
// and counts as a failed test.
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir, userInfo } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
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

// What a run must not change: jumpctl's and ssh's places in the passwd home and in $HOME, and
// jumpctl's directories under the XDG variables this environment sets.
const systemTmp = tmpdir();
const homes = [...new Set([userInfo().homedir, process.env.HOME].filter(Boolean))];
const watched = [
  ...homes.flatMap((h) =>
    ['.ssh', '.cache/jumpctl', '.local/state/jumpctl', '.config/jumpctl'].map((d) => join(h, d)),
  ),
  ...['XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_CONFIG_HOME']
    .filter((v) => process.env[v])
    .map((v) => join(process.env[v], 'jumpctl')),
];

/** path → mtime and size, for everything under the watched directories (symlinks not followed). */
function snapshot() {
  const out = new Map();
  const walk = (p) => {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return;
    }
    out.set(p, `${st.mtimeMs} ${st.size}`);
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
  };
  for (const d of new Set(watched)) walk(d);
  return out;
}

const tmpEntries = () => new Set(readdirSync(systemTmp));
// Another run of this suite at the same time checks its own scratch directory.
const otherRun = (name) => name.startsWith('jumpctl-run-');

/**
 * The names the suite's own code gives what it makes in a temp directory: the prefix of every
 * mkdtemp and every literal /tmp/<name> in src/, test/ and bench/. This machine is shared, and
 * other programs create and remove entries in the system temp directory during a run; a new
 * entry with one of these names is the suite's, any other is only mentioned.
 */
function suiteNames() {
  const names = new Set(['jumpctl', 'jc']);
  for (const dir of ['src', 'test', 'bench'])
    for (const f of readdirSync(join(root, dir), { recursive: true }).map(String)) {
      if (!/\.(ts|mjs|js)$/.test(f)) continue;
      const text = readFileSync(join(root, dir, f), 'utf8');
      for (const m of text.matchAll(/mkdtemp(?:Sync)?\(\s*join\([^,]+,\s*['"`]([^'"`$]+)/g)) names.add(m[1]);
      for (const m of text.matchAll(/['"`]\/tmp\/([^/'"`$]+)/g)) names.add(m[1]);
    }
  return [...names];
}

const before = { files: snapshot(), tmp: tmpEntries() };
// Short and plain: copy-id's control sockets go under TMPDIR (src/ssh/install-key.ts). The lab's
// users must reach into it, as into /tmp.
const scratch = mkdtempSync(join(systemTmp, 'jumpctl-run-'));
chmodSync(scratch, 0o755);
const testTmp = join(scratch, 't');
mkdirSync(testTmp);
chmodSync(testTmp, 0o1777);
const reports = mkdtempSync(join(scratch, 'tap-'));

const totals = { pass: 0, fail: 0, skipped: 0 };
let failed = false;

function runGroup(name, files, concurrency) {
  if (files.length === 0) return;
  const tap = join(reports, `${name}.tap`);
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
  const res = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: testTmp },
  });
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

/** What the run changed, one line each. */
async function changes() {
  const lines = [];
  // tsx keeps its compile cache in TMPDIR (tsx-<uid>): the tool's, not a test's.
  for (const name of readdirSync(testTmp))
    if (!/^tsx-\d+$/.test(name)) lines.push(`left in the temp directory: ${name}`);
  const after = snapshot();
  for (const [p, v] of after) {
    if (!before.files.has(p)) lines.push(`created: ${p}`);
    else if (before.files.get(p) !== v) lines.push(`modified: ${p}`);
  }
  for (const p of before.files.keys()) if (!after.has(p)) lines.push(`removed: ${p}`);
  // What other programs leave for a moment is gone after a few seconds.
  const ours = suiteNames();
  let fresh = [];
  for (let i = 0; i < 10; i++) {
    fresh = [...tmpEntries()].filter((n) => !before.tmp.has(n) && !otherRun(n));
    if (!fresh.some((n) => ours.some((p) => n.startsWith(p)))) break;
    await sleep(500);
  }
  for (const n of fresh)
    if (ours.some((p) => n.startsWith(p))) lines.push(`new in ${systemTmp}: ${n}`);
    else console.log(`note: new in ${systemTmp} during the run, not a name the suite uses: ${n}`);
  return lines;
}

const changed = await changes();
rmSync(scratch, { recursive: true, force: true });
if (changed.length === 0) {
  totals.pass += 1;
  console.log(
    '✔ hygiene: the machine is as the run found it (passwd home, $HOME, XDG directories, temp directory)',
  );
} else {
  totals.fail += 1;
  console.log(`✖ hygiene: the run left the machine changed:\n${changed.map((l) => `  ${l}`).join('\n')}`);
}

console.log(`tests: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(failed || totals.fail > 0 ? 1 : 0);
