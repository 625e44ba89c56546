// The Host and Include lines completion reads, with and without a prefix hint: a line that may
// spell a matching name otherwise (quotes, backslashes) is never skipped, Include lines never.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostsAndIncludes } from '../../src/core/config/index.js';

const TEXT = [
  'Host web1 db1\r',
  '  HostName 10.0.0.1',
  'host=web2',
  '\tHOST "we"b3 other',
  'Hostname not-a-host-line',
  'Include conf.d/*.conf',
  '  include  "extra dir/x.conf"',
  'Match host web9',
  'Host api',
  '',
].join('\n');

test('every Host pattern and Include path, in order, CRLF and = and quotes as ssh reads them', () => {
  assert.deepEqual(hostsAndIncludes(TEXT), {
    hosts: ['web1', 'db1', 'web2', 'web3', 'other', 'api'],
    includes: ['conf.d/*.conf', 'extra dir/x.conf'],
  });
});

test('with a prefix hint, lines that cannot name such a host are skipped, the rest kept', () => {
  assert.deepEqual(hostsAndIncludes(TEXT, 'web'), {
    hosts: ['web1', 'db1', 'web2', 'web3', 'other'],
    includes: ['conf.d/*.conf', 'extra dir/x.conf'],
  });
  assert.deepEqual(hostsAndIncludes(TEXT, 'zzz').hosts, ['web3', 'other']);
});
