/**
 * Issue 14 (points 2 and 3): the `item.ingested` entry of a file whose name is not UTF-8 cited
 * the name by the bare SHA-256 of its bytes. Every package carries that entry, so its recipient
 * could confirm a guessed file name offline, although the protected profile names items by
 * number precisely because file names carry people's names. New entries commit to the name with
 * a salt kept in the vault; `vigil verify` checks the kept bytes against either form. Every name
 * here is fictional.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyVault } from '../../../main/checks/verify-vault';
import { ageDecrypt, generateX25519Identity } from '../../../main/crypto/age';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { createCase } from '../../../main/evidence/cases';
import { addFileItems, type AddedItem } from '../../../main/evidence/item-ingest';
import type * as RawName from '../../../main/evidence/raw-name';
import { exportPackage } from '../../../main/packages/export/export';
import type { Vault } from '../../../main/vault/vault';
import { cp1251, rawPath, writeRaw } from '../../helpers/legacy-names';
import { newTestVault, suiteTempDir, tempDir } from '../../helpers/vault';
import { untarBag } from '../../unit/packages/helpers';
import { allFiles } from '../packages/export-fixture';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

// Entries of earlier versions: the bare digest of the name, no salt kept.
const mode = vi.hoisted(() => ({ before: false }));
vi.mock('../../../main/evidence/raw-name', async (importOriginal) => {
  const actual = await importOriginal<typeof RawName>();
  const rawNameData = (raw: Buffer | null): ReturnType<typeof actual.rawNameData> =>
    mode.before && raw !== null
      ? ({ salt: null, data: { rawNameSha256: sha256(raw), rawNameShownAs: 'cp1251' } } as unknown as ReturnType<
          typeof actual.rawNameData
        >)
      : actual.rawNameData(raw);
  return { ...actual, rawNameData };
});

const NAME = 'Заява Олени Петренко.txt';

let vault: Vault;
let close: () => Promise<void>;
let caseId: string;
let source: string;

beforeAll(async () => {
  ({ vault } = await newTestVault());
  close = () => vault.close();
  caseId = createCase(vault, { title: 'Coastal detention file', reference: 'CST-0415' }).id;
  source = suiteTempDir('vigil-raw-commit-');
});

afterAll(async () => {
  await close();
});

/** Adds one file named by the cp1251 bytes of `name` (as a folder read as bytes gives it). */
async function addRawNamed(name: string, content: string): Promise<AddedItem> {
  const file = writeRaw(rawPath(fs.mkdtempSync(path.join(source, 'f-')), cp1251(name)), content);
  const added: AddedItem[] = [];
  await addFileItems(vault, [file], { caseId }, (item) => added.push(item));
  const [item] = added;
  if (item === undefined) throw new Error('nothing added');
  return item;
}

function ingestData(itemId: string): Record<string, unknown> | undefined {
  for (const row of iterateStoredEntries(vault.db)) {
    const e = JSON.parse(row.canonical) as { action: string; subject: string; data: Record<string, unknown> };
    if (e.action === 'item.ingested' && e.subject === itemId) return e.data;
  }
  return undefined;
}

function saltOf(itemId: string): Buffer | null {
  return vault.db.prepare('SELECT raw_name_salt FROM items WHERE id = ?').pluck().get(itemId) as Buffer | null;
}

/** The vault's failed findings about one item. */
async function failuresAbout(itemId: string): Promise<string[]> {
  const report = await verifyVault(vault, { quick: true });
  return report.findings.filter((f) => !f.ok && f.subject === `item ${itemId}`).map((f) => f.detail);
}

describe('evidence/raw-name: a file name that is not UTF-8 in custody', () => {
  it(
    'is cited by a salted commitment, so a protected package carries nothing that confirms a guessed file ' + 'name',
    async () => {
      const item = await addRawNamed(NAME, 'A neutral text.\n');
      const data = ingestData(item.id);
      const salt = saltOf(item.id);
      expect(salt).toHaveLength(32);
      expect(data).toMatchObject({ rawNameShownAs: 'cp1251' });
      expect(data).not.toHaveProperty('rawNameSha256');
      expect(data?.['rawNameCommitment']).toBe(
        createHash('sha256')
          .update(salt ?? Buffer.alloc(0))
          .update(cp1251(NAME))
          .digest('hex'),
      );

      const org = generateX25519Identity();
      const r = await exportPackage(vault, {
        caseId,
        recipients: [org.publicKey],
        profile: 'protected',
        output: path.join(tempDir(), 'p.tar.age'),
        confirmProtectedNames: true,
      });
      const tar = await ageDecrypt(fs.readFileSync(r.packagePath), [{ kind: 'x25519', secretKey: org.secretKey }]);
      const bagDir = untarBag(tar, path.join(tempDir(), 'out'));
      // The recipient's best guess is the right name, in the encodings a name might have had.
      const guesses = [cp1251(NAME), Buffer.from(NAME, 'utf8')].map(sha256);
      const texts = allFiles(bagDir).map((f) => fs.readFileSync(path.join(bagDir, f), 'latin1'));
      texts.push(fs.readFileSync(r.receiptPath, 'latin1'));
      for (const text of texts) for (const guess of guesses) expect(text).not.toContain(guess);
      expect(texts.join('\n')).not.toContain((salt ?? Buffer.alloc(1)).toString('hex'));
    },
  );

  it('is checked by vigil verify: the name or its salt changed, removed or added outside Vigil is caught', async () => {
    const item = await addRawNamed('Лист Олени.txt', 'Another neutral text.\n');
    expect(await failuresAbout(item.id)).toEqual([]);
    const kept = {
      raw: vault.db.prepare('SELECT file_name_raw FROM items WHERE id = ?').pluck().get(item.id) as Buffer,
      salt: saltOf(item.id),
    };
    const set = (raw: Buffer | null, salt: Buffer | null): void => {
      vault.db.prepare('UPDATE items SET file_name_raw = ?, raw_name_salt = ? WHERE id = ?').run(raw, salt, item.id);
    };
    const changedSalt = Buffer.from(kept.salt ?? Buffer.alloc(32));
    changedSalt[0] = (changedSalt[0] ?? 0) ^ 1;
    for (const [what, raw, salt, detail] of [
      ['the name changed', cp1251('Лист Олени 2.txt'), kept.salt, /not the one its entry commits to/],
      ['one bit of the salt changed', kept.raw, changedSalt, /not the one its entry commits to/],
      ['the salt removed', kept.raw, null, /the salt is missing/],
      ['the name removed', null, null, /the stored item has none/],
    ] as const) {
      set(raw, salt);
      expect(await failuresAbout(item.id), what).toEqual([expect.stringMatching(detail)]);
      set(kept.raw, kept.salt);
    }
    expect(await failuresAbout(item.id)).toEqual([]);

    // A name that is UTF-8 has no entry to check against: one given to it outside Vigil is caught too.
    const plainFile = path.join(fs.mkdtempSync(path.join(source, 'p-')), 'plain.txt');
    fs.writeFileSync(plainFile, 'Plain.\n');
    const added: AddedItem[] = [];
    await addFileItems(vault, [plainFile], { caseId }, (i) => added.push(i));
    const plain = added[0]?.id ?? '';
    vault.db.prepare('UPDATE items SET file_name_raw = ? WHERE id = ?').run(cp1251(NAME), plain);
    expect(await failuresAbout(plain)).toEqual([expect.stringMatching(/its entry cites none/)]);
    vault.db.prepare('UPDATE items SET file_name_raw = NULL WHERE id = ?').run(plain);
  });

  it('stays verifiable in entries of earlier versions (the bare SHA-256), where a changed name is still caught', async () => {
    mode.before = true;
    let item: AddedItem;
    try {
      item = await addRawNamed('Відповідь прокурора.txt', 'An old reply.\n');
    } finally {
      mode.before = false;
    }
    expect(ingestData(item.id)).toMatchObject({ rawNameSha256: sha256(cp1251('Відповідь прокурора.txt')) });
    expect(saltOf(item.id)).toBeNull();
    expect(await failuresAbout(item.id)).toEqual([]);
    vault.db.prepare('UPDATE items SET file_name_raw = ? WHERE id = ?').run(cp1251('Інша відповідь.txt'), item.id);
    expect(await failuresAbout(item.id)).toEqual([expect.stringMatching(/not the one its entry cites/)]);
  });
});
