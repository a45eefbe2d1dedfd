import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, parseIdentity } from '../../../main/crypto/age';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { createDemoVault } from '../../../main/evidence/demo';
import { addDerivative } from '../../../main/evidence/item-edits';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { listItems, type ItemSummary } from '../../../main/evidence/items';
import { exportPackage } from '../../../main/packages/export/export';
import { EXIF_STRIPPED } from '../../../main/packages/export/items';
import { stripJpegMetadata } from '../../../main/packages/export/jpeg-strip';
import { openVault } from '../../../main/vault/open';
import type { Vault } from '../../../main/vault/vault';
import { tempWritesDuring } from '../../helpers/temp-writes';
import { fastKdf, suiteTempDir, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { untarBag } from '../../unit/packages/helpers';
import { ageKeygen, enrichDemoCase, jpegWithExif } from './export-fixture';

let root: string;
let vault: Vault;
let caseId: string;
let key: ReturnType<typeof ageKeygen>;
let originals: ItemSummary[];

interface Entry {
  action: string;
  subject: string | null;
  hash: string | null;
  data: Record<string, unknown>;
}

function entries(): Entry[] {
  return [...iterateStoredEntries(vault.db)].map((r) => JSON.parse(r.canonical) as Entry);
}

function stripped(): ItemSummary[] {
  return listItems(vault.db, { caseId }).filter((i) => i.derivativeKind === EXIF_STRIPPED);
}

async function objectBytes(objectId: string): Promise<Buffer> {
  const reader = await vault.blobs.open(objectId);
  try {
    return await reader.read(0, reader.size);
  } finally {
    await reader.close();
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** An item's whole row: every column the derivative path records. */
function row(id: string): Record<string, unknown> {
  return vault.db.prepare('SELECT * FROM items WHERE id = ?').get(id) as Record<string, unknown>;
}

async function exportProtected(name: string): Promise<{ packagePath: string; bag: string }> {
  return exportPackage(vault, {
    caseId,
    recipients: [key.publicKey],
    profile: 'protected',
    output: path.join(root, `${name}.tar.age`),
  });
}

async function registerOf(pkg: { packagePath: string; bag: string }): Promise<string> {
  const line =
    fs
      .readFileSync(key.identityFile, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-')) ?? '';
  const id = parseIdentity(line);
  if (id.kind !== 'x25519') throw new Error('expected an X25519 identity');
  const bagDir = untarBag(await ageDecrypt(fs.readFileSync(pkg.packagePath), [id]), path.join(tempDir(), 'out'));
  return fs.readFileSync(path.join(bagDir, 'data/register.csv'), 'utf8');
}

beforeAll(async () => {
  root = suiteTempDir('vigil-export-plain-');
  const demo = await createDemoVault(path.join(root, 'vault'), TEST_PASSPHRASE, await fastKdf());
  caseId = demo.caseId;
  vault = await openVault(path.join(root, 'vault'), { passphrase: TEST_PASSPHRASE });
  await enrichDemoCase(vault, caseId, root);
  // A second photo (other image data, other GPS text) with a date, so two derivatives are made and the date is carried
  // over.
  const second = path.join(root, 'cell-window.jpg');
  fs.writeFileSync(
    second,
    Buffer.from(
      jpegWithExif().toString('latin1').replace('55.7558N', '61.7849N').replace('\x12\x34', '\x78\x9a'),
      'latin1',
    ),
  );
  await addFileItem(vault, second, {
    caseId,
    kind: 'photo',
    title: 'Photo of the cell window',
    date: '2025-02',
    dateApprox: true,
  });
  originals = listItems(vault.db, { caseId }).filter((i) => i.mediaType === 'image/jpeg');
  key = ageKeygen(root);
}, 60_000);

afterAll(async () => {
  await vault.close();
});

describe('packages/export: no plaintext on disk', () => {
  it('strips EXIF/GPS of JPEGs for the protected profile without writing to the temp folder', async () => {
    expect(originals).toHaveLength(2);
    const written = await tempWritesDuring(async () => {
      await exportProtected('first');
    });
    expect(written).toEqual([]);
    expect(
      stripped()
        .map((d) => d.derivativeOf)
        .sort(),
    ).toEqual(originals.map((o) => o.id).sort());
  }, 60_000);

  it('records each derivative as before: custody item.derivative_added linked to its original', async () => {
    for (const original of originals) {
      const d = stripped().find((i) => i.derivativeOf === original.id);
      if (!d) throw new Error(`no derivative of ${original.id}`);
      const expected = stripJpegMetadata(await objectBytes(original.objectId));
      expect(d.sha256).toBe(sha256(expected));
      expect(sha256(await objectBytes(d.objectId))).toBe(d.sha256);
      expect({
        title: d.title,
        fileName: d.fileName,
        kind: d.kind,
        caseId: d.caseId,
        date: d.date,
        dateApprox: d.dateApprox,
        mediaType: d.mediaType,
      }).toEqual({
        title: `${original.title} (exif stripped)`,
        fileName: original.fileName,
        kind: original.kind,
        caseId,
        date: original.date,
        dateApprox: original.dateApprox,
        mediaType: 'image/jpeg',
      });
      const made = entries().filter((e) => e.action === 'item.derivative_added' && e.subject === d.id);
      expect(made).toHaveLength(1);
      expect(made[0]).toMatchObject({
        hash: d.sha256,
        data: {
          object: d.objectId,
          size: d.size,
          sha512: d.sha512,
          deduplicated: false,
          caseId,
          kind: 'photo',
          extraction: d.extractionStatus,
          derivativeOf: original.id,
          derivativeKind: EXIF_STRIPPED,
        },
      });
      expect(Object.keys(made[0]?.data ?? {}).sort()).toEqual([
        'caseId',
        'deduplicated',
        'derivativeKind',
        'derivativeOf',
        'extraction',
        'kind',
        'object',
        'sha512',
        'size',
      ]);
    }
  });

  it(
    'reuses the derivatives on a second export: no new item, ' +
      'no new custody entry, none written to the temp folder',
    async () => {
      const before = {
        items: stripped()
          .map((d) => d.id)
          .sort(),
        made: entries().filter((e) => e.action === 'item.derivative_added').length,
      };
      let pkg: { packagePath: string; bag: string } | null = null;
      const written = await tempWritesDuring(async () => {
        pkg = await exportProtected('second');
      });
      expect(written).toEqual([]);
      expect(
        stripped()
          .map((d) => d.id)
          .sort(),
      ).toEqual(before.items);
      expect(entries().filter((e) => e.action === 'item.derivative_added')).toHaveLength(before.made);
      if (!pkg) throw new Error('no package');
      const register = await registerOf(pkg);
      for (const id of before.items) expect(register).toContain(id);
      for (const o of originals) expect(register).not.toContain(o.id);
    },
    60_000,
  );

  it('records exactly what a derivative added from a file records (every item column, the custody data)', async () => {
    const original = originals[0];
    const d = stripped().find((i) => i.derivativeOf === original?.id);
    if (!original || !d) throw new Error('no derivative');
    const file = path.join(tempDir(), original.fileName);
    fs.writeFileSync(file, await objectBytes(d.objectId));
    const viaFile = await addDerivative(vault, original.id, file, { derivativeKind: EXIF_STRIPPED });
    const differs = new Set(['id', 'created_at']);
    const pick = (r: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !differs.has(k)));
    expect(pick(row(d.id))).toEqual(pick(row(viaFile.id)));
    const [fromBytes, fromFile] = [d.id, viaFile.id].map((id) =>
      entries().find((e) => e.action === 'item.derivative_added' && e.subject === id),
    );
    // The second copy of the same content is stored once: only that flag differs.
    expect({ ...fromBytes?.data, deduplicated: true }).toEqual(fromFile?.data);
    expect(fromBytes?.hash).toBe(fromFile?.hash);
  });
});
