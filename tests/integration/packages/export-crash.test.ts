import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateX25519Identity } from '../../../main/crypto/age';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { createDemoVault } from '../../../main/evidence/demo';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { verifyPackageFile } from '../../../main/packages/verify';
import { openVault } from '../../../main/vault/open';
import { verifyVault } from '../../../main/checks/verify-vault';
import { crashSeed, ownSteps, runKilled } from '../../helpers/crash';
import { seededRandom } from '../../helpers/random';
import { fastKdf, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

const RANDOM_KILLS = 5;
/**
 * The three files of a finished export: nothing else may lie in the output folder once the vault was unlocked again.
 */
const FINISHED = /\.(tar\.age|receipt\.txt|receipt\.txt\.minisig|verify\.html)$/;

interface Setup {
  dir: string;
  caseId: string;
  out: string;
  recipient: string;
  identity: Uint8Array;
}

/** The demo case with three 512 KiB recordings added, so that sealing takes a moment. */
async function setup(): Promise<Setup> {
  const root = tempDir();
  const dir = path.join(root, 'vault');
  await createDemoVault(dir, TEST_PASSPHRASE, await fastKdf());
  const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
  try {
    const caseId = vault.db.prepare('SELECT id FROM cases LIMIT 1').pluck().get() as string;
    for (let i = 0; i < 3; i++) {
      const file = path.join(root, `recording-${i}.bin`);
      writeFileSync(file, randomBytes(512 * 1024));
      await addFileItem(vault, file, { caseId });
    }
    const key = generateX25519Identity();
    const out = path.join(root, 'out');
    mkdirSync(out);
    return { dir, caseId, out, recipient: key.recipient, identity: key.secretKey };
  } finally {
    await vault.close();
  }
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The package hashes `package.exported` entries cite, after unlocking (which settles what a crash left). */
async function recordedExports(s: Setup, label: string): Promise<string[]> {
  const vault = await openVault(s.dir, { passphrase: TEST_PASSPHRASE });
  try {
    const report = await verifyVault(vault, { quick: true });
    expect(
      report.findings.filter((f) => !f.ok),
      label,
    ).toEqual([]);
    const entries = [...iterateStoredEntries(vault.db)].map(
      (e) => JSON.parse(e.canonical) as { action: string; hash: string | null },
    );
    return entries.filter((e) => e.action === 'package.exported').map((e) => e.hash ?? '');
  } finally {
    await vault.close();
  }
}

/** Every package in the output folder has its receipt and signature beside it. */
function expectWholePackages(names: string[], label: string): string[] {
  const packages = names.filter((n) => n.endsWith('.tar.age'));
  for (const p of packages) {
    const base = p.slice(0, -'.tar.age'.length);
    expect(names, `${label}: ${p} without its receipt`).toContain(`${base}.receipt.txt`);
    expect(names, `${label}: ${p} without the receipt's signature`).toContain(`${base}.receipt.txt.minisig`);
  }
  return packages;
}

/**
 * What must hold after a kill: right away, before any unlock, a file under a package's name is
 * whole, with its receipt, and recorded; after the next unlock the folder holds only finished
 * exports, one per `package.exported` entry, and each verifies with its receipt.
 */
async function check(s: Setup, verified: Set<string>, label: string): Promise<void> {
  const seen = expectWholePackages(readdirSync(s.out), `${label} (before unlocking)`);
  const seenSums = seen.map((p) => sha256(path.join(s.out, p)));
  const recorded = await recordedExports(s, label);
  for (const [i, p] of seen.entries())
    expect(recorded, `${label}: ${p} is under its final name but not in custody`).toContain(seenSums[i]);
  const after = readdirSync(s.out);
  expect(
    after.filter((n) => !FINISHED.test(n)),
    `${label}: leftovers after unlocking`,
  ).toEqual([]);
  const packages = expectWholePackages(after, `${label} (after unlocking)`);
  expect(
    packages.map((p) => sha256(path.join(s.out, p))).sort(),
    `${label}: packages and package.exported entries differ`,
  ).toEqual([...recorded].sort());
  for (const p of packages.filter((name) => !verified.has(name))) {
    const file = path.join(s.out, p);
    const report = await verifyPackageFile(file, {
      identities: [{ kind: 'x25519', secretKey: s.identity }],
      receipt: file.replace(/\.tar\.age$/, '.receipt.txt'),
    });
    expect(
      report.checks.filter((c) => !c.ok),
      `${label}: ${p} does not verify`,
    ).toEqual([]);
    verified.add(p);
  }
}

describe('crash safety of vigil export', () => {
  it(
    'after a SIGKILL before every step of an export and at random moments, a package appears only complete, with ' +
      'its receipt and its custody entry, and leftovers go at the next unlock',
    async () => {
      const random = seededRandom(crashSeed('export crash test'));
      const s = await setup();
      const traceFile = path.join(tempDir(), 'trace');
      const verified = new Set<string>();
      const args = (n: number): string[] => [
        'export',
        s.dir,
        '--case',
        s.caseId,
        '--to',
        s.recipient,
        '--profile',
        'full',
        '-o',
        path.join(s.out, `package-${n}.tar.age`),
      ];
      const unlock = await runKilled(['status', s.dir], {}, null, traceFile);
      const started = Date.now();
      const full = await runKilled(args(0), {}, null, traceFile);
      const fullMs = Date.now() - started;
      expect(full.status, full.stderr).toBe(0);
      await check(s, verified, 'full run');
      const trace = full.trace ?? [];
      let n = 1;
      for (const op of ownSteps(trace, unlock.trace ?? [])) {
        await runKilled(args(n++), {}, { op });
        await check(s, verified, `killed before step ${op} of ${trace.length} (${trace[op - 1]})`);
      }
      for (let i = 0; i < RANDOM_KILLS; i++) {
        const delayMs = Math.floor(random() * fullMs);
        await runKilled(args(n++), {}, { delayMs });
        await check(s, verified, `killed after ${delayMs} ms of ${fullMs}`);
      }
      console.log(
        `export crash test: ${n - 1} kills (${n - 1 - RANDOM_KILLS} before steps of ${trace.length}, ${RANDOM_KILLS} ` +
          `at random moments of ${fullMs} ms); ${verified.size} packages kept, each verified with its receipt`,
      );
      // The sweep reached both sides of the record: some exports were kept, some never happened.
      expect(verified.size).toBeGreaterThan(1);
      expect(verified.size).toBeLessThan(n);
    },
    120_000,
  );
});
