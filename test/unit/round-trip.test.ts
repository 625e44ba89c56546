import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigText } from '../../src/io/config-files.js';
import { parseFile } from '../../src/core/config/syntax/parse-file.js';
import { joinLines } from '../../src/core/config/syntax/source.js';
import SSHConfig from 'ssh-config';

const dir = join(import.meta.dirname, '../../fixtures/ssh-configs');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.config'));

test('the fixtures include files the ssh-config package rewrites, which jumpctl must keep', () => {
  for (const name of [
    'mangled.config',
    'crlf.config',
    'bom.config',
    'latin1.config',
    'no-final-newline.config',
  ])
    assert.ok(fixtures.includes(name), name);
  // The proof that these fixtures exercise the known losses (trailing comments and whitespace,
  // runs of spaces, mixed line ends): ssh-config's own parse + stringify changes them. That is
  // why jumpctl keeps each line's text and never re-serializes a line the user did not edit.
  const changed = fixtures.filter((name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    return SSHConfig.stringify(SSHConfig.parse(text)) !== text;
  });
  assert.ok(changed.includes('mangled.config'), `ssh-config kept every fixture: ${changed.join(', ')}`);
  assert.ok(changed.includes('mixed-eol.config'));
});

for (const name of fixtures) {
  test(`round trip is byte-identical: ${name}`, () => {
    const path = join(dir, name);
    const bytes = readFileSync(path);
    const got = readConfigText(path);
    assert.ok(got);
    const file = parseFile(path, got.text, { version: [9, 2] });
    const back = Buffer.from(joinLines(file.lines), got.encoding);
    assert.ok(back.equals(bytes), `${name} changed on re-emit`);
    assert.equal(file.parsed.length, file.lines.length);
  });
}
