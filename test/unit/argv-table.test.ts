/**
 * The argv table: for every command and option, argv → the options commander parsed → what the
 * command function receives. The command modules are replaced by recorders (a module resolve
 * hook sends every import of src/commands/ from src/cli/ to one fake module), so nothing runs.
 * This is the test that would have caught `show --all` being advertised but not an option.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';
import type { Command } from 'commander';

// Every name the registrations import from src/commands/, each a recorder with a result shaped
// enough for the registration to finish (it renders nothing: emit below only records).
const RESULTS: Record<string, unknown> = {
  list: {},
  show: {},
  chain: {},
  connect: { dryRun: true, command: '' },
  auditWarning: '',
  copyId: { exitCode: 0 },
  doctor: { ok: true },
  doctorTagged: { ok: true, selectedBy: [], hosts: {} },
  addHost: {},
  setValue: {},
  unsetValue: {},
  setTagged: {},
  unsetTagged: {},
  rm: {},
  rename: {},
  tag: {},
  untag: {},
  undo: {},
  backups: {},
  script: { script: '' },
  candidates: [],
  sshToolCandidates: [],
};
const fake = Object.entries(RESULTS)
  .map(
    ([name, result]) =>
      `export const ${name} = (...args) => { globalThis.__argvCalls.push([${JSON.stringify(name)}, args]); return ${JSON.stringify(result)}; };`,
  )
  .join('\n');
const hooks = `
const FAKE = ${JSON.stringify(`data:text/javascript,${encodeURIComponent(fake)}`)};
// .js as written, or .ts when another loader (tsx on Node 24) has rewritten it first.
export async function resolve(specifier, context, next) {
  if (/\\/commands\\/.+\\.[jt]s$/.test(specifier) && /\\/src\\/cli\\//.test(context.parentURL ?? ''))
    return { url: FAKE, shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

const calls: [string, unknown[]][] = [];
(globalThis as { __argvCalls?: unknown }).__argvCalls = calls;
// What a script sees: no terminal, so no prompts and no progress lines.
process.env.CI = '1';
const { buildProgram } = await import('../../src/cli/program.js');

/** Functions (prompts, progress callbacks) are shown as '<fn>', or left out of an options object. */
function plain(v: unknown): unknown {
  if (typeof v === 'function') return '<fn>';
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => typeof x !== 'function')
        .map(([k, x]) => [k, plain(x)]),
    );
  return v;
}

interface Parsed {
  /** The command whose action ran, and its own options as commander parsed them. */
  command: string;
  options: Record<string, unknown>;
  /** The command function called, with its arguments. */
  call: [string, unknown[]] | undefined;
}

async function parse(argv: string[]): Promise<Parsed> {
  calls.length = 0;
  const program: Command = buildProgram('0.0.0', async () => undefined, argv);
  let command = '';
  let options: Record<string, unknown> = {};
  program.hook('preAction', (_p, cmd) => {
    command = cmd.name();
    options = { ...cmd.opts() };
  });
  await program.parseAsync(argv, { from: 'user' });
  const call = calls[0];
  return { command, options, call: call ? [call[0], plain(call[1]) as unknown[]] : undefined };
}

const G = { color: true };
const EDIT = { ...G, interactive: false };

// argv → commander's options for the command → the call its function receives. --json is the
// program's option wherever it is written before `--` (commander reads the program's options
// anywhere), so a command sees it through the globals, not among its own options.
const TABLE: [string[], Record<string, unknown>, [string, unknown[]]][] = [
  [['list'], {}, ['list', [{ ...G, matchExec: false }]]],
  [
    ['list', '--match-exec', '--json'],
    { matchExec: true },
    ['list', [{ ...G, json: true, matchExec: true }]],
  ],
  [['-F', 'my.cfg', 'list'], {}, ['list', [{ ...G, config: 'my.cfg', matchExec: false }]]],
  [
    ['list', '--tag', 'prod', '--tag', '!db'],
    { tag: ['prod', '!db'] },
    ['list', [{ ...G, matchExec: false, tag: ['prod', '!db'] }]],
  ],
  [['--json', '--no-color', 'list'], {}, ['list', [{ color: false, json: true, matchExec: false }]]],
  [['show', 'db'], {}, ['show', ['db', G]]],
  [['show', 'db', '--all'], { all: true }, ['show', ['db', { ...G, all: true }]]],
  [['show', '--json', 'deploy@db'], {}, ['show', ['deploy@db', { ...G, json: true }]]],
  [['chain', 'db'], { format: 'tree' }, ['chain', ['db', { ...G, format: 'tree' }]]],
  [['chain', 'db', '--format', 'dot'], { format: 'dot' }, ['chain', ['db', { ...G, format: 'dot' }]]],
  [
    ['chain', 'db', '--format=mermaid', '--json'],
    { format: 'mermaid' },
    ['chain', ['db', { ...G, format: 'mermaid', json: true }]],
  ],
  [['connect', 'db'], { audit: true }, ['connect', ['db', [], { ...G, audit: true, interactive: false }]]],
  [['connect'], { audit: true }, ['connect', [undefined, [], { ...G, audit: true, interactive: false }]]],
  [
    // After `--` everything is ssh's, --json included: jumpctl's output stays human.
    ['connect', 'db', '--', '-p', '2222', 'ls', '--json'],
    { audit: true },
    ['connect', ['db', ['-p', '2222', 'ls', '--json'], { ...G, audit: true, interactive: false }]],
  ],
  [
    ['connect', '--via', 'a,b', 'db', 'uptime'],
    { via: 'a,b', audit: true },
    ['connect', ['db', ['uptime'], { ...G, via: 'a,b', audit: true, interactive: false }]],
  ],
  [
    ['connect', 'db', '--dry-run', '--no-audit', '--force', '--json'],
    { dryRun: true, audit: false, force: true },
    [
      'connect',
      ['db', [], { ...G, dryRun: true, audit: false, force: true, json: true, interactive: false }],
    ],
  ],
  [
    [
      'add-host',
      'web',
      '--hostname',
      'web.internal',
      '--user',
      'deploy',
      '--port',
      '2222',
      '--via',
      'a,b',
      '--identity',
      '~/.ssh/id',
      '--control-master',
      '--proxy-command',
      '--file',
      '~/.ssh/conf.d/web',
      '--pattern',
    ],
    {
      hostname: 'web.internal',
      user: 'deploy',
      port: '2222',
      via: 'a,b',
      identity: '~/.ssh/id',
      controlMaster: true,
      proxyCommand: true,
      file: '~/.ssh/conf.d/web',
      pattern: true,
    },
    [
      'addHost',
      [
        'web',
        {
          ...EDIT,
          hostname: 'web.internal',
          user: 'deploy',
          port: '2222',
          via: 'a,b',
          identity: '~/.ssh/id',
          controlMaster: true,
          proxyCommand: true,
          file: '~/.ssh/conf.d/web',
          pattern: true,
        },
        '<fn>',
        '<fn>',
      ],
    ],
  ],
  [
    ['add-host', 'web', '--dry-run', '-y', '--force', '--json'],
    { dryRun: true, yes: true, force: true },
    [
      'addHost',
      ['web', { ...G, dryRun: true, yes: true, force: true, json: true, interactive: false }, '<fn>', '<fn>'],
    ],
  ],
  [['set', 'db', 'Port', '2222'], {}, ['setValue', ['db', 'Port', ['2222'], EDIT, '<fn>']]],
  [
    ['set', 'db', 'LocalForward', '5432', 'localhost:5432', '--yes', '--dry-run'],
    { yes: true, dryRun: true },
    [
      'setValue',
      ['db', 'LocalForward', ['5432', 'localhost:5432'], { ...EDIT, yes: true, dryRun: true }, '<fn>'],
    ],
  ],
  [
    ['unset', 'db', 'Port', '--force', '--json'],
    { force: true },
    ['unsetValue', ['db', 'Port', { ...G, force: true, json: true, interactive: false }, '<fn>']],
  ],
  [
    ['set', '--tag', 'prod', '--tag', '!db', 'ServerAliveInterval', '30'],
    { tag: ['prod', '!db'] },
    [
      'setTagged',
      [['prod', '!db'], 'ServerAliveInterval', ['30'], { ...EDIT, tag: ['prod', '!db'] }, '<fn>'],
    ],
  ],
  [
    ['unset', '--tag', 'prod', 'ForwardAgent'],
    { tag: ['prod'] },
    ['unsetTagged', [['prod'], 'ForwardAgent', { ...EDIT, tag: ['prod'] }, '<fn>']],
  ],
  [['rm', 'db', '-y'], { yes: true }, ['rm', ['db', { ...EDIT, yes: true }, '<fn>']]],
  [
    ['rename', 'db', 'db1', '--dry-run'],
    { dryRun: true },
    ['rename', ['db', 'db1', { ...EDIT, dryRun: true }, '<fn>']],
  ],
  [
    ['tag', 'db', 'prod', 'eu', '-y'],
    { yes: true },
    ['tag', ['db', ['prod', 'eu'], { ...EDIT, yes: true }, '<fn>']],
  ],
  [
    ['untag', 'db', 'prod', '--dry-run', '--force', '--json'],
    { dryRun: true, force: true },
    ['untag', ['db', ['prod'], { ...G, dryRun: true, force: true, json: true, interactive: false }, '<fn>']],
  ],
  [['undo'], {}, ['undo', [G]]],
  [
    ['undo', '--dry-run', '--force', '--json'],
    { dryRun: true, force: true },
    ['undo', [{ ...G, dryRun: true, force: true, json: true }]],
  ],
  [['backups', '--json'], {}, ['backups', [{ ...G, json: true }]]],
  [['copy-id', 'db'], {}, ['copyId', ['db', G]]],
  [
    ['copy-id', 'db', '-i', 'k.pub', '--hops', 'inner,db', '--dry-run', '--configure', '--force', '--json'],
    { identity: 'k.pub', hops: 'inner,db', dryRun: true, configure: true, force: true },
    [
      'copyId',
      [
        'db',
        { ...G, identity: 'k.pub', hops: 'inner,db', dryRun: true, configure: true, force: true, json: true },
      ],
    ],
  ],
  [['doctor'], {}, ['doctor', [undefined, G]]],
  [
    ['doctor', 'db', '--offline', '--timeout', '5', '--json'],
    { offline: true, timeout: '5' },
    ['doctor', ['db', { ...G, offline: true, timeout: '5', json: true }]],
  ],
  [['doctor', '--match-exec'], { matchExec: true }, ['doctor', [undefined, { ...G, matchExec: true }]]],
  [
    ['doctor', '--tag', 'prod', '--tag', '!db', '--offline'],
    { tag: ['prod', '!db'], offline: true },
    ['doctorTagged', [['prod', '!db'], { ...G, tag: ['prod', '!db'], offline: true }]],
  ],
  [
    ['set', 'db', 'Port', '22', '--force', '--json'],
    { force: true },
    ['setValue', ['db', 'Port', ['22'], { ...EDIT, force: true, json: true }, '<fn>']],
  ],
  [
    ['unset', 'db', 'Port', '--dry-run', '-y'],
    { dryRun: true, yes: true },
    ['unsetValue', ['db', 'Port', { ...EDIT, dryRun: true, yes: true }, '<fn>']],
  ],
  [
    ['rm', 'db', '--dry-run', '--force', '--json'],
    { dryRun: true, force: true },
    ['rm', ['db', { ...EDIT, dryRun: true, force: true, json: true }, '<fn>']],
  ],
  [
    ['rename', 'db', 'db1', '--yes', '--force', '--json'],
    { yes: true, force: true },
    ['rename', ['db', 'db1', { ...EDIT, yes: true, force: true, json: true }, '<fn>']],
  ],
  [
    ['copy-id', 'db', '--configure', '-y'],
    { configure: true, yes: true },
    ['copyId', ['db', { ...G, configure: true, yes: true }]],
  ],
  [['completion', 'fish', '--json'], {}, ['script', ['fish', false]]],
  [
    ['tag', 'db', 'prod', '--dry-run', '--force', '--json'],
    { dryRun: true, force: true },
    ['tag', ['db', ['prod'], { ...EDIT, dryRun: true, force: true, json: true }, '<fn>']],
  ],
  [['untag', 'db', 'prod', '-y'], { yes: true }, ['untag', ['db', ['prod'], { ...EDIT, yes: true }, '<fn>']]],
  [['completion', 'bash'], {}, ['script', ['bash', false]]],
  [['completion', 'zsh', '--ssh'], { ssh: true }, ['script', ['zsh', true]]],
];

for (const [argv, options, call] of TABLE) {
  test(`jumpctl ${argv.join(' ')}`, async () => {
    const got = await parse(argv);
    assert.deepEqual(got.options, options, 'the options commander parsed');
    assert.deepEqual(got.call, call, 'what the command function received');
  });
}

test('every command is in the table, and every option of every command', async () => {
  const program: Command = buildProgram('0.0.0', async () => undefined, []);
  for (const cmd of program.commands) {
    if (cmd.name() === '__complete') continue;
    const rows = TABLE.filter(([argv]) => argv.includes(cmd.name()));
    assert.ok(rows.length > 0, `${cmd.name()} has a row`);
    const words = rows.flatMap(([argv]) => argv);
    for (const o of cmd.options) {
      const flags = [o.long, o.short].filter(Boolean) as string[];
      assert.ok(
        flags.some((f) => words.some((a) => a === f || a.startsWith(`${f}=`))),
        `${cmd.name()} ${o.flags} has a row`,
      );
    }
  }
});

test('usage errors stop before any command runs, with commander’s code', async () => {
  const cases: [string[], string][] = [
    [['show'], 'commander.missingArgument'],
    [['show', 'db', '--al'], 'commander.unknownOption'],
    [['chain', 'db', '--format', 'png'], 'commander.invalidArgument'],
    [['connect', 'db', '-p', '2222'], 'commander.unknownOption'],
    [['shwo', 'db'], 'commander.unknownCommand'],
    [['rename', 'a'], 'commander.missingArgument'],
  ];
  for (const [argv, code] of cases) {
    await assert.rejects(parse(argv), (e: { code?: string }) => e.code === code, argv.join(' '));
    assert.deepEqual(calls, [], `${argv.join(' ')} ran nothing`);
  }
});

test('every example in the help parses and calls its command', async () => {
  const program: Command = buildProgram('0.0.0', async () => undefined, []);
  for (const cmd of program.commands) {
    if (cmd.name() === '__complete') continue;
    let help = '';
    cmd.configureOutput({ writeOut: (s) => (help += s) });
    cmd.outputHelp();
    const examples = [...help.matchAll(/^\s+\$ (.*)$/gm)].map((m) => m[1] as string);
    assert.ok(examples.length >= 2, `${cmd.name()} --help shows at least two examples`);
    for (const line of examples) {
      // The jumpctl command alone (also inside "$(…)"): no comment, pipe, redirection or quotes.
      const [, args = ''] = /(?:^|\$\()jumpctl ([^)#|>"]*)/.exec(line) ?? [];
      const words = args.trim().split(/\s+/);
      const got = await parse(words.map((w) => w.replace(/^'(.*)'$/, '$1')));
      assert.ok(got.call, `the example "jumpctl ${line}" calls its command`);
    }
  }
});
