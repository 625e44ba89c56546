/** The one suggestion function and the terminal escaping, table by table. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { didYouMean, editDistance, suggest } from '../../src/core/suggest.js';
import { vis } from '../../src/core/vis.js';

const HOSTS = ['a', 'b', 'c', 'd', 'e'];
const KEYWORDS = [
  'port',
  'protocol',
  'proxyjump',
  'hostname',
  'host',
  'hostkeyalias',
  'user',
  'identityfile',
];

const SUGGEST: [string, string[], string[]][] = [
  // rough edge 5: one-letter names are not "contained" in bastoin
  ['bastoin', HOSTS, []],
  ['bastoin', [...HOSTS, 'bastion'], ['bastion']],
  ['x', HOSTS, []],
  ['ab', ['ba'], ['ba']], // a swap of neighbours is one edit
  ['db1', ['db2', 'web', 'dc1'], ['db2', 'dc1']],
  ['bast', ['bastion', 'backup'], ['bastion']], // an abbreviation
  ['web', ['web-1', 'web-2', 'webmail', 'db'], ['web-1', 'web-2', 'webmail']],
  ['prod', ['db-prod', 'web-production-eu-west-1'], ['db-prod']], // most of it, not a sliver
  ['Prot', KEYWORDS, ['port', 'protocol']],
  ['hostnmae', KEYWORDS, ['hostname']], // not `host`, a mere prefix of the typo
  ['usr', KEYWORDS, ['user']],
  ['bogus', KEYWORDS, []],
  ['db', ['db'], []], // the name itself is no suggestion
];

for (const [typed, candidates, want] of SUGGEST)
  test(`suggest(${typed}) among ${candidates.length} names`, () => {
    assert.deepEqual(suggest(typed, candidates), want);
  });

test('editDistance: optimal string alignment', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('bastoin', 'bastion'), 1);
  assert.equal(editDistance('', 'abc'), 3);
});

test('didYouMean words one, two or three names', () => {
  assert.equal(didYouMean([]), undefined);
  assert.equal(didYouMean(['a']), 'Did you mean a?');
  assert.equal(didYouMean(['a', 'b']), 'Did you mean a or b?');
  assert.equal(didYouMean(['a', 'b', 'c']), 'Did you mean a, b or c?');
});

const VIS: [string, string, boolean, string][] = [
  ['ESC and BEL', 'a\u001b]0;t\u0007b', false, 'a\\033]0;t\\007b'],
  ['CR (rewrites the line)', 'ok\rbad', false, 'ok\\015bad'],
  ['DEL', 'x\u007f', false, 'x\\177'],
  ['a C1 control, as its UTF-8 bytes', 'x\u009by', false, 'x\\302\\233y'],
  ['line feeds and tabs stay', 'a\n\tb', false, 'a\n\tb'],
  ['text as it is', 'bücher.example → db', false, 'bücher.example → db'],
  ['no colour: SGR escaped too', '\u001b[31mred\u001b[39m', false, '\\033[31mred\\033[39m'],
  ['colour: the theme’s SGR kept', '\u001b[31mred\u001b[39m', true, '\u001b[31mred\u001b[39m'],
  ['colour: other sequences escaped', '\u001b[31m\u001b[2J\u001b[8m', true, '\u001b[31m\\033[2J\\033[8m'],
];

for (const [what, input, colors, want] of VIS)
  test(`vis: ${what}`, () => {
    assert.equal(vis(input, colors), want);
  });
