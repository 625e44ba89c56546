// Cases after OpenSSH's regress/unittests/match/tests.c and the reference's Host experiments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  matchHostLine,
  matchHostname,
  matchPattern,
  matchPatternList,
} from '../../src/core/config/resolve/pattern.js';

const cases: [string, string, boolean][] = [
  ['', '', true],
  ['aaa', '', false],
  ['', 'aaa', false],
  ['aaaa', 'aaa', false],
  ['aaa', 'aaaa', false],
  ['', '*', true],
  ['a', '?', true],
  ['', '?', false],
  ['lit', 'lit?', false],
  ['lit1', 'lit?', true],
  ['lit12', 'lit?', false],
  ['web01', 'web*', true],
  ['xxxx', '*x', true],
  ['abcabcabd', '*abd', true],
  ['aaaaaaaaaaaaaaaaaaaaaaab', 'a*a*a*a*a*a*b', true],
  ['FOO', 'foo', false],
];
for (const [s, p, want] of cases)
  test(`match_pattern(${JSON.stringify(s)}, ${JSON.stringify(p)})`, () =>
    assert.equal(matchPattern(s, p), want));

test('pattern lists: negation vetoes, positive needed', () => {
  assert.equal(matchPatternList('a', 'a,b', false), 1);
  assert.equal(matchPatternList('c', 'a,b', false), 0);
  assert.equal(matchPatternList('bad.x', '*.x,!bad.x', false), -1);
  assert.equal(matchHostname('WEB.Example.COM', '*.example.com'), 1);
});

test('Host lines: each argument one pattern, commas literal, negation vetoes', () => {
  assert.equal(matchHostLine('web01', ['web*', '!web*.internal']), true);
  assert.equal(matchHostLine('web01.internal', ['web*', '!web*.internal']), false);
  assert.equal(matchHostLine('bastion', ['!bastion']), false);
  assert.equal(matchHostLine('other', ['!bastion']), false);
  assert.equal(matchHostLine('a', ['a,b']), false);
  assert.equal(matchHostLine('Foo', ['FOO', 'foo']), false);
});
