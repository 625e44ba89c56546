/** Reading tags from a file's text (core/config tags.ts), and --tag selection. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileTags, tagsMatch } from '../../src/core/config/index.js';

const read = (text: string) => {
  const lines = text.split('\n');
  return Object.fromEntries(fileTags(lines.length, (n) => lines[n - 1] ?? ''));
};

test('tags of a host: its own blocks only, the comment form and OpenSSH’s Tag keyword', () => {
  const text = [
    '# jumpctl-tags: before-any-host',
    'Host DB',
    '  #jumpctl-tags:   prod  db',
    '  Tag = "backup"',
    'Host db !db-old',
    '  # JUMPCTL-TAGS: eu prod',
    'Host a b',
    '  # jumpctl-tags: shared',
    'Host web-*',
    '  # jumpctl-tags: pattern',
    'Host web',
    'Match host web',
    '  # jumpctl-tags: in-a-match',
    'Host x',
    '  # jumpctl-tags:',
    '  # jumpctl-tag: typo',
  ].join('\n');
  assert.deepEqual(read(text), { db: ['prod', 'db', 'backup', 'eu'] });
});

test('--tag selectors: every one must hold; ! means must not have', () => {
  assert.equal(tagsMatch(['prod', 'db'], []), true);
  assert.equal(tagsMatch(['prod', 'db'], ['prod', 'db']), true);
  assert.equal(tagsMatch(['prod'], ['prod', 'db']), false);
  assert.equal(tagsMatch(['prod', 'staging'], ['prod', '!staging']), false);
  assert.equal(tagsMatch([], ['!staging']), true);
});
