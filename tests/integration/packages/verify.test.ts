import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_CHECKS } from '../../../shared/domain';
import { verifyBagFolder, verifyPackageFile, type PackageReport } from '../../../main/packages/verify';
import { loadSodium } from '../../../main/crypto/sodium';
import { encodeMinisignPublicKey, minisignKeyId, minisignSign } from '../../../main/crypto/minisign';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { memberIdentity } from '../../../main/vault/identity';
import { ageEncrypt, parseRecipient } from '../../../main/crypto/age';
import { tempWritesDuring } from '../../helpers/temp-writes';
import { failure } from '../../unit/packages/helpers';
import { hasTool } from '../../helpers/tools';
import { createVault } from '../../../main/vault/create';
import { fastKdf, newTestVault, runCli, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { fillVault, makePackage, vaultPayload, type BuiltPackage } from './make-package';
import { buildTamperCorpus, type CorpusExtras } from './tamper-corpus';

const hasAge = hasTool('age');
const hasTar = hasTool('tar');
const hasMinisign = hasTool('minisign');

function failed(r: PackageReport): string[] {
  return r.checks.filter((c) => !c.ok).map((c) => `${c.check}: ${c.subject ?? ''} ${c.detail}`);
}

let pkg: BuiltPackage;
let dir: string;

let extras: CorpusExtras;
let memberRecipient: string;
let vaultDir: string;

beforeAll(async () => {
  dir = suiteTempDir();
  const { vault } = await createVault(path.join(dir, 'vault'), {
    memberName: 'Test Investigator',
    passphrase: TEST_PASSPHRASE,
    kdf: await fastKdf(),
  });
  const caseId = await fillVault(vault, dir);
  const older = (await vaultPayload(vault)).checkpoint;
  fs.writeFileSync(path.join(dir, 'late.txt'), 'added after the first checkpoint');
  await addFileItem(vault, path.join(dir, 'late.txt'), { caseId, extract: false });
  pkg = await makePackage(vault, dir);
  memberRecipient = memberIdentity(vault).ageRecipient;
  vaultDir = vault.dir;
  await vault.close();
  const other = await newTestVault('Other Investigator');
  await fillVault(other.vault, suiteTempDir());
  const otherEntry =
    ((await vaultPayload(other.vault)).files.get('custody/entries.jsonl') ?? Buffer.alloc(0))
      .toString()
      .split('\n')[1] ?? '';
  await other.vault.close();
  const sodium = await loadSodium();
  const kp = sodium.crypto_sign_keypair();
  const key = { keyId: minisignKeyId(kp.publicKey), publicKey: kp.publicKey, secretKey: kp.privateKey };
  const block =
    `# Stranger ` +
    `ed25519:${Buffer.from(kp.publicKey).toString('hex')}\n${encodeMinisignPublicKey(key.keyId, key.publicKey)}\n`;
  extras = { older, otherEntry, stranger: { key, block } };
});

describe('packages/verifyPackageFile', () => {
  it('passes a good package with its receipt, every kind of check reported', async () => {
    const r = await verifyPackageFile(pkg.file, { identities: [pkg.identity], receipt: pkg.receipt });
    expect(failed(r)).toEqual([]);
    expect(r.ok).toBe(true);
    // This hand-made package opens no records (records.jsonl comes only with a full export), carries no timestamps and
    // no record set (update packages).
    expect(new Set(r.checks.map((c) => c.check))).toEqual(
      new Set(PACKAGE_CHECKS.filter((c) => c !== 'record' && c !== 'timestamp' && c !== 'update')),
    );
    expect(r.packageId).toBe(pkg.spec.packageId);
    expect(r.vault).toBe(pkg.spec.vaultId);
    expect(r.items).toBe(4);
    expect(r.signers).toHaveLength(1);
  });

  it('writes nothing to disk while it verifies: the decrypted evidence never leaves memory', async () => {
    const written = await tempWritesDuring(async () => {
      const r = await verifyPackageFile(pkg.file, { identities: [pkg.identity], receipt: pkg.receipt });
      expect(r.ok).toBe(true);
    });
    expect(written).toEqual([]);
  });

  it(
    'reports progress in bytes of the package file, up to ' + 'its size, and stops with CANCELLED when cancelled',
    async () => {
      const size = fs.statSync(pkg.file).size;
      const seen: [number, number][] = [];
      const r = await verifyPackageFile(pkg.file, {
        identities: [pkg.identity],
        onProgress: (done, total) => seen.push([done, total]),
      });
      expect(r.ok).toBe(true);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every(([, total]) => total === size)).toBe(true);
      expect(seen.map(([done]) => done)).toEqual([...seen.map(([done]) => done)].sort((a, b) => a - b));
      expect(seen[seen.length - 1]?.[0]).toBe(size);
      for (const when of ['before it starts', 'at the first progress report'] as const) {
        const controller = new AbortController();
        if (when === 'before it starts') controller.abort();
        const err = await failure(
          verifyPackageFile(pkg.file, {
            identities: [pkg.identity],
            signal: controller.signal,
            onProgress: () => controller.abort(),
          }),
        );
        expect(err?.code, when).toBe('CANCELLED');
      }
    },
  );

  it('catches every case of the tamper corpus with the expected check', async () => {
    const corpusDir = suiteTempDir();
    const cases = await buildTamperCorpus(pkg, corpusDir, extras);
    expect(cases.length).toBeGreaterThanOrEqual(50);
    const missed: string[] = [];
    for (const c of cases) {
      const r = await verifyPackageFile(c.file, { identities: [pkg.identity] });
      const bad = r.checks.filter((x) => !x.ok).map((x) => x.check);
      if (r.ok || !bad.includes(c.expect))
        missed.push(`${c.name}: expected ${c.expect}, got ${r.ok ? 'ok' : bad.join(',')}`);
    }
    expect(missed).toEqual([]);
  }, 120_000);

  it('fails the receipt check when the receipt is for another package, altered or unsigned', async () => {
    const text = fs.readFileSync(pkg.receipt, 'utf8');
    const variants: [string, string, string | null][] = [
      [
        'other sha256',
        text.replace(/package-sha256: (.)/, (_m, c: string) => `package-sha256: ${c === 'a' ? 'b' : 'a'}`),
        'sign',
      ],
      ['other item hash', text.replace(/items:\n(.)/, (_m, c: string) => `items:\n${c === 'a' ? 'b' : 'a'}`), 'sign'],
      ['other package id', text.replace(/package-id: .*/, 'package-id: 00000000-0000-4000-8000-000000000000'), 'sign'],
      ['edited after signing', text.replace('profile: full', 'profile: protected'), 'keep'],
      ['signature missing', text, null],
    ];
    for (const [name, body, sig] of variants) {
      const receipt = path.join(suiteTempDir(), 'r.receipt.txt');
      fs.writeFileSync(receipt, body);
      if (sig === 'sign')
        fs.writeFileSync(`${receipt}.minisig`, await minisignSign(Buffer.from(body), pkg.spec.key, 'r'));
      if (sig === 'keep') fs.copyFileSync(`${pkg.receipt}.minisig`, `${receipt}.minisig`);
      const r = await verifyPackageFile(pkg.file, { identities: [pkg.identity], receipt });
      expect(
        failed(r).map((f) => f.split(':')[0]),
        name,
      ).toEqual(['receipt']);
    }
  });
});

describe('packages/verifyBagFolder', () => {
  it.skipIf(!hasTar)('passes the bag unpacked by tar, and sha256sum -c agrees', async () => {
    const out = suiteTempDir();
    const tarFile = path.join(out, 'p.tar');
    fs.writeFileSync(tarFile, pkg.tar);
    expect(spawnSync('tar', ['-xf', tarFile, '-C', out]).status).toBe(0);
    const bag = path.join(out, pkg.spec.bagName);
    const r = await verifyBagFolder(bag, { receipt: pkg.receipt });
    expect(failed(r)).toEqual([]);
    expect(spawnSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: bag }).status).toBe(0);
    expect(spawnSync('sha512sum', ['-c', 'tagmanifest-sha512.txt'], { cwd: bag }).status).toBe(0);
  });

  it.skipIf(!hasTar)(
    'passes a bag with a tag file added after it was signed, noting that nothing covers that file',
    async () => {
      const out = suiteTempDir();
      const tarFile = path.join(out, 'p.tar');
      fs.writeFileSync(tarFile, pkg.tar);
      expect(spawnSync('tar', ['-xf', tarFile, '-C', out]).status).toBe(0);
      const bag = path.join(out, pkg.spec.bagName);
      fs.writeFileSync(path.join(bag, 'notes.txt'), 'added by someone later');
      const r = await verifyBagFolder(bag);
      expect(failed(r)).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.checks).toContainEqual(
        expect.objectContaining({
          check: 'bagit',
          ok: true,
          warning: true,
          subject: 'notes.txt',
          detail: expect.stringMatching(/was ignored: no checksum covers it/),
        }),
      );
    },
  );

  it.skipIf(!hasTar || !hasMinisign)(
    'minisign -Vm agrees with the tag-manifest and receipt signatures, using the key line from keys.txt',
    () => {
      const out = suiteTempDir();
      fs.writeFileSync(path.join(out, 'p.tar'), pkg.tar);
      spawnSync('tar', ['-xf', 'p.tar'], { cwd: out });
      const bag = path.join(out, pkg.spec.bagName);
      const keyLine = fs.readFileSync(path.join(bag, 'data/custody/keys.txt'), 'utf8').split('\n')[2] ?? '';
      const tag = spawnSync(
        'minisign',
        ['-Vm', 'tagmanifest-sha512.txt', '-x', 'tagmanifest-sha512.txt.minisig', '-P', keyLine],
        { cwd: bag, encoding: 'utf8' },
      );
      expect(tag.status, tag.stderr).toBe(0);
      expect(tag.stdout).toContain(`vigil package ${pkg.spec.packageId} bag ${pkg.spec.bagName}`);
      const receipt = spawnSync('minisign', ['-Vm', pkg.receipt, '-P', keyLine], { encoding: 'utf8' });
      expect(receipt.status, receipt.stderr).toBe(0);
      fs.appendFileSync(path.join(bag, 'tagmanifest-sha512.txt'), ' ');
      expect(
        spawnSync(
          'minisign',
          ['-Vm', 'tagmanifest-sha512.txt', '-x', 'tagmanifest-sha512.txt.minisig', '-P', keyLine],
          { cwd: bag },
        ).status,
      ).not.toBe(0);
    },
  );
});

describe('packages/verify interop', () => {
  it.skipIf(!hasAge || !hasTar)(
    'verifies a package age -r encrypted around a bag folder we tarred with tar',
    async () => {
      const out = suiteTempDir();
      fs.writeFileSync(path.join(out, 'p.tar'), pkg.tar);
      expect(spawnSync('tar', ['-xf', 'p.tar'], { cwd: out }).status).toBe(0);
      const sealed = path.join(out, 'tool.tar.age');
      const res = spawnSync('sh', ['-c', `tar cf - ${pkg.spec.bagName} | age -r ${pkg.recipient} -o ${sealed}`], {
        cwd: out,
      });
      expect(res.status, res.stderr.toString()).toBe(0);
      const r = await verifyPackageFile(sealed, { identities: [pkg.identity] });
      expect(failed(r)).toEqual([]);
    },
  );

  it.skipIf(!hasAge)('age -d -i decrypts our package to the same tar', () => {
    const res = spawnSync('age', ['-d', '-i', pkg.identityFile, pkg.file]);
    expect(res.status).toBe(0);
    expect(Buffer.compare(res.stdout, pkg.tar)).toBe(0);
  });
});

describe('cli/verify package', () => {
  it('exits 0 for a good package, finding the receipt beside it', () => {
    const r = runCli(['verify', pkg.file, '--identity', pkg.identityFile]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    // Without --vault the signer is not judged, and the result says so (signer-trust.test.ts has the rest).
    expect(r.stdout).toContain('Result: every check passed, but the signer was not checked');
    expect(r.stdout).toMatch(/PASS {2}receipt/);
  });

  it('prints JSON with --json and verifies a bag folder without a key', () => {
    const r = runCli(['verify', pkg.file, '--identity', pkg.identityFile, '--json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as PackageReport).packageId).toBe(pkg.spec.packageId);
    const out = suiteTempDir();
    fs.writeFileSync(path.join(out, 'p.tar'), pkg.tar);
    spawnSync('tar', ['-xf', 'p.tar'], { cwd: out });
    expect(runCli(['verify', path.join(out, pkg.spec.bagName)]).status).toBe(0);
  });

  it('decrypts with a vault member key (--vault)', async () => {
    const file = path.join(suiteTempDir(), 'member.tar.age');
    fs.writeFileSync(file, await ageEncrypt(pkg.tar, [parseRecipient(memberRecipient)]));
    const r = runCli(['verify', file, '--vault', vaultDir]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('opens a passphrase-sealed package with --age-passphrase-file', async () => {
    const out = suiteTempDir();
    const file = path.join(out, 'pass.tar.age');
    fs.writeFileSync(
      file,
      await ageEncrypt(pkg.tar, [{ kind: 'scrypt', passphrase: Buffer.from('a long package passphrase'), logN: 10 }]),
    );
    fs.writeFileSync(path.join(out, 'pw.txt'), 'a long package passphrase\n');
    expect(runCli(['verify', file, '--age-passphrase-file', path.join(out, 'pw.txt')]).status).toBe(0);
    fs.writeFileSync(path.join(out, 'wrong.txt'), 'not the passphrase\n');
    const wrong = runCli(['verify', file, '--age-passphrase-file', path.join(out, 'wrong.txt')]);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toMatch(/FAIL {2}decrypt/);
  });

  it('exits 1 saying what failed for a tampered package', () => {
    const file = path.join(suiteTempDir(), 'bad.tar.age');
    const bytes = fs.readFileSync(pkg.file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 1;
    fs.writeFileSync(file, bytes);
    const r = runCli(['verify', file, '--identity', pkg.identityFile]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}decrypt/);
  });

  it('exits 2 for a missing file, a missing key or an unreadable identity file', () => {
    expect(runCli(['verify', path.join(dir, 'nope.tar.age'), '--identity', pkg.identityFile]).status).toBe(2);
    expect(runCli(['verify', pkg.file]).status).toBe(2);
    expect(runCli(['verify', pkg.file, '--identity', path.join(dir, 'nope.txt')]).status).toBe(2);
    const junk = path.join(suiteTempDir(), 'junk.txt');
    fs.writeFileSync(junk, 'not a key\n');
    expect(runCli(['verify', pkg.file, '--identity', junk]).status).toBe(2);
  });
});
