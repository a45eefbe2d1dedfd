/**
 * What lies in the clear after an export: the package's file name, the receipt
 * and its signature, the vault folder (vault.json and everything else), the
 * app's settings file and anything left in the temp folder. None of it may
 * carry the case's title or reference, a person's name or alias, an item's
 * file name or the member's name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPackageFileName } from '../../../shared/areas/packages.values';
import { minisignSign } from '../../../main/crypto/minisign';
import { listItems } from '../../../main/evidence/items';
import { verifyPackageFile } from '../../../main/packages/verify';
import { memberIdentity, memberMinisignKey } from '../../../main/vault/identity';
import { channelValue as ok, coreForEachTest } from '../../helpers/ipc';
import { snapshotFiles, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { addNamesCase, MARK } from './names-fixture';

const cores = coreForEachTest();
const MEMBER = 'Halvard Quincemoor';
const NEEDLES = [
  MARK.title,
  MARK.reference,
  MARK.detainee,
  MARK.alias,
  MARK.lawyer,
  MARK.fileName,
  MARK.fileNamePart,
  MEMBER,
];

/** The needles found in `bytes` (UTF-8 or UTF-16, any letter case), or in its name. */
function found(name: string, bytes: Buffer): string[] {
  const texts = [bytes.toString('latin1').toLowerCase(), bytes.toString('utf16le').toLowerCase(), name.toLowerCase()];
  return NEEDLES.filter((n) => texts.some((t) => t.includes(n.toLowerCase()))).map((n) => `${n} in ${name}`);
}

function scan(dir: string, label: string): string[] {
  return [...snapshotFiles(dir)].flatMap(([name, bytes]) => found(`${label}/${name}`, bytes));
}

describe('packages/export what lies in the clear', () => {
  it(
    'names no case, person, item file or member in the package name, receipt, signature, vault folder, settings ' +
      'or temp files',
    async () => {
      const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
      const core = await cores.locked();
      const dir = path.join(tempDir(), 'vault');
      await ok(core, 'vault:create', {
        folder: core.grant(dir, 'folder'),
        memberName: MEMBER,
        passphrase: TEST_PASSPHRASE,
      });
      await ok(core, 'settings:update', { language: 'uk' });
      const vault = core.services.session.requireVault();
      const names = await addNamesCase(vault, tempDir());
      const outDir = tempDir();
      const output = path.join(outDir, defaultPackageFileName(new Date()));
      const id = memberIdentity(vault);
      const r = await ok(core, 'packages:export', {
        taskId: 'export-clear',
        caseId: names.caseId,
        profile: { kind: 'protected' },
        recipients: [id.ageRecipient],
        output: core.grant(output, 'save-file'),
        confirmProtectedNames: true,
      });
      expect(path.basename(r.packagePath)).toMatch(/^vigil-package-\d{8}\.tar\.age$/);
      expect(r.bag).toMatch(/^vigil-package-\d{8}$/);

      const leaks = [
        ...scan(outDir, 'out'),
        ...scan(dir, 'vault'),
        ...scan(path.dirname(core.services.settings.file), 'settings'),
      ];
      const tmpNew = fs.readdirSync(os.tmpdir()).filter((n) => !tmpBefore.has(n));
      leaks.push(...tmpNew.flatMap((n) => found(`tmp/${n}`, Buffer.alloc(0))));
      expect(leaks).toEqual([]);
      // Control: the scan does see what is meant to be in the clear.
      expect(fs.readFileSync(path.join(dir, 'vault.json'), 'utf8')).toContain(vault.vaultId);
      expect(fs.readFileSync(core.services.settings.file, 'utf8')).toContain('uk');
      expect(fs.readdirSync(outDir).sort()).toEqual(
        [
          path.basename(output),
          path.basename(r.receiptPath),
          `${path.basename(r.receiptPath)}.minisig`,
          ...(r.verifierPath === null ? [] : [path.basename(r.verifierPath)]),
        ].sort(),
      );
    },
    60_000,
  );

  it(
    'the receipt still proves what was sent: package ' + 'SHA-256, checkpoint and each item by number and hash',
    async () => {
      const { core } = await cores.unlockedEmpty();
      const vault = core.services.session.requireVault();
      const names = await addNamesCase(vault, tempDir());
      const id = memberIdentity(vault);
      const output = path.join(tempDir(), defaultPackageFileName(new Date()));
      const r = await ok(core, 'packages:export', {
        taskId: 'export-proof',
        caseId: names.caseId,
        profile: { kind: 'protected' },
        recipients: [id.ageRecipient],
        output: core.grant(output, 'save-file'),
        confirmProtectedNames: true,
      });
      const receipt = fs.readFileSync(r.receiptPath, 'utf8');
      const hashes = listItems(vault.db, { caseId: names.caseId }).map((i) => i.sha256);
      expect(receipt).toContain(`package-sha256: ${r.packageSha256}\n`);
      expect(receipt).toContain(`profile: protected\n`);
      expect(receipt.split('items:\n')[1]?.split('checkpoint:\n')[0]).toBe(
        hashes.map((h, i) => `${h}  item-00${i + 1}\n`).join(''),
      );
      expect(receipt).toMatch(new RegExp(`checkpoint:\\nvigil/${vault.vaultId}\\n\\d+\\n`));

      const key = id.ageIdentity;
      const report = await verifyPackageFile(r.packagePath, { identities: [key], receipt: r.receiptPath });
      expect(report.checks.find((c) => c.check === 'receipt')).toMatchObject({ ok: true });
      // A receipt that claims another item hash (signed by the same key) does not describe this package.
      const other = path.join(tempDir(), 'other.receipt.txt');
      const forged = receipt.replace(/items:\n(.)/, (_m, c: string) => `items:\n${c === 'a' ? 'b' : 'a'}`);
      fs.writeFileSync(other, forged);
      fs.writeFileSync(`${other}.minisig`, await minisignSign(Buffer.from(forged), memberMinisignKey(vault), 'forged'));
      const bad = await verifyPackageFile(r.packagePath, { identities: [key], receipt: other });
      expect(bad.checks.find((c) => c.check === 'receipt')).toMatchObject({
        ok: false,
        detail: expect.stringContaining('item-001 has a different SHA-256'),
      });
    },
    60_000,
  );
});
