// The failure classifier against stderr captured from real ssh runs through the lab chain
// (fixtures/doctor, see cases.json) and a few verbatim samples from the failures reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFailure, provenHops, type HopRef } from '../../src/core/doctor/classify.js';
import { ROOT } from '../helpers/run-cli.js';

interface Cases {
  chains: Record<string, [string, string, number][]>;
  healthy: { file: string; chain: string; proven: number }[];
  failures: {
    file: string;
    chain: string;
    code: string;
    hop: string;
    via: string | null;
    banner?: string;
    killedAfter?: number;
  }[];
}

const dir = join(ROOT, 'fixtures', 'doctor');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Cases;
const stderrOf = (file: string) => readFileSync(join(dir, file), 'utf8');
const hopsOf = (chain: string): HopRef[] =>
  (cases.chains[chain] ?? []).map(([alias, hostname, port]) => ({ alias, hostname, port }));

for (const c of cases.healthy) {
  test(`progress markers prove every hop that authenticated: ${c.file}`, () => {
    assert.equal(provenHops(stderrOf(c.file), hopsOf(c.chain)), c.proven);
  });
}

for (const c of cases.failures) {
  test(`${c.file} → ${c.code} at ${c.hop}${c.via ? ` via ${c.via}` : ''}`, () => {
    const r = classifyFailure(stderrOf(c.file), {
      hops: hopsOf(c.chain),
      forwardOnly: c.chain !== 'chain',
      target: 'target',
      ...(c.banner !== undefined ? { banner: c.banner } : {}),
      ...(c.killedAfter !== undefined ? { killedAfter: c.killedAfter } : {}),
    });
    assert.deepEqual({ code: r.code, hop: r.hop, via: r.via }, { code: c.code, hop: c.hop, via: c.via });
    assert.ok(r.message.length > 10 && r.fix.length > 10, `${r.message} / ${r.fix}`);
  });
}

const chain = hopsOf('chain');

test('a changed host key: the fingerprint and ssh’s own removal command are in the remedy', () => {
  const r = classifyFailure(stderrOf('hostkey-changed-target.stderr'), { hops: chain });
  assert.match(r.message, /SHA256:NEi3sstAJAGNHdqiyLhPLQTsRcjgj9wMCwPgCPTJcf4/);
  assert.match(r.message, /known_hosts:3/);
  assert.match(r.fix, /ssh-keygen -f "\/lab\/home\/client\/\.ssh\/known_hosts" -R "target\.lab"/);
  assert.match(r.fix, /out of band/);
});

test('forwarding denied names the jump and the exact host:port to permit', () => {
  const r = classifyFailure(stderrOf('forwarding-jump2.stderr'), { hops: chain });
  assert.match(r.message, /^jump2 refuses to forward the connection to target \(target\.lab:22\)/);
  assert.match(r.fix, /PermitOpen target\.lab:22/);
});

test('DNS at a jump points at the HostName line of the hop the jump could not resolve', () => {
  const hops = chain.map((h) => (h.alias === 'jump2' ? { ...h, sources: { hostname: '/cfg:7' } } : h));
  const r = classifyFailure(stderrOf('dns-at-jump1.stderr'), { hops });
  assert.match(r.message, /jump1 cannot resolve jump2\.lab \(Name or service not known\)/);
  assert.match(r.fix, /set at \/cfg:7/);
});

test('authentication: the remedy authorises the hop’s configured key', () => {
  const hops = chain.map((h) =>
    h.alias === 'jump2' ? { ...h, identityFile: '/home/u/.ssh/id_ed25519' } : h,
  );
  const r = classifyFailure(stderrOf('auth-jump2.stderr'), { hops, target: 'target' });
  assert.match(r.fix, /\/home\/u\/\.ssh\/id_ed25519\.pub/);
  assert.match(r.fix, /jumpctl copy-id target --hops jump2/);
});

test('authentication where the server also takes passwords: the remedy says why the probe cannot', () => {
  const r = classifyFailure(stderrOf('auth-target-password.stderr'), { hops: chain });
  assert.match(r.message, /accepts: publickey,password,keyboard-interactive/);
  assert.match(r.fix, /password login still works interactively/);
  const keysOnly = classifyFailure(stderrOf('auth-jump2.stderr'), { hops: chain });
  assert.doesNotMatch(keysOnly.fix, /password/);
});

test('a 0644 key that another key made irrelevant is not blamed', () => {
  // The key warning appears, but the failure is the forwarding refusal that followed.
  const warning = stderrOf('key-0644.stderr')
    .split('\n')
    .filter((l) => !/Permission denied|kex_exchange|UNKNOWN port/.test(l))
    .join('\n');
  const r = classifyFailure(`${warning}\n${stderrOf('forwarding-jump2.stderr')}`, { hops: chain });
  assert.equal(r.code, 'E_FORWARDING_DENIED');
});

test('without progress markers, the kex pairs after a channel error count the hops left', () => {
  const noMarkers = (f: string) =>
    stderrOf(f)
      .split('\n')
      .filter((l) => !l.startsWith('Authenticated to'))
      .join('\n');
  const dns = classifyFailure(noMarkers('dns-at-jump1.stderr'), { hops: chain });
  assert.deepEqual([dns.hop, dns.via], ['jump2', 'jump1']);
  const fwd = classifyFailure(noMarkers('forwarding-jump2.stderr'), { hops: chain });
  assert.deepEqual([fwd.hop, fwd.via], ['target', 'jump2']);
});

test('samples from the reference: too many keys, bad option, bad permissions, ProxyCommand', () => {
  const one = [{ alias: 'box', hostname: '127.0.0.1', port: 2210 }];
  const r1 = classifyFailure(
    'Received disconnect from 127.0.0.1 port 2210:2: Too many authentication failures\nDisconnected from 127.0.0.1 port 2210\n',
    { hops: one },
  );
  assert.equal(r1.code, 'E_AUTH');
  assert.match(r1.fix, /IdentitiesOnly yes/);
  const r2 = classifyFailure(
    '/lab/client/config.typo: line 2: Bad configuration option: proxyjumpp\n/lab/client/config.typo: terminating, 1 bad configuration options\n',
    { hops: one },
  );
  assert.equal(r2.code, 'E_CONFIG');
  assert.match(r2.message, /config\.typo:2: Bad configuration option: proxyjumpp/);
  assert.equal(r2.via, null);
  const r3 = classifyFailure('Bad owner or permissions on /home/user/.ssh/config\n', { hops: chain });
  assert.equal(r3.code, 'E_CONFIG');
  assert.match(r3.fix, /chmod 600 '\/home\/user\/\.ssh\/config'/);
  const r4 = classifyFailure(
    '/bin/sh: 1: exec: nosuchcmd: not found\nkex_exchange_identification: Connection closed by remote host\nConnection closed by UNKNOWN port 65535\n',
    { hops: [{ alias: 'inner', hostname: 'inner.example', port: 22 }] },
  );
  assert.equal(r4.code, 'E_CONFIG');
  assert.match(r4.message, /nosuchcmd not found/);
});

test('nothing recognisable is E_UNKNOWN at the first unproven hop', () => {
  const r = classifyFailure(
    'Authenticated to jump1.lab ([10.241.1.2]:22) using "publickey".\nsomething odd\n',
    { hops: chain },
  );
  assert.deepEqual([r.code, r.hop, r.via, r.proven], ['E_UNKNOWN', 'jump2', 'jump1', 1]);
});
