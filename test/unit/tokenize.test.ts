// Cases ported from OpenSSH's regress/unittests/misc/test_argv.c and test_strdelim.c.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argvSplit, lexLine, strdelim, stripTrailing } from '../../src/core/config/syntax/tokenize.js';

const argv: [string, string[] | null][] = [
  ['', []],
  ['   ', []],
  ['leamas', ['leamas']],
  ['leamas smiley', ['leamas', 'smiley']],
  ['  leamas   smiley  ', ['leamas', 'smiley']],
  ['"leamas smiley"', ['leamas smiley']],
  ['leamas"smiley control"', ['leamassmiley control']],
  ["'single quoted'", ['single quoted']],
  ['"leamas', null],
  ['leamas\\ smiley', ['leamas smiley']],
  ['leamas\\"smiley', ['leamas"smiley']],
  ["leamas\\'smiley", ["leamas'smiley"]],
  ['leamas\\\\smiley', ['leamas\\smiley']],
  ['leamas\\xsmiley', ['leamas\\xsmiley']],
  ['"leamas\\ smiley"', ['leamas\\ smiley']],
  ['leamas # gold', ['leamas']],
  ['leamas#gold', ['leamas#gold']],
  ['"leamas"#gold', ['leamas#gold']],
  ['# gold', []],
  ['a\tb', ['a', 'b']],
];

for (const [input, want] of argv) {
  test(`argv_split ${JSON.stringify(input)}`, () => assert.deepEqual(argvSplit(input), want));
}

test('strdelim splits the keyword on whitespace or one =', () => {
  assert.deepEqual(strdelim('Host foo'), { token: 'Host', rest: 'foo' });
  assert.deepEqual(strdelim('Port=22'), { token: 'Port', rest: '22' });
  assert.deepEqual(strdelim('Port = 22'), { token: 'Port', rest: '22' });
  assert.deepEqual(strdelim('Port==22'), { token: 'Port', rest: '=22' });
  assert.deepEqual(strdelim('single'), { token: 'single', rest: undefined });
});

test('trailing whitespace, CR and form feed are stripped, never the first character', () => {
  assert.equal(stripTrailing('Host a \t\r\f'), 'Host a');
  assert.equal(stripTrailing(' '), ' ');
});

test('lexLine: comments, blanks, missing arguments', () => {
  assert.deepEqual(lexLine('   # c'), { kind: 'empty' });
  assert.deepEqual(lexLine(''), { kind: 'empty' });
  assert.deepEqual(lexLine('\t'), { kind: 'empty' });
  assert.deepEqual(lexLine('  User=bob # x'), { kind: 'directive', keyword: 'User', rest: 'bob # x' });
  assert.deepEqual(lexLine('HostName'), { kind: 'error', message: 'no argument after keyword "hostname"' });
  assert.deepEqual(lexLine('\ufeffHost a').kind, 'directive');
});

test('hostLinePatterns finds every spelling of a Host line ssh accepts, and nothing else', async () => {
  const { hostLinePatterns, parseLine } = await import('../../src/core/config/syntax/parse-file.js');
  const lines = [
    'Host a b',
    '  host\ta',
    'HOST=a',
    '= Host a',
    '\fHost a',
    '"Host" a',
    'Host "a b"',
    '  HostName a',
    'Hostname=a',
    '# Host a',
    '',
    'Match host a',
    'User host',
  ];
  for (const text of lines) {
    const full = parseLine(text, 1, { version: [9, 2] });
    assert.deepEqual(
      hostLinePatterns(text),
      full.kind === 'host' ? full.patterns : undefined,
      JSON.stringify(text),
    );
  }
});
