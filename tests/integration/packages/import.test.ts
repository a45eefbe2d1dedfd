import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ageDecrypt,
  ageEncrypt,
  encodeIdentity,
  generateX25519Identity,
  parseRecipient,
  type AgeIdentity,
} from '../../../main/crypto/age';
import { readCustodyHead } from '../../../main/custody/log-store';
import { createDemoVault } from '../../../main/evidence/demo';
import { getCase } from '../../../main/evidence/cases';
import { listItems } from '../../../main/evidence/items';
import { exportPackage } from '../../../main/packages/export/export';
import { caseProvenance, importPackage } from '../../../main/packages/import';
import { addRecipient } from '../../../main/packages/recipients';
import { stageItems } from '../../../main/packages/import/stage-items';
import { ItemStaging } from '../../../main/evidence/item-staging';
import type { ExtractLimits } from '../../../main/packages/tar/package-tar';
import { createVault } from '../../../main/vault/create';
import { memberIdentity } from '../../../main/vault/identity';
import { openVault } from '../../../main/vault/open';
import type { Vault } from '../../../main/vault/vault';
import { verifyVault } from '../../../main/checks/verify-vault';
import { buildTar, file as tarFile } from '../../unit/packages/helpers';
import { failure } from '../../unit/packages/helpers';
import { tempWritesDuring } from '../../helpers/temp-writes';
import { fastKdf, runCli, snapshotFiles, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { bagMembers, readBag } from './tamper-corpus';

let dir: string;
let receiver: Vault;
let receiverDir: string;
let pkgFile: string;
let pkgForKey: string;
let keyFile: string;
let caseRef: string;
let bag: Map<string, Buffer>;
let bagName: string;
let recipient: string;
/** The demo sender's signing identity: its minisign key goes in the receiver's address book. */
let sender: { minisign: string; ageRecipient: string; fingerprint: string };

async function exportDemo(recipients: Uint8Array[], output: string): Promise<{ caseId: string }> {
  const vaultDir = path.join(dir, 'demo');
  if (!fs.existsSync(vaultDir)) await createDemoVault(vaultDir, TEST_PASSPHRASE, await fastKdf());
  const demo = await openVault(vaultDir, { passphrase: TEST_PASSPHRASE });
  try {
    const caseId = (demo.db.prepare('SELECT id FROM cases LIMIT 1').get() as { id: string }).id;
    await exportPackage(demo, { caseId, recipients, profile: 'protected', output });
    const id = memberIdentity(demo);
    if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
    sender = { minisign: id.minisignPublicKey, ageRecipient: id.ageRecipient, fingerprint: id.fingerprints.minisign };
    return { caseId };
  } finally {
    await demo.close();
  }
}

beforeAll(async () => {
  dir = suiteTempDir();
  receiverDir = path.join(dir, 'receiver');
  receiver = (
    await createVault(receiverDir, {
      memberName: 'Receiving Lawyer',
      passphrase: TEST_PASSPHRASE,
      kdf: await fastKdf(),
    })
  ).vault;
  recipient = memberIdentity(receiver).ageRecipient;
  pkgFile = path.join(dir, 'to-receiver.tar.age');
  await exportDemo([(parseRecipient(recipient) as { publicKey: Uint8Array }).publicKey], pkgFile);
  // The receiver knows the sender (signer-trust.test.ts covers senders it does not know).
  addRecipient(receiver, {
    name: 'Demo sender',
    ageRecipient: sender.ageRecipient,
    minisignPublicKey: sender.minisign,
  });
  const other = generateX25519Identity();
  keyFile = path.join(dir, 'key.txt');
  fs.writeFileSync(keyFile, `# created for the test\n${encodeIdentity(other.secretKey)}\n`);
  pkgForKey = path.join(dir, 'to-key.tar.age');
  await exportDemo([other.publicKey], pkgForKey);
  const own: AgeIdentity = memberIdentity(receiver).ageIdentity;
  const tar = await ageDecrypt(fs.readFileSync(pkgFile), [own]);
  const unpacked = path.join(dir, 'unpacked');
  fs.mkdirSync(unpacked);
  fs.writeFileSync(path.join(dir, 'p.tar'), tar);
  spawnSync('tar', ['-xf', path.join(dir, 'p.tar'), '-C', unpacked]);
  bagName = fs.readdirSync(unpacked)[0] ?? '';
  bag = readBag(path.join(unpacked, bagName));
  caseRef = (JSON.parse((bag.get('data/case.json') ?? Buffer.from('{}')).toString()) as { case: { reference: string } })
    .case.reference;
});

afterAll(async () => {
  await receiver.close();
});

let exported = 0;

/**
 * A new package of the demo case for the receiver: another export, so another package id (a package is imported once).
 */
async function newPackage(): Promise<string> {
  const file = path.join(dir, `again-${++exported}.tar.age`);
  await exportDemo([(parseRecipient(recipient) as { publicKey: Uint8Array }).publicKey], file);
  return file;
}

function sealed(tar: Buffer): Promise<Buffer> {
  return ageEncrypt(tar, [parseRecipient(recipient)]);
}

/** The vault's files as name → SHA-256, for before/after comparisons with readable diffs. */
function digests(d: string): Record<string, string> {
  return Object.fromEntries([...snapshotFiles(d)].map(([k, v]) => [k, createHash('sha256').update(v).digest('hex')]));
}

/** Patches the size field of the tar header named `name` (and its checksum) so it lies. */
function lieAboutSize(tar: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(tar);
  for (let off = 0; off + 512 <= out.length; off += 512) {
    if (
      out
        .subarray(off, off + 100)
        .toString('utf8')
        .replace(/\0.*$/s, '') !== name
    )
      continue;
    out.write(`${size.toString(8).padStart(11, '0')}\0`, off + 124, 'ascii');
    out.fill(0x20, off + 148, off + 156);
    let sum = 0;
    for (let i = off; i < off + 512; i++) sum += out[i] ?? 0;
    out.write(`${sum.toString(8).padStart(6, '0')}\0 `, off + 148, 'ascii');
    return out;
  }
  throw new Error(`no header ${name}`);
}

describe('packages/importPackage', () => {
  it('imports a package made by the exporter: case, people, items, transcripts, records and provenance', async () => {
    const before = readCustodyHead(receiver.db).size;
    const r = await importPackage(receiver, pkgFile);
    expect(r.items).toBeGreaterThan(0);
    expect(r.people).toBeGreaterThan(0);
    expect(r.transcripts).toBeGreaterThan(0);
    expect(r.events).toBeGreaterThan(0);
    expect(r.requests).toBeGreaterThan(0);
    expect(getCase(receiver.db, r.caseId).reference).toBe(caseRef);
    const items = listItems(receiver.db, { caseId: r.caseId });
    expect(items).toHaveLength(r.items);
    expect(items.every((i) => i.acquisition?.how === 'imported package' && i.acquisition.note === r.packageId)).toBe(
      true,
    );
    const row = receiver.db
      .prepare(
        'SELECT package_id AS packageId, source_vault AS sourceVault, checkpoint, entries_jsonl AS entries, ' +
          'keys_txt AS keys FROM imported_packages WHERE case_id = ?',
      )
      .get(r.caseId) as Record<string, string>;
    expect(row.packageId).toBe(r.packageId);
    expect(row.checkpoint).toContain(`vigil/${r.sourceVault}`);
    expect(row.entries).toBe((bag.get('data/custody/entries.jsonl') ?? Buffer.alloc(0)).toString());
    const last = receiver.db.prepare('SELECT entry FROM custody_log ORDER BY seq DESC LIMIT 1').pluck().get() as string;
    const entry = JSON.parse(last) as {
      action: string;
      subject: string;
      hash: string;
      data: { packageId: string; items: number; checkpointSize: number };
    };
    expect(entry).toMatchObject({
      action: 'package.imported',
      subject: r.caseId,
      hash: createHash('sha256').update(fs.readFileSync(pkgFile)).digest('hex'),
    });
    expect(entry.data).toMatchObject({ packageId: r.packageId, items: r.items });
    expect(entry.data.checkpointSize).toBeGreaterThan(0);
    // The provenance the case shows: the package, the sender's vault and custody record, the signers.
    const sentEntries = (bag.get('data/custody/entries.jsonl') ?? Buffer.alloc(0)).toString().trim().split('\n').length;
    expect(caseProvenance(receiver.db, r.caseId)).toEqual([
      {
        packageId: r.packageId,
        bag: bagName,
        sourceVault: r.sourceVault,
        importedAt: expect.any(String),
        entries: sentEntries,
        checkpointSize: entry.data.checkpointSize,
        signers: [{ name: expect.any(String), fingerprint: expect.stringMatching(/^([0-9A-Z]{4} ){5}[0-9A-Z]{4}$/) }],
        updateOf: null,
      },
    ]);
    expect(readCustodyHead(receiver.db).size).toBeGreaterThan(before);
    expect((await verifyVault(receiver, { quick: true })).ok).toBe(true);
  });

  it("refuses a package already imported, known by its id or by its file's hash, and changes nothing", async () => {
    const setRow = (column: string, value: string | null): void => {
      receiver.db
        .prepare(`UPDATE imported_packages SET ${column} = ? WHERE package_sha256 = ?`)
        .run(value, createHash('sha256').update(fs.readFileSync(pkgFile)).digest('hex'));
    };
    const attempt = async (label: string): Promise<void> => {
      await receiver.close();
      const snap = digests(receiverDir);
      receiver = await openVault(receiverDir, { passphrase: TEST_PASSPHRASE });
      const err = await failure(importPackage(receiver, pkgFile));
      expect(err?.code, label).toBe('ALREADY_IMPORTED');
      expect(err?.message, label).toMatch(
        new RegExp(
          `^This package \\([^)]+\\) was already imported into this vault on \\S+, as case ${caseRef} ` +
            `\\([0-9a-f-]+\\)\\. Nothing was changed\\.$`,
        ),
      );
      await receiver.close();
      expect(digests(receiverDir), label).toEqual(snap);
      receiver = await openVault(receiverDir, { passphrase: TEST_PASSPHRASE });
    };
    await attempt('the same package again');
    // Each key alone is enough: a row of an earlier version without the hash, or one whose id differs.
    const packageId = receiver.db.prepare('SELECT package_id FROM imported_packages LIMIT 1').pluck().get() as string;
    setRow('package_id', 'another-package-id');
    await attempt('known by its hash only');
    receiver.db
      .prepare(
        "UPDATE imported_packages SET package_id = ?, package_sha256 = NULL WHERE package_id = 'another-package-id'",
      )
      .run(packageId);
    await attempt('known by its id only');
  });

  it('suffixes the case reference when it is already used in the vault', async () => {
    const r = await importPackage(receiver, await newPackage());
    expect(getCase(receiver.db, r.caseId).reference).toBe(`${caseRef}-imported`);
  });

  it('brings in each item byte for byte as the verified manifest lists it', async () => {
    const r = await importPackage(receiver, await newPackage());
    const manifest = new Map(
      (bag.get('manifest-sha256.txt') ?? Buffer.alloc(0))
        .toString()
        .trim()
        .split('\n')
        .map((l) => [l.slice(66), l.slice(0, 64)] as const),
    );
    const listed = [...manifest]
      .filter(([p]) => p.startsWith('data/items/'))
      .map(([, h]) => h)
      .sort();
    const items = listItems(receiver.db, { caseId: r.caseId });
    expect(items.map((i) => i.sha256).sort()).toEqual(listed);
    // The SHA-512 recorded for each item is the verified manifest's, and the full vault check
    // (which hashes every object again) agrees with it.
    const manifest512 = new Set(
      (bag.get('manifest-sha512.txt') ?? Buffer.alloc(0))
        .toString()
        .trim()
        .split('\n')
        .map((l) => l.slice(0, 128)),
    );
    expect(items.every((i) => manifest512.has(i.sha512))).toBe(true);
    expect((await verifyVault(receiver)).ok).toBe(true);
    // Text was extracted from the bytes in memory, as they streamed into the vault.
    expect(items.filter((i) => i.fileName.endsWith('.txt')).every((i) => i.extractionStatus === 'ok')).toBe(true);
    expect(items.some((i) => i.fileName.endsWith('.txt'))).toBe(true);
  });

  it('writes no plaintext outside the vault: nothing appears in the temp folder while it imports', async () => {
    const file = await newPackage();
    const written = await tempWritesDuring(async () => {
      expect((await importPackage(receiver, file)).items).toBeGreaterThan(0);
    });
    expect(written).toEqual([]);
  });

  it(
    'records all of a package or none of it: a failure at the last step leaves no case, item, object or custody ' +
      'entry',
    async () => {
      const count = (table: string): number =>
        receiver.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      const tables = ['cases', 'people', 'items', 'objects', 'events', 'requests', 'interviews', 'imported_packages'];
      const file = await newPackage();
      const before = {
        rows: tables.map(count),
        custody: readCustodyHead(receiver.db).size,
        objects: await receiver.blobs.scan(),
      };
      // Fails the very last write of an import (its provenance row), after everything else was recorded.
      receiver.db.exec(
        'CREATE TEMP TRIGGER fail_provenance BEFORE INSERT ON imported_packages BEGIN SELECT RAISE(ABORT, ' +
          "'simulated failure'); END",
      );
      try {
        const err = await failure(importPackage(receiver, file));
        expect(err?.message).toMatch(/simulated failure/);
      } finally {
        receiver.db.exec('DROP TRIGGER temp.fail_provenance');
      }
      expect(tables.map(count)).toEqual(before.rows);
      expect(readCustodyHead(receiver.db).size).toBe(before.custody);
      expect(await receiver.blobs.scan()).toEqual(before.objects);
      expect((await verifyVault(receiver, { quick: true })).ok).toBe(true);
      expect((await importPackage(receiver, file)).items).toBeGreaterThan(0);
    },
  );

  it(
    "reports progress over both passes (twice the file's " + 'size) and, cancelled in the second pass, keeps nothing',
    async () => {
      const [file, other] = [await newPackage(), await newPackage()];
      const size = fs.statSync(file).size;
      const seen: number[] = [];
      const r = await importPackage(receiver, file, {
        onProgress: (done, total) => {
          expect(total).toBe(2 * size);
          seen.push(done);
        },
      });
      expect(r.items).toBeGreaterThan(0);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.some((d) => d <= size)).toBe(true);
      expect(seen[seen.length - 1]).toBe(2 * size);

      const count = (table: string): number =>
        receiver.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      const before = {
        cases: count('cases'),
        items: count('items'),
        custody: readCustodyHead(receiver.db).size,
        objects: await receiver.blobs.scan(),
      };
      const controller = new AbortController();
      const otherSize = fs.statSync(other).size;
      const err = await failure(
        importPackage(receiver, other, {
          signal: controller.signal,
          onProgress: (done) => {
            if (done > otherSize) controller.abort();
          },
        }),
      );
      expect(err?.code).toBe('CANCELLED');
      expect({
        cases: count('cases'),
        items: count('items'),
        custody: readCustodyHead(receiver.db).size,
        objects: await receiver.blobs.scan(),
      }).toEqual(before);
    },
  );

  it('refuses a package that changed between the check and the second pass, and leaves no object behind', async () => {
    const items = [...bag.keys()].filter((k) => k.startsWith('data/items/')).sort();
    const listed = (name: string, hex: number): Map<string, string> =>
      new Map(
        (bag.get(name) ?? Buffer.alloc(0))
          .toString()
          .trim()
          .split('\n')
          .map((l) => [l.slice(hex + 2), l.slice(0, hex)] as const),
      );
    const [sha256, sha512] = [listed('manifest-sha256.txt', 64), listed('manifest-sha512.txt', 128)];
    const expected = new Map(
      items.map((p) => [p, { sha256: sha256.get(p) ?? '', sha512: sha512.get(p) ?? '' }] as const),
    );
    const first = items[0] ?? '';
    const altered = new Map(bag);
    altered.set(first, Buffer.concat([bag.get(first) ?? Buffer.alloc(0), Buffer.from(' ')]));
    const without = new Map(bag);
    without.delete(items[items.length - 1] ?? '');
    const own = memberIdentity(receiver).ageIdentity;
    for (const [name, files, why] of [
      ['an item altered', altered, /changed after it was checked.*no longer matches/],
      ['an item gone', without, /changed after it was checked.*no longer in it/],
    ] as const) {
      const target = path.join(suiteTempDir(), 'changed.tar.age');
      fs.writeFileSync(target, await sealed(await buildTar(bagMembers(files, bagName))));
      const objects = await receiver.blobs.scan();
      const staging = new ItemStaging(receiver, { extract: false });
      const err = await failure(stageItems(target, [own], undefined, expected, staging));
      expect(err?.code, name).toBe('PACKAGE_INVALID');
      expect(err?.message, name).toMatch(why);
      await staging.discard();
      expect(await receiver.blobs.scan(), name).toEqual(objects);
    }
  });

  it(
    'refuses hostile packages with a clear reason and leaves the vault and its custody log untouched',
    { timeout: 180_000 },
    async () => {
      const evil = (extra: ReturnType<typeof tarFile>[]): Promise<Buffer> =>
        buildTar([...bagMembers(bag, bagName), ...extra]);
      const good = await buildTar(bagMembers(bag, bagName));
      const firstItem = [...bag.keys()].find((k) => k.startsWith('data/items/')) ?? '';
      const cases: [string, Promise<Buffer> | Buffer, RegExp, Partial<ExtractLimits>?][] = [
        ['path traversal', sealed(await evil([tarFile(`${bagName}/data/../../escape.txt`, 'x')])), /tar|archive/i],
        ['absolute path', sealed(await evil([tarFile('/etc/evil', 'x')])), /archive/i],
        [
          'symlink',
          sealed(await evil([{ header: { name: `${bagName}/data/link`, type: 'symlink', linkname: '../../x' } }])),
          /link/i,
        ],
        [
          'hard link',
          sealed(
            await evil([{ header: { name: `${bagName}/data/hard`, type: 'link', linkname: `${bagName}/bagit.txt` } }]),
          ),
          /link/i,
        ],
        [
          'device file',
          sealed(
            await evil([{ header: { name: `${bagName}/data/dev`, type: 'block-device', devmajor: 8, devminor: 0 } }]),
          ),
          /device|special|not a regular/i,
        ],
        [
          'duplicate name',
          sealed(await evil([tarFile(`${bagName}/${firstItem}`, 'again')])),
          /twice|duplicate|collid/i,
        ],
        [
          'case-colliding name',
          sealed(await evil([tarFile(`${bagName}/${firstItem.toUpperCase()}`, 'x')])),
          /collid|differ only/i,
        ],
        [
          'NFC-colliding names',
          sealed(
            await evil([tarFile(`${bagName}/data/caf\u00e9.txt`, 'a'), tarFile(`${bagName}/data/cafe\u0301.txt`, 'b')]),
          ),
          /collid|differ only|Unicode/i,
        ],
        [
          'declared size that lies',
          sealed(lieAboutSize(good, `${bagName}/bagit.txt`, 10_000_000)),
          /truncat|ends|lie|size|short/i,
        ],
        ['oversize beyond limits', sealed(good), /limit|larger|too/i, { maxEntryBytes: 1000 }],
        ['too many entries', sealed(good), /limit|entries|too many/i, { maxEntries: 5 }],
        [
          'wrong recipient',
          ageEncrypt(good, [parseRecipient(generateX25519Identity().recipient)]),
          /sealed for someone else/i,
        ],
        [
          'bit-flipped',
          (async () => {
            const b = Buffer.from(fs.readFileSync(pkgFile));
            b[b.length - 200] = (b[b.length - 200] ?? 0) ^ 4;
            return b;
          })(),
          /no longer decrypts/i,
        ],
        ['truncated', fs.readFileSync(pkgFile).subarray(0, 70_000), /no longer decrypts/i],
        [
          'valid encryption around an invalid bag',
          sealed(await evil([tarFile(`${bagName}/data/items/999-planted.txt`, 'planted')])),
          /not listed/i,
        ],
        ['valid encryption around a non-tar', sealed(Buffer.alloc(4096, 0x41)), /archive/i],
      ];
      const target = path.join(suiteTempDir(), 'hostile.tar.age');
      for (const [name, bytes, why, limits] of cases) {
        fs.rmSync(target, { force: true });
        fs.writeFileSync(target, await bytes);
        // Snapshots are taken with the vault closed: SQLite's shared-memory index changes on every read.
        await receiver.close();
        const snap = digests(receiverDir);
        receiver = await openVault(receiverDir, { passphrase: TEST_PASSPHRASE });
        const size = readCustodyHead(receiver.db).size;
        const err = await failure(importPackage(receiver, target, limits ? { limits } : {}));
        expect(err?.code, name).toBe('PACKAGE_INVALID');
        expect(err?.message, name).toMatch(why);
        expect(readCustodyHead(receiver.db).size, name).toBe(size);
        await receiver.close();
        expect(digests(receiverDir), name).toEqual(snap);
        receiver = await openVault(receiverDir, { passphrase: TEST_PASSPHRASE });
      }
    },
  );
});

describe('cli/import', () => {
  it('imports with --identity and prints what came in; refuses a tampered package with exit 2', async () => {
    const target = path.join(suiteTempDir(), 'vault');
    const { vault } = await createVault(target, {
      memberName: 'CLI',
      passphrase: TEST_PASSPHRASE,
      kdf: await fastKdf(),
    });
    await vault.close();
    const r = runCli(['import', target, pkgForKey, '--identity', keyFile, '--trust-new-signer', sender.fingerprint]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Imported package .* item\(s\)/s);
    const caseId = /New case ([0-9a-f-]+):/.exec(r.stdout)?.[1] ?? '';
    const shown = runCli(['case', 'show', target, caseId]);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/Imported .* from package [0-9a-f-]+ \(sender's vault [0-9a-f-]+\)\./);
    expect(shown.stdout).toMatch(/The sender's custody record is kept: \d+ entries, signed checkpoint of size \d+\./);
    expect(shown.stdout).toMatch(/signer .+: ([0-9A-Z]{4} ){5}[0-9A-Z]{4}/);
    const bad = path.join(suiteTempDir(), 'bad.tar.age');
    const b = Buffer.from(fs.readFileSync(pkgForKey));
    b[b.length - 10] = (b[b.length - 10] ?? 0) ^ 1;
    fs.writeFileSync(bad, b);
    const refused = runCli(['import', target, bad, '--identity', keyFile, '--trust-new-signer', sender.fingerprint]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/refused and nothing was imported/);
    expect(runCli(['verify', pkgForKey, '--identity', keyFile]).status).toBe(0);
  });

  it(
    'imports a package once: a rerun exits 0, says it was already imported and changes nothing (--json: ' +
      'alreadyImported)',
    async () => {
      const target = path.join(suiteTempDir(), 'again');
      const { vault } = await createVault(target, {
        memberName: 'CLI',
        passphrase: TEST_PASSPHRASE,
        kdf: await fastKdf(),
      });
      await vault.close();
      const first = runCli([
        'import',
        target,
        pkgForKey,
        '--identity',
        keyFile,
        '--trust-new-signer',
        sender.fingerprint,
      ]);
      expect(first.status, first.stderr).toBe(0);
      const caseId = /New case ([0-9a-f-]+):/.exec(first.stdout)?.[1] ?? '';
      const snap = digests(target);
      const again = runCli(['import', target, pkgForKey, '--identity', keyFile]);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toMatch(
        new RegExp(
          `was already imported into this vault on \\S+, as case \\S+ \\(${caseId}\\)\\. Nothing was changed\\.`,
        ),
      );
      const json = runCli(['import', target, pkgForKey, '--identity', keyFile, '--json']);
      expect(json.status, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({
        alreadyImported: true,
        caseId,
        packageId: expect.any(String),
        importedAt: expect.any(String),
      });
      expect(digests(target)).toEqual(snap);
    },
  );
});
