import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ageDecrypt,
  ageEncrypt,
  generateX25519Identity,
  parseRecipient,
  type AgeIdentity,
} from '../../../main/crypto/age';
import { createDemoVault } from '../../../main/evidence/demo';
import { demoPeople } from '../../../main/evidence/demo-data';
import { exportPackage } from '../../../main/packages/export/export';
import { importPackage } from '../../../main/packages/import';
import { verifyPackageFile } from '../../../main/packages/verify';
import { createVault } from '../../../main/vault/create';
import { memberMinisignKey } from '../../../main/vault/identity';
import { openVault } from '../../../main/vault/open';
import type { Vault } from '../../../main/vault/vault';
import { fastKdf, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { untarBag } from '../../unit/packages/helpers';
import { copyKey, sealBag, type BagSpec } from './make-package';
import { readBag } from './tamper-corpus';

/**
 * Issue 14, point 3, the other side: a package whose profile exports every protected field
 * (full) opens its records with their salts, so the recipient can still check each record
 * against its signed custody entry, and a changed record or salt is caught.
 */

interface Opening {
  seq: number;
  kind: string;
  salt: string;
  record: Record<string, unknown>;
}

interface Entry {
  seq: number;
  action: string;
  hash: string | null;
  data: Record<string, unknown>;
}

let root: string;
let sender: Vault;
let receiver: Vault;
let identity: AgeIdentity;
let recipient: string;
let pkg: Awaited<ReturnType<typeof exportPackage>>;
let spec: BagSpec;

function lines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);
}

/** SHA-256(salt ‖ RFC 8785 JSON of the record), computed as DESIGN §3 tells an outside verifier to. */
function outsideHash(o: Opening): string {
  return createHash('sha256')
    .update(Buffer.from(o.salt, 'hex'))
    .update(canonicalize(o.record) ?? '', 'utf8')
    .digest('hex');
}

/** The package re-bagged and re-signed with the sender's own key after `edit`, sealed to the receiver again. */
async function resealed(name: string, edit: (files: Map<string, Buffer>) => void): Promise<string> {
  const files = new Map(spec.files);
  edit(files);
  const sealed = await ageEncrypt(await sealBag({ ...spec, files }), [parseRecipient(recipient)]);
  const file = path.join(root, `${name}.tar.age`);
  fs.writeFileSync(file, sealed);
  return file;
}

function editOpenings(files: Map<string, Buffer>, fn: (o: Opening) => Opening): void {
  const text = files.get('custody/records.jsonl')?.toString('utf8') ?? '';
  files.set(
    'custody/records.jsonl',
    Buffer.from(
      lines<Opening>(text)
        .map((o) => `${JSON.stringify(fn(o))}\n`)
        .join(''),
    ),
  );
}

beforeAll(async () => {
  root = suiteTempDir('vigil-openings-');
  const dir = path.join(root, 'sender');
  await createDemoVault(dir, TEST_PASSPHRASE, await fastKdf());
  sender = await openVault(dir, { passphrase: TEST_PASSPHRASE });
  receiver = (
    await createVault(path.join(root, 'receiver'), {
      memberName: 'Receiving Lawyer (fictional)',
      passphrase: TEST_PASSPHRASE,
      kdf: await fastKdf(),
    })
  ).vault;
  const id = generateX25519Identity();
  identity = { kind: 'x25519', secretKey: id.secretKey };
  recipient = id.recipient;
  const caseId = (sender.db.prepare('SELECT id FROM cases').pluck().get() as string) ?? '';
  pkg = await exportPackage(sender, {
    caseId,
    recipients: [id.publicKey],
    profile: 'full',
    output: path.join(root, 'full.tar.age'),
  });
  const bagDir = untarBag(await ageDecrypt(fs.readFileSync(pkg.packagePath), [identity]), path.join(root, 'full'));
  const payload = new Map(
    [...readBag(bagDir)].filter(([k]) => k.startsWith('data/')).map(([k, v]) => [k.slice('data/'.length), v]),
  );
  spec = {
    files: payload,
    bagName: pkg.bag,
    packageId: pkg.packageId,
    vaultId: sender.vaultId,
    key: copyKey(memberMinisignKey(sender)),
  };
}, 60_000);

afterAll(async () => {
  await sender.close();
  await receiver.close();
});

describe('packages: records opened by a full package', () => {
  it('carries each record with its salt; an outside verifier recomputes every salted hash from them alone', () => {
    const openings = lines<Opening>(spec.files.get('custody/records.jsonl')?.toString('utf8') ?? '');
    const entries = new Map(
      lines<{ entry: Entry }>(spec.files.get('custody/entries.jsonl')?.toString('utf8') ?? '').map((l) => [
        l.entry.seq,
        l.entry,
      ]),
    );
    expect(new Set(openings.map((o) => o.kind))).toEqual(
      new Set(['case', 'person', 'place', 'event', 'request', 'interview', 'transcript']),
    );
    for (const o of openings) {
      const entry = entries.get(o.seq);
      expect(entry?.data.hashFormat).toBe('salted-v1');
      expect(outsideHash(o)).toBe(entry?.hash);
    }
    // The recipient can confirm the names the package gives, because the sender chose to give them.
    const names = openings.filter((o) => o.kind === 'person').map((o) => o.record.name);
    expect(names.sort()).toEqual(demoPeople.map((p) => p.name).sort());
  });

  it('verifies (the record check passes) and imports', async () => {
    const report = await verifyPackageFile(pkg.packagePath, { identities: [identity] });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks).toContainEqual(
      expect.objectContaining({ check: 'record', ok: true, detail: expect.stringMatching(/^All \d+ records/) }),
    );
    // The receiver confirms the sender's fingerprint, as it would have read it out by phone.
    const imported = await importPackage(receiver, pkg.packagePath, {
      identities: [identity],
      trustSigners: report.signers.map((s) => s.fingerprint),
    });
    expect(imported.people).toBe(demoPeople.length);
  });

  it('a re-signed copy with nothing changed still verifies (the control for the cases below)', async () => {
    const report = await verifyPackageFile(await resealed('control', () => undefined), { identities: [identity] });
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it.each([
    [
      'a person renamed in the record',
      (o: Opening) => (o.kind === 'person' ? { ...o, record: { ...o.record, name: 'Someone Else (fictional)' } } : o),
    ],
    [
      'one digit of a salt changed',
      (o: Opening) => (o.kind === 'event' ? { ...o, salt: `${o.salt[0] === '0' ? '1' : '0'}${o.salt.slice(1)}` } : o),
    ],
    [
      'a transcript segment changed',
      (o: Opening) => (o.kind === 'transcript' ? { ...o, record: { ...o.record, segments: [] } } : o),
    ],
    ['a record moved to another entry', (o: Opening) => (o.kind === 'case' ? { ...o, seq: o.seq + 1 } : o)],
  ])(
    '%s, even in a bag re-signed by the sender, fails the record check alone and is refused by import',
    async (name, fn) => {
      const file = await resealed(name.replace(/\W+/g, '-'), (files) => editOpenings(files, fn));
      const report = await verifyPackageFile(file, { identities: [identity] });
      const failed = report.checks.filter((c) => !c.ok);
      expect(failed.length).toBeGreaterThan(0);
      expect(new Set(failed.map((c) => c.check))).toEqual(new Set(['record']));
      const cases = receiver.db.prepare('SELECT count(*) FROM cases').pluck().get();
      await expect(importPackage(receiver, file, { identities: [identity] })).rejects.toMatchObject({
        code: 'PACKAGE_INVALID',
        message: expect.stringContaining('records.jsonl'),
      });
      expect(receiver.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(cases);
    },
  );
});
