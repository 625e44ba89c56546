import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chains, program, ctx, HOME } from '../helpers/mem-config.js';
import { resolveHost } from '../../src/core/config/resolve/resolve.js';
import { ConfigError } from '../../src/core/errors.js';

const r = (files: Record<string, string>, host: string) => chains(files).resolve(host);

test('first obtained value wins across blocks', () => {
  const res = r(
    {
      '/cfg':
        'Host foo\n User alice\n Port 2222\nHost *\n User bob\n Port 22\n Compression yes\nHost foo\n User carol\n',
    },
    'foo',
  );
  assert.equal(res.user, 'alice');
  assert.equal(res.port, 2222);
  assert.equal(res.options.compression, 'yes');
  assert.equal(res.sources.user, '/cfg:2');
});

test('HostName %h is expanded and lower-cased; addresses are kept', () => {
  assert.equal(
    r({ '/cfg': 'Host *\n HostName %h.Internal.Example\n' }, 'web1').hostname,
    'web1.internal.example',
  );
  assert.equal(r({ '/cfg': 'Host x\n HostName 2001:DB8::1\n' }, 'x').hostname, '2001:DB8::1');
  assert.equal(r({ '/cfg': '' }, 'FOO').hostname, 'foo');
});

test('a host that matches no block still resolves, with defaults', () => {
  const res = r({ '/cfg': 'Host other\n User x\n' }, 'nothing');
  assert.equal(res.matched, false);
  assert.equal(res.user, 'u');
  assert.equal(res.port, 22);
  assert.deepEqual(res.options.identityfile?.slice(0, 1), ['~/.ssh/id_rsa']);
});

test('IdentityFile accumulates with duplicates dropped, and replaces the defaults', () => {
  const res = r(
    {
      '/cfg':
        'Host a\n IdentityFile ~/.ssh/id_a\n IdentityFile ~/.ssh/common\nHost *\n IdentityFile ~/.ssh/common\n IdentityFile ~/.ssh/id_b\n',
    },
    'a',
  );
  assert.deepEqual(res.options.identityfile, ['~/.ssh/id_a', '~/.ssh/common', '~/.ssh/id_b']);
  assert.deepEqual(res.sources.identityfile, ['/cfg:2', '/cfg:3', '/cfg:6']);
});

test('ProxyJump and ProxyCommand share one first-wins slot', () => {
  assert.equal(r({ '/cfg': 'Host a\n ProxyJump j\n ProxyCommand nc %h %p\n' }, 'a').options.proxyjump, 'j');
  const pc = r({ '/cfg': 'Host a\n ProxyCommand nc %h %p\n ProxyJump j\n' }, 'a').options;
  assert.equal(pc.proxycommand, 'nc %h %p');
  assert.equal(pc.proxyjump, undefined);
  const none = r({ '/cfg': 'Host a\n ProxyCommand none\n ProxyJump j\n' }, 'a').options;
  assert.equal(none.proxycommand, undefined);
  assert.equal(none.proxyjump, undefined);
  const pjNone = r(
    { '/cfg': 'Host a\n ProxyJump none\n ProxyJump j\n ProxyCommand nc %h %p\n' },
    'a',
  ).options;
  assert.equal(pjNone.proxyjump, undefined);
  assert.equal(pjNone.proxycommand, 'nc %h %p');
});

test('Match user sees the User obtained so far; Match host sees HostName so far', () => {
  const files = {
    '/cfg':
      'Host a\n HostName Real.Example.COM\nMatch host real.example.com\n User matched\nMatch user matched\n Port 1001\n',
  };
  const res = r(files, 'a');
  assert.equal(res.user, 'matched');
  assert.equal(res.port, 1001);
});

test('Match final re-reads the files with Host matched against the final name', () => {
  const files = {
    '/cfg': 'Host tahoe\n HostName tahoe.com\nHost *.com\n User from-com\nMatch final\n Port 2020\n',
  };
  const res = r(files, 'tahoe');
  assert.equal(res.user, 'from-com');
  assert.equal(res.port, 2020);
  assert.equal(
    r({ '/cfg': 'Host tahoe\n HostName tahoe.com\nHost *.com\n User from-com\n' }, 'tahoe').user,
    'u',
  );
});

test('Match exec runs only when allowed, and says which values depend on it', () => {
  const files = { '/cfg': 'Match exec "test %h = a"\n User viaexec\n' };
  const unknown = r(files, 'a');
  assert.equal(unknown.user, 'u');
  assert.deepEqual(
    unknown.execDependencies.map((d) => d.keywords),
    [['user']],
  );
  const ran: string[] = [];
  const res = chains(files, { exec: (c) => (ran.push(c), true) }).resolve('a');
  assert.equal(res.user, 'viaexec');
  assert.deepEqual(ran, ['test a = a']);
});

test('Include: relative paths under ~/.ssh, sorted globs, conditional inside Host, no leaking', () => {
  const files = {
    '/cfg': 'Host x\n Include conf.d/*\nHost *\n Port 2000\n',
    [`${HOME}/.ssh/conf.d/b`]: 'User from-b\nHost y\n Port 3000\n',
    [`${HOME}/.ssh/conf.d/a`]: 'User from-a\n',
  };
  const x = r(files, 'x');
  assert.equal(x.user, 'from-a');
  assert.equal(x.port, 2000);
  assert.equal(r(files, 'y').port, 2000);
  assert.equal(r(files, 'z').user, 'u');
});

test('Include depth is bounded like ssh (16)', () => {
  const files: Record<string, string> = { '/cfg': 'Include /f0\n' };
  for (let i = 0; i < 20; i++) files[`/f${i}`] = `Include /f${i + 1}\n`;
  assert.throws(() => resolveHost(program(files), 'a', ctx()), /Too many recursive/);
  const self = { '/cfg': 'Include /cfg\n' };
  assert.throws(() => resolveHost(program(self), 'a', ctx()), /Too many recursive/);
});

test('bad lines anywhere are fatal with file:line; unknown keywords unless IgnoreUnknown came first', () => {
  const err = (files: Record<string, string>) => {
    try {
      resolveHost(program(files), 'a', ctx());
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      return e.message;
    }
    return 'no error';
  };
  assert.match(err({ '/cfg': 'Host nomatch\n Port 0\n' }), /^\/cfg:2: /);
  assert.match(err({ '/cfg': 'Host a\n Bogus yes\n' }), /\/cfg:2: Bad configuration option: bogus/);
  assert.equal(err({ '/cfg': 'IgnoreUnknown bogus\nHost a\n Bogus yes\n' }), 'no error');
  assert.match(err({ '/cfg': 'Host a\n Bogus yes\nIgnoreUnknown bogus\n' }), /bogus/);
  assert.match(err({ '/cfg': 'Host a\n HostName\n' }), /no argument after keyword "hostname"/);
  assert.match(err({ '/cfg': '\ufeffHost a\n' }), /\/cfg:1: /);
  assert.match(err({ '/cfg': 'Include /inc\n', '/inc': 'Host a\n' } as Record<string, string>), /no error|/);
});

test('group-writable included file is refused, naming the Include line', () => {
  const p = program({ '/cfg': 'Include /inc\n', '/inc': 'User x\n' }, '/cfg', ['/inc']);
  assert.throws(() => resolveHost(p, 'a', ctx()), /\/cfg:1: Bad owner or permissions on \/inc/);
});
