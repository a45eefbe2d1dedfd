import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt } from '../../../main/crypto/age';
import { createCase } from '../../../main/evidence/cases';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { getItem, type ItemSummary } from '../../../main/evidence/items';
import { addPerson } from '../../../main/evidence/people';
import { redactItem } from '../../../main/evidence/redact/redact-item';
import { exportPackage } from '../../../main/packages/export/export';
import { planExport } from '../../../main/packages/export/plan';
import { parseCustomProfile, type CustomProfile } from '../../../main/packages/export/profile';
import type { Vault } from '../../../main/vault/vault';
import { pdfFixture } from '../evidence/redact/fixtures';
import { untarBag } from '../../unit/packages/helpers';
import { fastKdf, suiteTempDir, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { createVault } from '../../../main/vault/create';

const PASSPHRASE = 'a long package passphrase';
const PROFILE: CustomProfile = {
  name: 'redacted-copies',
  names: 'codes',
  recordings: true,
  stripExif: true,
  contactDetails: false,
  useRedacted: true,
};

let vault: Vault;
let caseId: string;
let statement: ItemSummary;
let note: ItemSummary;
let redacted: ItemSummary;

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function exportAndOpen(
  profile: CustomProfile,
  confirm = false,
): Promise<{ bag: string; items: Map<string, Buffer> }> {
  const out = path.join(tempDir(), 'p.tar.age');
  await exportPackage(vault, {
    caseId,
    recipients: null,
    passphrase: PASSPHRASE,
    profile,
    output: out,
    confirmProtectedNames: confirm,
  });
  const tar = await ageDecrypt(fs.readFileSync(out), [{ kind: 'scrypt', passphrase: Buffer.from(PASSPHRASE) }]);
  const bag = untarBag(tar, path.join(tempDir(), 'open'));
  const dir = path.join(bag, 'data/items');
  return { bag, items: new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))])) };
}

beforeAll(async () => {
  // A vault for the whole file (newTestVault's folder goes after each test).
  ({ vault } = await createVault(path.join(suiteTempDir(), 'vault'), {
    memberName: 'Test Investigator',
    passphrase: TEST_PASSPHRASE,
    kdf: await fastKdf(),
  }));
  caseId = createCase(vault, { title: 'Colony case' }).id;
  const person = addPerson(vault, { caseId, role: 'witness', name: 'Olena Petrenko', aliases: ['Lena P.'] });
  const files = suiteTempDir();
  fs.writeFileSync(path.join(files, 'statement.pdf'), await pdfFixture());
  fs.writeFileSync(path.join(files, 'note.txt'), 'A note about the colony gate.\n');
  statement = await addFileItem(vault, path.join(files, 'statement.pdf'), { caseId });
  note = await addFileItem(vault, path.join(files, 'note.txt'), { caseId });
  redacted = (await redactItem(vault, statement.id, { personId: person.id })).item;
  return () => vault.close();
});

describe('packages/export with useRedacted', () => {
  it(
    "puts the redacted copy's bytes in the bag in place of " + 'the original, keeps items without one, and says so',
    async () => {
      const { bag, items } = await exportAndOpen(PROFILE);
      const hashes = [...items.values()].map(sha256);
      expect(hashes).toContain(redacted.sha256);
      expect(hashes).not.toContain(statement.sha256);
      expect(hashes).toContain(note.sha256);
      const caseJson = fs.readFileSync(path.join(bag, 'data/case.json'), 'utf8');
      expect((JSON.parse(caseJson) as { profile: { changes: string[] } }).profile.changes.join(' ')).toContain(
        '1 item(s) were exported as their latest redacted copy',
      );
      // The copy's making goes with it: its custody entry names the original's hash.
      const entries = fs.readFileSync(path.join(bag, 'data/custody/entries.jsonl'), 'utf8');
      expect(entries).toContain(redacted.id);
      expect(entries).toContain(statement.sha256);
    },
  );

  it('without useRedacted exports the original, whose names must then be confirmed', async () => {
    const { useRedacted: _dropped, ...plain } = PROFILE;
    await expect(exportAndOpen(plain)).rejects.toThrow(/Not exported: 1 item\(s\) name people this profile protects/);
    const { items } = await exportAndOpen(plain, true);
    expect([...items.values()].map(sha256)).toContain(statement.sha256);
  });

  it('the plan shows the redacted copy that will leave, and its name scan is of that copy', () => {
    const plan = planExport(vault.db, { caseId, profile: PROFILE });
    const entry = plan.items.find((i) => i.id === statement.id);
    expect(entry).toMatchObject({ size: getItem(vault.db, redacted.id).size });
    expect(plan.nameHits).toEqual([]);
  });

  it('reads useRedacted from a profile file and keeps a profile without it as written', () => {
    expect(parseCustomProfile({ ...PROFILE })).toMatchObject({ useRedacted: true });
    const { useRedacted: _dropped, ...plain } = PROFILE;
    expect(parseCustomProfile(plain)).toEqual(plain);
    expect(() => parseCustomProfile({ ...PROFILE, useRedacted: 'yes' })).toThrow(/useRedacted/);
  });
});
