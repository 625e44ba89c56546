import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chains } from '../helpers/mem-config.js';
import { ChainCycleError } from '../../src/core/errors.js';

const hops = (files: Record<string, string>, host: string) =>
  chains(files)
    .chain(host)
    .hops.map((h) => `${h.alias}=${h.user}@${h.hostname}:${h.port}`);

const three = [
  'Host target\n HostName 10.0.0.5\n ProxyJump jump2\n',
  'Host jump2\n HostName j2.example\n Port 2222\n ProxyJump jump1\n',
  'Host jump1\n HostName j1.example\n User ops\n',
].join('');

test('each hop follows its own ProxyJump, recursively', () => {
  assert.deepEqual(hops({ '/cfg': three }, 'target'), ['jump1=ops@j1.example:22', 'jump2=u@j2.example:2222']);
});

test('ProxyJump a,b reaches b with -J a, so b’s own ProxyJump is overridden', () => {
  const cfg = 'Host t\n ProxyJump a,b\nHost b\n ProxyJump c\nHost a\n ProxyJump z\n';
  assert.deepEqual(hops({ '/cfg': cfg }, 't'), ['z=u@z:22', 'a=u@a:22', 'b=u@b:22']);
});

test('user@host:port in a hop overrides that hop’s User and Port', () => {
  const cfg = 'Host t\n ProxyJump ops@j:2200\nHost j\n User other\n Port 22\n HostName jump.example\n';
  assert.deepEqual(hops({ '/cfg': cfg }, 't'), ['j=ops@jump.example:2200']);
});

test('ProxyCommand ssh -W %h:%p is a hop; other commands are an opaque proxy', () => {
  const cfg =
    'Host t\n ProxyCommand ssh -q -l ops -W [%h]:%p bastion\nHost o\n ProxyCommand nc -X connect %h %p\n';
  assert.deepEqual(hops({ '/cfg': cfg }, 't'), ['bastion=ops@bastion:22']);
  const o = chains({ '/cfg': cfg }).chain('o');
  assert.deepEqual(o.hops, []);
  assert.equal(o.proxy, 'nc -X connect %h %p');
});

test('an indirect loop through Host * is refused with the loop named', () => {
  const cfg = 'Host *\n ProxyJump bastion\nHost bastion\n ProxyJump none\n';
  assert.throws(
    () => chains({ '/cfg': cfg }).chain('app'),
    (e: unknown) => e instanceof ChainCycleError && e.cycle.join(' ') === 'bastion bastion',
  );
});

test('a two-host loop names both', () => {
  const cfg = 'Host a\n ProxyJump b\nHost b\n ProxyJump a\n';
  assert.throws(
    () => chains({ '/cfg': cfg }).chain('a'),
    (e: unknown) => e instanceof ChainCycleError && e.cycle.join(' ') === 'a b a',
  );
});

test('the usual fix, ProxyJump none before Host *, breaks the loop', () => {
  const cfg = 'Host bastion\n ProxyJump none\nHost *\n ProxyJump bastion\n';
  assert.deepEqual(hops({ '/cfg': cfg }, 'app'), ['bastion=u@bastion:22']);
});
