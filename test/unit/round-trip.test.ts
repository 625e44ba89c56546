import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfigText } from '../../src/io/config-files.js';
import { parseFile } from '../../src/core/parse-file.js';
import { joinLines } from '../../src/core/source.js';

const dir = join(import.meta.dirname, '../../fixtures/ssh-configs');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.config'));

test('there are round-trip fixtures, including the ones ssh-config mangles', () => {
  for (const name of [
    'mangled.config',
    'crlf.config',
    'bom.config',
    'latin1.config',
    'no-final-newline.config',
  ]) {
    assert.ok(fixtures.includes(name), name);
  }
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
