import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, generateX25519Identity } from '../../../main/crypto/age';
import { iterateStoredEntries, readCustodyHead } from '../../../main/custody/log-store';
import { createCase } from '../../../main/evidence/cases';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { exportPackage } from '../../../main/packages/export/export';
import { UnconfirmedNamesError } from '../../../main/packages/export/name-scan';
import { planExport } from '../../../main/packages/export/plan';
import type { Vault } from '../../../main/vault/vault';
import { untarBag } from '../../unit/packages/helpers';
import { createVault } from '../../../main/vault/create';
import { fastKdf, suiteTempDir, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { addCleanCase, addNamesCase, MARK, type NamesCase } from './names-fixture';

let vault: Vault;
let names: NamesCase;
let cleanCase: string;
const org = generateX25519Identity();
const identity = { kind: 'x25519' as const, secretKey: org.secretKey };

beforeAll(async () => {
  const root = suiteTempDir();
  ({ vault } = await createVault(path.join(root, 'vault'), {
    memberName: 'Investigator',
    passphrase: TEST_PASSPHRASE,
    kdf: await fastKdf(),
  }));
  const files = path.join(root, 'files');
  fs.mkdirSync(files);
  names = await addNamesCase(vault, files);
  cleanCase = await addCleanCase(vault, files);
}, 30_000);

afterAll(async () => {
  await vault.close();
});

function exportTo(caseId: string, profile: 'protected' | 'full', confirm?: boolean): ReturnType<typeof exportPackage> {
  return exportPackage(vault, {
    caseId,
    recipients: [org.publicKey],
    profile,
    output: path.join(tempDir(), 'p.tar.age'),
    ...(confirm === undefined ? {} : { confirmProtectedNames: confirm }),
  });
}

async function caseJsonOf(packagePath: string): Promise<{
  profile: {
    changes: string[];
    namesInOriginals: { item: string; path: string; code: string; count: number; fields: string[] }[];
  };
}> {
  const bagDir = untarBag(await ageDecrypt(fs.readFileSync(packagePath), [identity]), path.join(tempDir(), 'out'));
  return JSON.parse(fs.readFileSync(path.join(bagDir, 'data/case.json'), 'utf8')) as Awaited<
    ReturnType<typeof caseJsonOf>
  >;
}

describe('packages/export protected names in originals', () => {
  it('the plan lists each item that names a protected person, by code with the count, never the name', () => {
    const plan = planExport(vault.db, { caseId: names.caseId, profile: 'protected' });
    expect(plan.nameHits).toEqual([
      { itemId: names.reply, position: 1, title: 'Penitentiary reply', code: names.code, count: 3, fields: ['text'] },
      {
        itemId: names.letter,
        position: 2,
        title: 'Letter from the colony',
        code: names.code,
        count: 1,
        fields: ['fileName'],
      },
    ]);
    const shown = JSON.stringify(plan.nameHits);
    for (const name of [MARK.detainee, MARK.alias]) expect(shown).not.toContain(name);
  });

  it('finds nothing in a clean case, nor under the full profile, which names everyone', () => {
    expect(planExport(vault.db, { caseId: cleanCase, profile: 'protected' }).nameHits).toEqual([]);
    expect(planExport(vault.db, { caseId: names.caseId, profile: 'full' }).nameHits).toEqual([]);
  });

  it('counts only the chosen items, at their place in the package', () => {
    const plan = planExport(vault.db, {
      caseId: names.caseId,
      itemIds: [names.note, names.letter],
      profile: 'protected',
    });
    expect(plan.nameHits).toEqual([expect.objectContaining({ itemId: names.letter, position: 2, count: 1 })]);
  });

  it('finds a name joined to other words by underscores in a file name', async () => {
    const file = path.join(tempDir(), `reply_${MARK.alias}_2026.txt`);
    fs.writeFileSync(file, 'No names here.\n');
    const other = createCase(vault, { title: 'Underscores' });
    const item = await addFileItem(vault, file, { caseId: other.id, title: 'Underscored', kind: 'document' });
    expect(planExport(vault.db, { caseId: other.id, profile: 'protected' }).nameHits).toEqual([
      expect.objectContaining({ itemId: item.id, code: names.code, count: 1, fields: ['fileName'] }),
    ]);
  });

  it("finds a name in an item's acquisition notes, where neither its text nor its names hold it", async () => {
    const file = path.join(tempDir(), 'handover.txt');
    fs.writeFileSync(file, 'Received at the meeting point.\n');
    const other = createCase(vault, { title: 'Notes only' });
    const item = await addFileItem(vault, file, {
      caseId: other.id,
      title: 'Handover slip',
      kind: 'document',
      acquisition: { who: 'Field team', how: `from ${MARK.alias}'s sister`, note: `Ask ${MARK.detainee} to confirm.` },
    });
    expect(planExport(vault.db, { caseId: other.id, profile: 'protected' }).nameHits).toEqual([
      expect.objectContaining({ itemId: item.id, code: names.code, count: 2, fields: ['notes'] }),
    ]);
  });

  it('refuses the export without confirmation, listing the hits by code, and writes nothing', async () => {
    const dir = tempDir();
    const head = readCustodyHead(vault.db).size;
    const refused = exportPackage(vault, {
      caseId: names.caseId,
      recipients: [org.publicKey],
      profile: 'protected',
      output: path.join(dir, 'p.tar.age'),
    });
    await expect(refused).rejects.toBeInstanceOf(UnconfirmedNamesError);
    const err = (await refused.catch((e: unknown) => e)) as UnconfirmedNamesError;
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toContain(`${names.code} ×3 in text`);
    expect(err.message).toContain(`item 002 "Letter from the colony" (${names.letter}): ${names.code} ×1 in file name`);
    for (const name of [MARK.detainee, MARK.alias]) expect(err.message).not.toContain(name);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(readCustodyHead(vault.db).size).toBe(head);
  });

  it('exports with the confirmation, and the package and the custody entry report the hits by code', async () => {
    const r = await exportTo(names.caseId, 'protected', true);
    expect(r.nameHits.map((h) => [h.itemId, h.count])).toEqual([
      [names.reply, 3],
      [names.letter, 1],
    ]);
    const report = (await caseJsonOf(r.packagePath)).profile;
    expect(report.namesInOriginals).toEqual([
      { item: names.reply, path: 'data/items/001.txt', code: names.code, count: 3, fields: ['text'] },
      { item: names.letter, path: 'data/items/002.txt', code: names.code, count: 1, fields: ['fileName'] },
    ]);
    expect(report.changes.join(' ')).toMatch(/2 exported item\(s\) name people this profile protects/);
    const last = [...iterateStoredEntries(vault.db)]
      .map((e) => JSON.parse(e.canonical) as { action: string; data: Record<string, unknown> })
      .at(-1);
    expect(last).toMatchObject({
      action: 'package.exported',
      data: {
        namesConfirmed: [
          { item: names.reply, code: names.code, count: 3 },
          { item: names.letter, code: names.code, count: 1 },
        ],
      },
    });
    expect(JSON.stringify(last)).not.toContain(MARK.detainee);
  });

  it('exports a clean case, and the full profile, without any confirmation', async () => {
    const clean = await exportTo(cleanCase, 'protected');
    expect(clean.nameHits).toEqual([]);
    expect((await caseJsonOf(clean.packagePath)).profile.namesInOriginals).toEqual([]);
    const full = await exportTo(names.caseId, 'full');
    expect(full.nameHits).toEqual([]);
  });
});
