// Benchmark: verifying a package of ~1 GiB (`verifyPackageFile`: age decrypt, safe tar reading in memory,
// BagIt SHA-256 + SHA-512 of every file, signatures, custody proofs) against the plain tools
// `age -d -i key | tar x` then `sha256sum -c manifest-sha256.txt` on the same package.
// Run alone with: npx tsx tests/bench/verify-1gib.ts [MiB]
import fs from 'node:fs';
import path from 'node:path';
import { parseIdentity, parseRecipient } from '../../main/crypto/age';
import { loadSodium } from '../../main/crypto/sodium';
import { createCase } from '../../main/evidence/cases';
import { addFileItem } from '../../main/evidence/item-ingest';
import { exportPackage } from '../../main/packages/export/export';
import { importPackage } from '../../main/packages/import';
import { verifyPackageFile } from '../../main/packages/verify';
import { createVault } from '../../main/vault/create';
import { memberIdentity } from '../../main/vault/identity';
import {
  BENCH_PASSPHRASE,
  fmt,
  GIB,
  makeTempDir,
  mbps,
  MIB,
  removeTempDir,
  requireTools,
  runChild,
  runStandalone,
  settleInputs,
  timed,
  type BenchResult,
  writeRandomFile,
} from './lib';

const FILES = 8;
const RUNS = 3;

/** Makes a real package of `bytes` of items with the exporter, sealed to a key made by age-keygen. */
async function makePackage(
  dir: string,
  bytes: number,
): Promise<{ file: string; receipt: string; keyFile: string; signer: string }> {
  const keyFile = path.join(dir, 'key.txt');
  await runChild('age-keygen', ['-o', keyFile]);
  const recipient = parseRecipient((await runChild('age-keygen', ['-y', keyFile])).stdout.trim());
  if (recipient.kind !== 'x25519') throw new Error('age-keygen gave no X25519 recipient');
  const sodium = await loadSodium();
  const { vault } = await createVault(path.join(dir, 'vault'), {
    memberName: 'Bench',
    passphrase: BENCH_PASSPHRASE,
    kdf: { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: sodium.crypto_pwhash_MEMLIMIT_MIN },
  });
  try {
    const c = createCase(vault, { title: 'Bench case', reference: 'BENCH-1' });
    for (let i = 0; i < FILES; i++) {
      const file = path.join(dir, `item-${i}.bin`);
      writeRandomFile(file, Math.floor(bytes / FILES));
      await addFileItem(vault, file, { caseId: c.id, extract: false });
      fs.rmSync(file);
    }
    const out = await exportPackage(vault, {
      caseId: c.id,
      recipients: [recipient.publicKey],
      profile: 'full',
      output: path.join(dir, 'bench.tar.age'),
    });
    const id = memberIdentity(vault);
    if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
    return { file: out.packagePath, receipt: out.receiptPath, keyFile, signer: id.fingerprints.minisign };
  } finally {
    await vault.close();
  }
}

/** Runs the benchmark on a package of `bytes` of items (1 GiB by default). */
export async function run(bytes = GIB): Promise<BenchResult> {
  requireTools('tar', 'age', 'age-keygen', 'sha256sum');
  const dir = makeTempDir();
  try {
    const pkg = await makePackage(dir, bytes);
    const keyLine =
      fs
        .readFileSync(pkg.keyFile, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('AGE-SECRET-KEY-1')) ?? '';
    const tools: number[] = [];
    const vigil: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const runTools = async (): Promise<void> => {
        const out = path.join(dir, `tools-${i}`);
        fs.mkdirSync(out);
        const script =
          'age -d -i "$1" "$2" | tar xf - -C "$3" && cd "$3"/* && sha256sum -c --quiet manifest-sha256.txt';
        await settleInputs([pkg.file]);
        const child = await runChild('sh', ['-c', script, 'sh', pkg.keyFile, pkg.file, out]);
        if (child.stderr.trim() !== '') throw new Error(`the tools failed: ${child.stderr}`);
        tools.push(child.seconds);
        removeTempDir(out);
      };
      const runVigil = async (): Promise<void> => {
        await settleInputs([pkg.file]);
        const measured = await timed(() =>
          verifyPackageFile(pkg.file, { identities: [parseIdentity(keyLine)], receipt: pkg.receipt }),
        );
        if (!measured.value.ok)
          throw new Error(`vigil verify failed: ${JSON.stringify(measured.value.checks.filter((c) => !c.ok))}`);
        vigil.push(measured.seconds);
      };
      // Alternating which goes first, so neither always meets the machine in the same state.
      for (const step of i % 2 === 0 ? [runTools, runVigil] : [runVigil, runTools]) await step();
    }
    return report(bytes, tools, vigil, await timeImport(dir, pkg.file, keyLine, pkg.signer));
  } finally {
    removeTempDir(dir);
  }
}

/**
 * One import of the package into a new vault, for the report: the same checks as verify,
 * then a second decrypting pass that stores each item encrypted (no plaintext on disk).
 */
async function timeImport(
  dir: string,
  file: string,
  keyLine: string,
  signer: string,
): Promise<{ seconds: number; cpuSeconds: number }> {
  const sodium = await loadSodium();
  const { vault } = await createVault(path.join(dir, 'receiver'), {
    memberName: 'Receiver',
    passphrase: BENCH_PASSPHRASE,
    kdf: { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: sodium.crypto_pwhash_MEMLIMIT_MIN },
  });
  try {
    await settleInputs([file]);
    // CPU time of the whole process (every thread): steadier than wall time on a shared disk.
    const cpuBefore = process.cpuUsage();
    // The receiver confirms the exporter's fingerprint, as after a phone call.
    const { seconds } = await timed(() =>
      importPackage(vault, file, { identities: [parseIdentity(keyLine)], trustSigners: [signer] }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await vault.close();
  }
}

function report(
  bytes: number,
  tools: number[],
  vigil: number[],
  imported: { seconds: number; cpuSeconds: number },
): BenchResult {
  const bestTools = Math.min(...tools);
  const bestVigil = Math.min(...vigil);
  const ratio = bestTools / bestVigil;
  const size = `${fmt(bytes / MIB, 0)} MiB`;
  return {
    name: 'verify-1gib',
    figures: [
      {
        metric: `age -d | tar x; sha256sum -c, ${size} (best of ${RUNS})`,
        value: `${fmt(bestTools)} s, ${fmt(mbps(bytes, bestTools), 0)} MB/s`,
        target: '',
        pass: null,
      },
      {
        metric: `vigil verifyPackageFile, ${size} (best of ${RUNS})`,
        value: `${fmt(bestVigil)} s, ${fmt(mbps(bytes, bestVigil), 0)} MB/s`,
        target: '',
        pass: null,
      },
      {
        metric: 'vigil verify / (age | tar; sha256sum) throughput',
        value: `${fmt(ratio)}x`,
        target: '>= 1.00x',
        pass: ratio >= 1,
      },
      {
        metric: `vigil importPackage into a new vault, ${size} (one run; reported)`,
        value: `${fmt(imported.seconds)} s, ${fmt(mbps(bytes, imported.seconds), 0)} MB/s`,
        target: '',
        pass: null,
      },
      {
        metric: 'vigil importPackage, CPU time of all threads (reported)',
        value: `${fmt(imported.cpuSeconds)} s`,
        target: '',
        pass: null,
      },
    ],
    notes: [
      `each run: tools ${tools.map((t) => `${fmt(t)} s`).join(', ')}; vigil ` +
        `${vigil.map((t) => `${fmt(t)} s`).join(', ')}`,
      'vigil also checks SHA-512 (both manifests), the tag manifests, every signature, custody entry, proof ' +
        'and the receipt; the tools check SHA-256 of the payload only',
      'vigil checks the package as it decrypts it, in one pass, and writes none of it to disk (SHA-512 and the ' +
        'package SHA-256 in worker threads); the tools write the bag out and read it back',
      'before each timed run both sides start alike: sync, then the package read into the page cache; the ' +
        'order alternates from run to run',
    ],
  };
}

runStandalone(__filename, () => run(process.argv[2] ? Number(process.argv[2]) * MIB : GIB));
