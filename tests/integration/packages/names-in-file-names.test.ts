/**
 * Issue 14, point 2: protected names joined by "_", "-" or "." in file names and titles
 * ("Olena_Petrenko_statement.txt") went through the name protection and left in bag paths,
 * case.json and register.csv. Every name here is fictional.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, generateX25519Identity } from '../../../main/crypto/age';
import { createCase } from '../../../main/evidence/cases';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { addPerson } from '../../../main/evidence/people';
import { exportPackage } from '../../../main/packages/export/export';
import { planExport } from '../../../main/packages/export/plan';
import type { CustomProfile } from '../../../main/packages/export/profile';
import { createVault } from '../../../main/vault/create';
import type { Vault } from '../../../main/vault/vault';
import { fastKdf, suiteTempDir, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { untarBag } from '../../unit/packages/helpers';

/** The recorded file names and titles: the name joined to other words in the ways files are named. */
const FILES = [
  { file: 'Olena_Petrenko_statement.txt', title: 'Statement Olena_Petrenko' },
  { file: 'Olena-Petrenko-call.txt', title: 'Call with olena-petrenko' },
  { file: 'olena.petrenko.letter.txt', title: 'olena.petrenko.letter' },
  { file: 'Олена_Петренко_заява.txt', title: 'Заява: Олена_Петренко' },
];
/** Each word of the name and the alias: none may leave under the protected profile. */
const WORDS = ['olena', 'petrenko', 'олена', 'петренко'];

let vault: Vault;
let caseId: string;
let code: string;
const org = generateX25519Identity();
const identity = { kind: 'x25519' as const, secretKey: org.secretKey };

beforeAll(async () => {
  const root = suiteTempDir();
  ({ vault } = await createVault(path.join(root, 'vault'), {
    memberName: 'Investigator',
    passphrase: TEST_PASSPHRASE,
    kdf: await fastKdf(),
  }));
  caseId = createCase(vault, { title: 'Coastal detention file', reference: 'CST-0414' }).id;
  code = addPerson(vault, { caseId, role: 'detainee', name: 'Олена Петренко', aliases: ['Olena Petrenko'] }).code;
  const dir = path.join(root, 'files');
  fs.mkdirSync(dir);
  for (const { file, title } of FILES) {
    fs.writeFileSync(path.join(dir, file), 'A neutral text without any name.\n');
    await addFileItem(vault, path.join(dir, file), { caseId, title, kind: 'document' });
  }
}, 30_000);

afterAll(async () => {
  await vault.close();
});

/** Every file of a bag folder: its path under the bag and its text. */
function bagFiles(bagDir: string): { rel: string; text: string }[] {
  const out: { rel: string; text: string }[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push({ rel: path.relative(bagDir, p), text: fs.readFileSync(p).toString('utf8') });
    }
  };
  walk(bagDir);
  return out;
}

async function exported(profile: 'protected' | 'full' | CustomProfile): Promise<{ bagDir: string; receipt: string }> {
  const r = await exportPackage(vault, {
    caseId,
    recipients: [org.publicKey],
    profile,
    output: path.join(tempDir(), 'p.tar.age'),
    confirmProtectedNames: true,
  });
  const bagDir = untarBag(await ageDecrypt(fs.readFileSync(r.packagePath), [identity]), path.join(tempDir(), 'out'));
  return {
    bagDir,
    receipt: fs.readFileSync(r.receiptPath, 'utf8') + fs.readFileSync(`${r.receiptPath}.minisig`, 'utf8'),
  };
}

describe('packages/export names joined by punctuation in file names and titles', () => {
  it('the pre-export scan finds the name in every file name and title, by code', () => {
    const plan = planExport(vault.db, { caseId, profile: 'protected' });
    expect(plan.nameHits.map((h) => [h.position, h.code, h.count, h.fields])).toEqual(
      FILES.map((_, i) => [i + 1, code, 2, ['fileName', 'title']]),
    );
    const shown = JSON.stringify(plan.nameHits).toLowerCase();
    for (const word of WORDS) expect(shown).not.toContain(word);
  });

  it(
    'the protected profile names bag items NNN.<ext>, and no ' +
      'word of the name is anywhere in the bag or the receipt',
    async () => {
      const plan = planExport(vault.db, { caseId, profile: 'protected' });
      expect(plan.items.map((i) => i.path)).toEqual([
        'data/items/001.txt',
        'data/items/002.txt',
        'data/items/003.txt',
        'data/items/004.txt',
      ]);
      const { bagDir, receipt } = await exported('protected');
      const files = bagFiles(bagDir);
      expect(files.map((f) => f.rel)).toEqual(expect.arrayContaining(['data/items/001.txt', 'data/items/004.txt']));
      for (const { rel, text } of [...files, { rel: 'receipt', text: receipt }]) {
        for (const word of WORDS) {
          expect(rel.toLowerCase(), rel).not.toContain(word);
          expect(text.toLowerCase(), rel).not.toContain(word);
        }
      }
      const caseJson = JSON.parse(fs.readFileSync(path.join(bagDir, 'data/case.json'), 'utf8')) as {
        items: { title: string }[];
      };
      expect(caseJson.items.map((i) => i.title)).toEqual([
        `Statement ${code}`,
        `Call with ${code}`,
        `${code}.letter`,
        `Заява: ${code}`,
      ]);
      expect(fs.readFileSync(path.join(bagDir, 'data/register.csv'), 'utf8')).toContain(`Statement ${code}`);
    },
  );

  it('a custom profile that hides names keeps the named file but with the code in place of the name', () => {
    const custom: CustomProfile = {
      name: 'partner',
      names: 'codes',
      recordings: true,
      stripExif: true,
      contactDetails: false,
    };
    const plan = planExport(vault.db, { caseId, profile: custom });
    expect(plan.items.map((i) => i.path)).toEqual([
      `data/items/001-${code}_statement.txt`,
      `data/items/002-${code}-call.txt`,
      `data/items/003-${code}.letter.txt`,
      `data/items/004-${code}_заява.txt`,
    ]);
  });

  it('the full profile, which names everyone, keeps the recorded names', () => {
    const plan = planExport(vault.db, { caseId, profile: 'full' });
    expect(plan.items.map((i) => i.path)).toEqual(FILES.map((f, i) => `data/items/00${i + 1}-${f.file}`));
    expect(plan.nameHits).toEqual([]);
  });
});

describe('packages/export the last look before sealing', () => {
  it(
    'refuses a package whose texts would still carry a hidden name (a case reference is kept as typed), naming ' +
      'file, line and code',
    async () => {
      const other = createCase(vault, { title: 'Reference case', reference: 'UA-Olena-Petrenko-2' }).id;
      addPerson(vault, { caseId: other, role: 'relative', name: 'Mykola Fictive' });
      const dir = tempDir();
      const refused = exportPackage(vault, {
        caseId: other,
        recipients: [org.publicKey],
        profile: 'protected',
        output: path.join(dir, 'p.tar.age'),
      });
      const err = (await refused.then(
        () => null,
        (e: unknown) => e,
      )) as { code: string; message: string } | null;
      expect(err).toMatchObject({ code: 'INVALID_INPUT' });
      expect(err?.message).toMatch(new RegExp(`data/case\\.json, line \\d+: ${code}`));
      expect(err?.message).toMatch(new RegExp(`data/submission/communication\\.json, line \\d+: ${code}`));
      for (const word of WORDS) expect(err?.message.toLowerCase()).not.toContain(word);
      expect(fs.readdirSync(dir)).toEqual([]);
    },
  );

  it('refuses a package file name that carries a hidden name', async () => {
    const dir = tempDir();
    const refused = exportPackage(vault, {
      caseId,
      recipients: [org.publicKey],
      profile: 'protected',
      output: path.join(dir, 'olena.petrenko.tar.age'),
      confirmProtectedNames: true,
    });
    await expect(refused).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(`the package file name, line 1: ${code}`) as unknown,
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
