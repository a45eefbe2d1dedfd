import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
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
import { seededRandom } from '../../helpers/random';
import { fastKdf, runCli, spawnCli, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

const KILLS = 20;

/** Runs `vigil add` on the files and SIGKILLs it after `delayMs`; resolves to the ids it acknowledged. */
function addThenKill(dir: string, files: string[], delayMs: number): Promise<string[]> {
  return new Promise((resolve) => {
    const child = spawnCli(['add', dir, ...files]);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', () => {
      clearTimeout(timer);
      // Only complete lines count: a line is printed after its item is committed.
      const lines = stdout.split('\n').slice(0, -1);
      resolve(lines.map((l) => l.split(/\s+/)[0] ?? ''));
    });
  });
}

describe('crash safety', () => {
  it(
    `keeps every acknowledged add, leaves no object nobody recorded, and still verifies after ${KILLS} SIGKILLs ` +
      `at random moments`,
    async () => {
      const seed = Number(process.env.VIGIL_CRASH_SEED ?? Date.now() % 1_000_000);
      console.log(`crash test seed: ${seed} (replay with VIGIL_CRASH_SEED=${seed})`);
      const random = seededRandom(seed);
      const root = tempDir();
      const dir = path.join(root, 'vault');
      const init = runCli(['init', dir, '--name', 'Crash Test']);
      expect(init.status, init.stderr).toBe(0);

      const makeFiles = (name: string): string[] => {
        const folder = path.join(root, name);
        mkdirSync(folder);
        return Array.from({ length: 8 }, (_, i) => {
          const file = path.join(folder, `f${i}.bin`);
          writeFileSync(file, randomBytes(1024 + Math.floor(random() * 3 * 1024 * 1024)));
          return file;
        });
      };
      // Calibrate on this machine: how long does an uninterrupted add of 8 files take?
      const started = Date.now();
      const calibration = await addThenKill(dir, makeFiles('calibration'), 120_000);
      const fullRunMs = Date.now() - started;
      expect(calibration).toHaveLength(8);

      const acknowledged = new Set<string>(calibration);
      let totalKilledMidway = 0;
      for (let round = 0; round < KILLS; round++) {
        const files = makeFiles(`round-${round}`);
        // Anywhere from start-up (unlock, lock file, database open) to the last file's commit.
        const delay = Math.floor(random() * fullRunMs * 0.95);
        const ids = await addThenKill(dir, files, delay);
        if (ids.length < files.length) totalKilledMidway++;
        ids.forEach((id) => acknowledged.add(id));

        const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
        try {
          const report = await verifyVault(vault);
          expect(
            report.findings.filter((f) => !f.ok && !f.warning),
            `round ${round}, kill after ${delay} ms`,
          ).toEqual([]);
          // What a killed add stored but never recorded went when the vault was unlocked again.
          expect(report.objects.orphans, `round ${round}, kill after ${delay} ms: objects nobody recorded`).toBe(0);
          const present = new Set(listItems(vault.db).map((i) => i.id));
          for (const id of acknowledged)
            expect(present.has(id), `acknowledged item ${id} lost in round ${round}`).toBe(true);
        } finally {
          await vault.close();
        }
      }
      // The test must actually interrupt work, not just run adds to completion.
      expect(totalKilledMidway).toBeGreaterThan(KILLS / 2);
      expect(acknowledged.size).toBeGreaterThan(0);
    },
    300_000,
  );

  it(
    `an import killed at ${IMPORT_KILLS} random moments leaves the vault verifying, with no object nobody ` +
      `recorded and the package's case there once, whole, or not at all`,
    async () => {
      const seed = Number(process.env.VIGIL_CRASH_SEED ?? Date.now() % 1_000_000);
      console.log(`import crash test seed: ${seed} (replay with VIGIL_CRASH_SEED=${seed})`);
      const random = seededRandom(seed);
      const root = tempDir();
      const { file, keyFile, items } = await packageWithLargeItems(root, random);
      const dir = path.join(root, 'receiver');
      await (
        await createVault(dir, { memberName: 'Receiver', passphrase: TEST_PASSPHRASE, kdf: await fastKdf() })
      ).vault.close();

      // Timed on a copy: a package is imported once, so the receiver must not have it yet.
      const scratch = path.join(root, 'scratch');
      cpSync(dir, scratch, { recursive: true });
      const started = Date.now();
      expect(await importThenKill(scratch, file, keyFile, 120_000)).toBe(true);
      const fullRunMs = Date.now() - started;
      let killedMidway = 0;
      for (let round = 0; round < IMPORT_KILLS; round++) {
        const delay = Math.floor(random() * fullRunMs * 0.95);
        if (!(await importThenKill(dir, file, keyFile, delay))) killedMidway++;
        const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
        try {
          const report = await verifyVault(vault);
          expect(
            report.findings.filter((f) => !f.ok && !f.warning),
            `round ${round}, kill after ${delay} ms`,
          ).toEqual([]);
          // What a killed import stored went when the vault was unlocked again, not left for --repair.
          expect(report.objects.orphans, `round ${round}, kill after ${delay} ms: objects nobody recorded`).toBe(0);
          // Every case in the receiving vault came from a completed import, with all its items, and the package came in
          // once.
          const cases = vault.db.prepare('SELECT id FROM cases').pluck().all() as string[];
          const imported = vault.db.prepare('SELECT case_id FROM imported_packages').pluck().all() as string[];
          expect(cases.sort(), `round ${round}, kill after ${delay} ms`).toEqual(imported.sort());
          expect(cases.length, `round ${round}: the package was imported more than once`).toBeLessThanOrEqual(1);
          for (const caseId of cases) expect(listItems(vault.db, { caseId }), `round ${round}`).toHaveLength(items);
        } finally {
          await vault.close();
        }
      }
      expect(killedMidway).toBeGreaterThan(IMPORT_KILLS / 2);
    },
    300_000,
  );
});

const IMPORT_KILLS = 12;
/** The package's signing-key fingerprint, confirmed for the import as the receiver would after a phone call. */
let signer = '';

/** Runs `vigil import` and SIGKILLs it after `delayMs`; resolves to whether it finished first. */
function importThenKill(dir: string, file: string, keyFile: string, delayMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawnCli(['import', dir, file, '--identity', keyFile, '--trust-new-signer', signer]);
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

/** The demo case with a few MiB-sized items added, exported to a new age key. */
async function packageWithLargeItems(
  root: string,
  random: () => number,
): Promise<{ file: string; keyFile: string; items: number }> {
  const source = path.join(root, 'source');
  await createDemoVault(source, TEST_PASSPHRASE, await fastKdf());
  const vault = await openVault(source, { passphrase: TEST_PASSPHRASE });
  try {
    const caseId = vault.db.prepare('SELECT id FROM cases LIMIT 1').pluck().get() as string;
    const folder = path.join(root, 'files');
    mkdirSync(folder);
    for (let i = 0; i < 6; i++) {
      const f = path.join(folder, `recording-${i}.bin`);
      writeFileSync(f, randomBytes(2 * 1024 * 1024 + Math.floor(random() * 2 * 1024 * 1024)));
      await addFileItem(vault, f, { caseId });
    }
    const key = generateX25519Identity();
    const keyFile = path.join(root, 'key.txt');
    writeFileSync(keyFile, `${encodeIdentity(key.secretKey)}\n`);
    const file = path.join(root, 'case.tar.age');
    const exported = await exportPackage(vault, { caseId, recipients: [key.publicKey], profile: 'full', output: file });
    signer = memberIdentity(vault).fingerprints.minisign;
    return { file, keyFile, items: exported.items };
  } finally {
    await vault.close();
  }
}
