import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeIdentity, generateX25519Identity } from '../../../main/crypto/age';
import { createDemoVault } from '../../../main/evidence/demo';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { listItems } from '../../../main/evidence/items';
import { exportPackage } from '../../../main/packages/export/export';
import { createVault } from '../../../main/vault/create';
import { memberIdentity } from '../../../main/vault/identity';
import { openVault } from '../../../main/vault/open';
import { verifyVault } from '../../../main/checks/verify-vault';
import { ownSteps, runKilled } from '../../helpers/crash';
import { fastKdf, runCli, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

interface Setup {
  root: string;
  template: string;
  file: string;
  keyFile: string;
  items: number;
  /** The sender's signing-key fingerprint, as the receiver confirms it (read out by phone). */
  signer: string;
}

/**
 * A package of the demo case with two recordings, sealed to a new key, and an empty receiving vault to copy for each
 * round.
 */
async function setup(): Promise<Setup> {
  const root = tempDir();
  const source = path.join(root, 'source');
  await createDemoVault(source, TEST_PASSPHRASE, await fastKdf());
  const vault = await openVault(source, { passphrase: TEST_PASSPHRASE });
  try {
    const caseId = vault.db.prepare('SELECT id FROM cases LIMIT 1').pluck().get() as string;
    for (let i = 0; i < 2; i++) {
      const f = path.join(root, `recording-${i}.bin`);
      writeFileSync(f, randomBytes(256 * 1024));
      await addFileItem(vault, f, { caseId });
    }
    const key = generateX25519Identity();
    const keyFile = path.join(root, 'key.txt');
    writeFileSync(keyFile, `${encodeIdentity(key.secretKey)}\n`);
    const file = path.join(root, 'case.tar.age');
    const exported = await exportPackage(vault, { caseId, recipients: [key.publicKey], profile: 'full', output: file });
    const template = path.join(root, 'template');
    await (
      await createVault(template, { memberName: 'Receiving Member', passphrase: TEST_PASSPHRASE, kdf: await fastKdf() })
    ).vault.close();
    const sender = memberIdentity(vault);
    if (sender.ageIdentity.kind === 'x25519') sender.ageIdentity.secretKey.fill(0);
    return { root, template, file, keyFile, items: exported.items, signer: sender.fingerprints.minisign };
  } finally {
    await vault.close();
  }
}

/**
 * The cases the package brought (at most one), after checking the vault verifies and holds no object nobody recorded.
 */
async function importedCases(dir: string, s: Setup, label: string): Promise<string[]> {
  const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
  try {
    const report = await verifyVault(vault, { quick: true });
    expect(
      report.findings.filter((f) => !f.ok && !f.warning),
      label,
    ).toEqual([]);
    // What a killed import stored was removed when the vault was unlocked again, not left for --repair.
    expect(report.objects.orphans, `${label}: objects nobody recorded`).toBe(0);
    const cases = vault.db.prepare('SELECT id FROM cases').pluck().all() as string[];
    const imported = vault.db.prepare('SELECT case_id FROM imported_packages').pluck().all() as string[];
    expect(cases.sort(), label).toEqual(imported.sort());
    for (const caseId of cases) expect(listItems(vault.db, { caseId }), label).toHaveLength(s.items);
    const entries = vault.db
      .prepare(`SELECT count(*) FROM custody_log WHERE entry LIKE '%"action":"package.imported"%'`)
      .pluck()
      .get() as number;
    expect(entries, label).toBe(cases.length);
    return cases;
  } finally {
    await vault.close();
  }
}

describe('crash safety of vigil import', () => {
  it(
    'after a SIGKILL before each step of an import, the vault holds the case whole or not at all, and rerunning ' +
      'the import brings it in exactly once',
    async () => {
      const s = await setup();
      const args = (dir: string): string[] => [
        'import',
        dir,
        s.file,
        '--identity',
        s.keyFile,
        '--trust-new-signer',
        s.signer,
      ];
      const traceFile = path.join(s.root, 'trace');
      const scratch = path.join(s.root, 'scratch');
      cpSync(s.template, scratch, { recursive: true });
      const unlock = await runKilled(['status', scratch], {}, null, traceFile);
      const full = await runKilled(args(scratch), {}, null, traceFile);
      expect(full.status, full.stderr).toBe(0);
      const trace = full.trace ?? [];
      mkdirSync(path.join(s.root, 'rounds'));
      let committedBeforeKill = 0;
      const steps = ownSteps(trace, unlock.trace ?? []);
      console.log(
        `import crash test: ${steps.length} of ${trace.length} steps: ${steps.map((k) => trace[k - 1]).join(', ')}`,
      );
      for (const op of steps) {
        const label = `killed before step ${op} of ${trace.length} (${trace[op - 1]})`;
        const dir = path.join(s.root, 'rounds', String(op));
        cpSync(s.template, dir, { recursive: true });
        await runKilled(args(dir), {}, { op });
        const before = await importedCases(dir, s, label);
        if (before.length === 1) committedBeforeKill++;
        const again = runCli(args(dir));
        expect(again.status, `${label}: rerun: ${again.stderr}`).toBe(0);
        expect(again.stdout, label).toMatch(
          before.length === 1 ? /was already imported into this vault .* Nothing was changed\./ : /Imported package/,
        );
        expect(await importedCases(dir, s, `${label}, then rerun`), label).toHaveLength(1);
      }
      // The sweep reached both sides of the commit.
      expect(committedBeforeKill).toBeGreaterThan(0);
    },
    120_000,
  );
});
