import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, generateX25519Identity } from '../../../main/crypto/age';
import { verifyBagFolder } from '../../../main/packages/verify';
import { createVault } from '../../../main/vault/create';
import { fillVault } from '../packages/make-package';
import { makeTestTsa, type TestTsa } from '../../helpers/test-tsa';
import { hasTool } from '../../helpers/tools';
import { fastKdf, runCli, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { untarBag } from '../../unit/packages/helpers';

const hasOpenssl = hasTool('openssl');

let root: string;
let dir: string;
let tsa: TestTsa;
let tsq: string;
let requestOut: string;
let bagDir: string;
let verifyOut: { status: number | null; stdout: string };
let receiver: string;

const TS = 'data/custody/timestamps/ts-001';

function logLines(): string[] {
  return runCli(['log', dir, '--json']).stdout.split('\n').filter(Boolean);
}

/** A copy of the exported bag with `change` applied, verified; its timestamp checks. */
async function timestampChecks(change: (bag: string) => void): Promise<{ ok: boolean; detail: string }[]> {
  const copy = path.join(root, `bag-${Math.random().toString(36).slice(2)}`);
  fs.cpSync(bagDir, copy, { recursive: true });
  change(copy);
  const report = await verifyBagFolder(copy);
  return report.checks.filter((c) => c.check === 'timestamp').map(({ ok, detail }) => ({ ok, detail }));
}

beforeAll(async () => {
  if (!hasOpenssl) return;
  root = suiteTempDir('vigil-cli-ts-');
  tsa = makeTestTsa(fs.mkdtempSync(path.join(root, 'tsa-')));
  // A vault of the suite's own (newTestVault's folder goes after each test).
  dir = path.join(root, 'vault');
  const { vault } = await createVault(dir, {
    memberName: 'Test Investigator (fictional)',
    passphrase: TEST_PASSPHRASE,
    kdf: await fastKdf(),
  });
  await fillVault(vault, root);
  await vault.close();
  tsq = path.join(root, 'cp.tsq');
  const r = runCli(['checkpoint', dir, '--timestamp-request', tsq]);
  if (r.status !== 0) throw new Error(r.stderr);
  requestOut = r.stdout;
  const reply = tsa.reply(tsq);
  const attached = runCli(['checkpoint', dir, '--attach', reply, '--tsa-cert', tsa.caPem]);
  if (attached.status !== 0) throw new Error(attached.stderr);
  const key = generateX25519Identity();
  fs.writeFileSync(path.join(root, 'key.txt'), `${key.identity}\n`);
  const pkg = path.join(root, 'case.tar.age');
  const exported = runCli(['export', dir, '--case', 'TC-1', '--profile', 'full', '--to', key.recipient, '-o', pkg]);
  if (exported.status !== 0) throw new Error(exported.stderr);
  verifyOut = runCli(['verify', pkg, '--identity', path.join(root, 'key.txt')]);
  // A second vault receives a package with the timestamps too.
  receiver = path.join(root, 'receiver');
  await (
    await createVault(receiver, {
      memberName: 'Receiving Investigator (fictional)',
      passphrase: TEST_PASSPHRASE,
      kdf: await fastKdf(),
    })
  ).vault.close();
  const recipient = /age1[0-9a-z]+/.exec(runCli(['identity', receiver]).stdout)?.[0] ?? '';
  const toReceiver = runCli([
    'export',
    dir,
    '--case',
    'TC-1',
    '--profile',
    'full',
    '--to',
    recipient,
    '-o',
    path.join(root, 'to-receiver.tar.age'),
  ]);
  if (toReceiver.status !== 0) throw new Error(toReceiver.stderr);
  bagDir = untarBag(
    await ageDecrypt(fs.readFileSync(pkg), [{ kind: 'x25519', secretKey: key.secretKey }]),
    path.join(root, 'unpacked'),
  );
}, 120_000);

describe.skipIf(!hasOpenssl)('vigil checkpoint --timestamp-request / --attach, and timestamps in packages', () => {
  it('writes a request openssl ts -reply accepts and says how to send it and attach the reply', () => {
    expect(requestOut).toMatch(/^vigil\/[0-9a-f-]{36}\n\d+\n/);
    expect(requestOut).toContain(`Timestamp request written to ${tsq}`);
    expect(requestOut).toContain('curl --data-binary @');
    expect(requestOut).toContain("-H 'Content-Type: application/timestamp-query'");
    expect(
      execFileSync('openssl', ['ts', '-query', '-in', tsq, '-text'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ).toContain('Certificate required: yes');
  });

  it('refuses a tampered reply and a reply from an untrusted TSA with exit status 1, recording nothing', () => {
    const tsq2 = path.join(root, 'second.tsq');
    expect(runCli(['checkpoint', dir, '--timestamp-request', tsq2]).status).toBe(0);
    const before = logLines();
    const tampered = path.join(root, 'tampered.tsr');
    const bytes = fs.readFileSync(tsa.reply(tsq2));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    fs.writeFileSync(tampered, bytes);
    const r = runCli(['checkpoint', dir, '--attach', tampered, '--tsa-cert', tsa.caPem]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /The timestamp reply was refused: its signature does not verify: the token was altered.*Nothing was recorded\./,
    );
    const other = runCli(['checkpoint', dir, '--attach', tsa.reply(tsq2, 'other-ca'), '--tsa-cert', tsa.caPem]);
    expect(other.status).toBe(1);
    expect(runCli(['checkpoint', dir, '--attach', tampered]).stderr).toMatch(/--attach needs --tsa-cert/);
    expect(logLines()).toEqual(before);
  });

  it('records the good reply in the custody log, and the vault still verifies', () => {
    const log = runCli(['log', dir]).stdout;
    expect(log).toMatch(/checkpoint\.timestamped/);
    expect(runCli(['verify', dir, '--quick']).status).toBe(0);
  });

  it('a package with timestamps imports into another vault', () => {
    // The receiver confirms the sender's signing-key fingerprint, read out over a separate channel.
    const sender = JSON.parse(runCli(['identity', dir, '--json']).stdout) as { fingerprints: { minisign: string } };
    const r = runCli([
      'import',
      receiver,
      path.join(root, 'to-receiver.tar.age'),
      '--trust-new-signer',
      sender.fingerprints.minisign,
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('carries the token in the package, and vigil verify reports what existed by when', () => {
    expect(verifyOut.status).toBe(0);
    expect(verifyOut.stdout).toMatch(
      /PASS {2}timestamp .*existed no later than \d{4}-\d\d-\d\dT[\d:.]+Z \(TSA CN=Test TSA, O=Example Timestamping \(fictional\);/,
    );
    for (const part of ['checkpoint.txt', 'tsr', 'pem', 'consistency.json'])
      expect(fs.existsSync(path.join(bagDir, `${TS}.${part}`))).toBe(true);
    const entries = fs.readFileSync(path.join(bagDir, 'data/custody/entries.jsonl'), 'utf8');
    expect(entries).toContain('"action":"checkpoint.timestamped"');
  });

  it('passes openssl ts -verify with the package files, as VERIFY.txt shows it', () => {
    const verifyTxt = fs.readFileSync(path.join(bagDir, 'data/VERIFY.txt'), 'utf8');
    const command = /^ +(openssl ts -verify .*)$/m.exec(verifyTxt)?.[1] ?? '';
    expect(command).toBe(`openssl ts -verify -data ${TS}.checkpoint.txt -in ${TS}.tsr -CAfile ${TS}.pem`);
    const r = spawnSync('sh', ['-c', command], { cwd: bagDir, encoding: 'utf8' });
    expect(r.stdout).toContain('Verification: OK');
    // openssl agrees that the token covers nothing else.
    const wrong = spawnSync(
      'openssl',
      ['ts', '-verify', '-data', 'data/custody/checkpoint.txt', '-in', `${TS}.tsr`, '-CAfile', `${TS}.pem`],
      { cwd: bagDir, encoding: 'utf8' },
    );
    expect(wrong.stdout).toContain('Verification: FAILED');
  });

  it('fails the timestamp check of a bag whose token, checkpoint, proof or chain was altered', async () => {
    expect(await timestampChecks(() => undefined)).toEqual([
      { ok: true, detail: expect.stringMatching(/existed no later than/) },
    ]);
    const flip =
      (file: string, at: (b: Buffer) => number) =>
      (bag: string): void => {
        const p = path.join(bag, file);
        const b = fs.readFileSync(p);
        b.writeUInt8(b.readUInt8(at(b)) ^ 0x01, at(b));
        fs.writeFileSync(p, b);
      };
    const cases: [string, (bag: string) => void, RegExp][] = [
      ['token signature', flip(`${TS}.tsr`, (b) => b.length - 1), /signature does not verify/],
      [
        'checkpoint swapped',
        (bag) => fs.copyFileSync(path.join(bag, 'data/custody/checkpoint.txt'), path.join(bag, `${TS}.checkpoint.txt`)),
        /consistency proof is from|timestamps other data/,
      ],
      [
        'proof',
        (bag) => {
          const p = path.join(bag, `${TS}.consistency.json`);
          const j = JSON.parse(fs.readFileSync(p, 'utf8')) as { proof: string[] };
          j.proof[0] = Buffer.alloc(32, 7).toString('base64');
          fs.writeFileSync(p, JSON.stringify(j));
        },
        /consistency proof does not verify/,
      ],
      [
        'chain from another CA',
        (bag) => fs.copyFileSync(tsa.otherCaPem, path.join(bag, `${TS}.pem`)),
        /does not lead to a root certificate/,
      ],
      ['chain missing', (bag) => fs.rmSync(path.join(bag, `${TS}.pem`)), /incomplete: ts-001\.pem missing/],
    ];
    for (const [what, change, reason] of cases) {
      const checks = await timestampChecks(change);
      expect(checks, what).toHaveLength(1);
      expect(checks[0], what).toMatchObject({ ok: false, detail: expect.stringMatching(reason) });
    }
  });
});
