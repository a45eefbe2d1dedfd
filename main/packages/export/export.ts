import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { packageBagName } from '../../../shared/areas/packages.values';
import { VigilError } from '../../../shared/errors';
import { encodeRecipient, type AgeRecipient } from '../../crypto/age';
import { minisignPublicKeyLine, minisignSign } from '../../crypto/minisign';
import { makeCheckpoint } from '../../custody/checkpoint-store';
import type { CustodyRecord } from '../../custody/log-store';
import { getCase } from '../../evidence/cases';
import type { NameHit } from './name-scan';
import { keyFingerprint, memberMinisignKey } from '../../vault/identity';
import {
  abandonPublication,
  beginPublication,
  finishPublication,
  flushPublication,
  markPublicationCommitted,
  type Publication,
} from '../../vault/publications';
import type { Db } from '../../vault/database';
import type { Vault } from '../../vault/vault';
import { bagInfoText } from '../bagit/bag-text';
import { checkInfo, writeBag } from '../bagit/bag-writer';
import { TAG_SIGNATURE_FILE } from '../verify/signature-check';
import { sharedCryptoWorkers, type CryptoWorker } from '../../workers/worker-client';
import { bagEntries, checkItemHashes } from './bag-entries';
import { buildPayload } from './payload';
import { exportedCheckpointData } from '../consistency/consistency-export';
import { assertAbsent, writeNewFile, writeSealedTemp, type SealedTemp } from './package-file';
import type { ExportProfile } from './profile';
import { assertNoSurvivingNames, packageTexts } from './seal-scan';
import { receiptItemLabel, receiptText } from './texts';
import { verifierPageHtml, verifierPagePath } from './verifier-page';
import { bagInfoUpdateLines, recordSent, updateBaseFor } from '../update/export-update';
import type { ExportMode } from '../update/update-plan';

export { loadProfile, type CustomProfile, type ExportProfile } from './profile';

/** What to export, to whom, and how. */
interface ExportOptions {
  caseId: string;
  itemIds?: string[];
  /** X25519 public keys of the recipients; null when sealing to a passphrase. */
  recipients: Uint8Array[] | null;
  /** A passphrase (age scrypt recipient) instead of recipients. */
  passphrase?: string;
  profile: ExportProfile;
  /** Path of the new FILE.tar.age; it must not exist. */
  output: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Bag-Software-Agent version (the CLI passes its own). */
  softwareVersion?: string;
  /**
   * The sender checked the items that name protected people (see name-scan.ts)
   * and exports them anyway; without it such an export is refused.
   */
  confirmProtectedNames?: boolean;
  /** A full package (the default), or an update of an earlier package to the same recipients (DESIGN §6). */
  mode?: ExportMode;
}

/** What an export produced. */
export interface ExportResult {
  packagePath: string;
  receiptPath: string;
  /** The offline verifier page beside the package; null when this build has none. */
  verifierPath: string | null;
  packageSha256: string;
  packageId: string;
  bag: string;
  items: number;
  bytes: number;
  /** Protected names found in the exported items, by code (confirmed by the sender). */
  nameHits: NameHit[];
  /** The package this one updates; null for a full package. */
  updateOf: string | null;
}

function ageRecipients(opts: ExportOptions): { recipients: AgeRecipient[]; shown: string; fingerprints: string[] } {
  const keys = opts.recipients ?? [];
  if (opts.passphrase !== undefined) {
    if (keys.length > 0)
      throw new VigilError('INVALID_INPUT', 'Seal a package either to recipients or to a passphrase, not both.');
    if ([...opts.passphrase].length < 8)
      throw new VigilError(
        'INVALID_INPUT',
        'Choose a package passphrase of at least 8 characters (several words are best).',
      );
    return {
      recipients: [{ kind: 'scrypt', passphrase: Buffer.from(opts.passphrase, 'utf8') }],
      shown: 'passphrase',
      fingerprints: ['passphrase'],
    };
  }
  if (keys.length === 0)
    throw new VigilError(
      'INVALID_INPUT',
      'Name at least one recipient ("age1…" key or address-book name), or seal to a passphrase.',
    );
  const texts = keys.map((k) => encodeRecipient(k));
  return {
    recipients: keys.map((publicKey) => ({ kind: 'x25519', publicKey })),
    shown: texts.join(','),
    fingerprints: texts.map((t) => keyFingerprint(t)),
  };
}

function paths(output: string): { packagePath: string; receiptPath: string; fileName: string } {
  const packagePath = path.resolve(output);
  const fileName = path.basename(packagePath);
  if (!fileName.endsWith('.tar.age') || fileName === '.tar.age')
    throw new VigilError('INVALID_INPUT', `Name the package FILE.tar.age (got "${fileName}").`);
  return { packagePath, receiptPath: packagePath.replace(/\.tar\.age$/, '.receipt.txt'), fileName };
}

/**
 * The crypto worker that seals the package (encryption, the package's SHA-256, the disk),
 * so that this thread only reads, decrypts, hashes and packs; with none available (a build
 * without the worker file) all of it runs here, more slowly.
 */
function sealingWorker(): CryptoWorker | null {
  return sharedCryptoWorkers(1)?.[0] ?? null;
}

/**
 * Exports a case as a sealed package (DESIGN §6): the BagIt bag streams from the vault
 * through tar and age into FILE.tar.age's partial file, the signed receipt is written beside
 * it (partial too), the custody entry `package.exported` commits, and only then do the files
 * take their names, the package last (vault/publications.ts). On failure nothing is left on
 * disk and no entry is written; after a crash, the next unlock finishes or removes them.
 */
export async function exportPackage(vault: Vault, opts: ExportOptions): Promise<ExportResult> {
  const { packagePath, receiptPath, fileName } = paths(opts.output);
  const seal = ageRecipients(opts);
  await assertAbsent(packagePath);
  await assertAbsent(receiptPath);
  await assertAbsent(`${receiptPath}.minisig`);
  await assertAbsent(verifierPagePath(packagePath));
  const signer = vault.requireSigner();
  // Asked for first: threads not yet running boot while the payload is planned.
  return sealAndRecord(vault, opts, { packagePath, receiptPath, fileName, seal, signer, sealer: sealingWorker() });
}

/**
 * Commits the export's custody entry with its publication once every file is written and flushed, and no final name is
 * taken.
 */
async function recordExport(
  vault: Vault,
  publication: Publication,
  record: CustodyRecord,
  sent: (db: Db) => void,
): Promise<void> {
  await flushPublication(publication);
  for (const { final } of publication.files) await assertAbsent(final);
  vault.change((db) => {
    markPublicationCommitted(db, publication.id);
    sent(db);
    return { result: null, custody: record };
  });
}

interface Sealing {
  packagePath: string;
  receiptPath: string;
  fileName: string;
  seal: ReturnType<typeof ageRecipients>;
  signer: ReturnType<Vault['requireSigner']>;
  sealer: CryptoWorker | null;
}

/** Plans, writes and seals the bag, publishes it with its signed receipt, then records the custody entry. */
async function sealAndRecord(
  vault: Vault,
  opts: ExportOptions,
  { packagePath, receiptPath, fileName, seal, signer, sealer }: Sealing,
): Promise<ExportResult> {
  const key = memberMinisignKey(vault);
  const c = getCase(vault.db, opts.caseId);
  const now = new Date();
  const exportedAt = now.toISOString();
  const packageId = randomUUID();
  // Neutral: the receipt, outside the encryption, names the bag.
  const bag = packageBagName(now);
  const signerLine = minisignPublicKeyLine(key.keyId, key.publicKey);
  const updateBase = updateBaseFor(vault.db, opts, seal.fingerprints);
  const plan = await buildPayload(vault, opts, {
    packageId,
    bag,
    fileName,
    signerLine,
    signerFingerprint: keyFingerprint(signerLine),
    checkpoint: () => makeCheckpoint(vault.db, vault.vaultId, signer),
    recipients: seal.fingerprints,
    updateBase,
  });
  const total = plan.items.reduce((n, p) => n + p.item.size, 0) + plan.files.reduce((n, f) => n + f.data.length, 0);
  const info = {
    baggingDate: exportedAt.slice(0, 10),
    externalIdentifier: packageId,
    softwareAgent: `Vigil ${opts.softwareVersion ?? '0.1.0'}`,
    extra: [
      ['Vigil-Vault', vault.vaultId],
      ['Vigil-Profile', plan.settings.kind],
      ...bagInfoUpdateLines(plan.handover),
    ] as [string, string][],
  };
  // Last look before sealing: no hidden name in any text of the bag, whatever it came from.
  const paths = [...plan.items.map((p) => p.path), ...plan.files.map((f) => f.path)];
  assertNoSurvivingNames(
    [...plan.texts, ...packageTexts({ fileName, bag, paths, bagInfo: bagInfoText(checkInfo(info)) }, plan.policy)],
    plan.policy,
  );
  const signature = {
    name: TAG_SIGNATURE_FILE,
    content: ({ tagManifestSha512 }: { tagManifestSha512: Buffer }) =>
      minisignSign(tagManifestSha512, key, `vigil package ${packageId} bag ${bag}`).then((t) => Buffer.from(t)),
  };
  const bagOpts = {
    afterTagManifests: [signature],
    onProgress: (done: number) => opts.onProgress?.(done, total),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
  // Journalled before the first byte is written, so that a crash leaves nothing the next unlock does not find.
  // The offline verifier page (when this build has one) is published with them, before the package.
  const verifierHtml = await verifierPageHtml();
  const verifierPath = verifierHtml === null ? null : verifierPagePath(packagePath);
  const publication = beginPublication(vault.db, [
    ...(verifierPath === null ? [] : [verifierPath]),
    `${receiptPath}.minisig`,
    receiptPath,
    packagePath,
  ]);
  const [sigFile, receiptFile, packageFile] = publication.files.slice(-3);
  const pageFile = verifierPath === null ? undefined : publication.files[0];
  if (!sigFile || !receiptFile || !packageFile) throw new VigilError('INTERNAL', 'The export has no files to write.');
  let sealed: SealedTemp;
  try {
    sealed = await writeSealedTemp(
      packageFile.partial,
      seal.recipients,
      async (out) => {
        checkItemHashes(plan, await writeBag(out, bag, bagEntries(vault, plan), info, bagOpts));
      },
      sealer,
    ).catch((err: unknown) => {
      if (opts.signal?.aborted)
        throw new VigilError('CANCELLED', 'The export was cancelled; no package was written.', { cause: err });
      throw err;
    });
    const receipt = receiptText({
      fileName,
      packageSha256: sealed.sha256,
      packageId,
      bag,
      vaultId: vault.vaultId,
      exportedAt,
      signerHex: signer.publicKeyHex,
      signerFingerprint: keyFingerprint(signerLine),
      recipients: seal.shown,
      profile: plan.settings.kind,
      items: plan.items.map((p, i) => ({ sha256: p.item.sha256, label: receiptItemLabel(i + 1) })),
      checkpoint: plan.checkpointNote,
    });
    await writeNewFile(receiptFile.partial, receipt);
    if (pageFile !== undefined && verifierHtml !== null) await writeNewFile(pageFile.partial, verifierHtml);
    await writeNewFile(
      sigFile.partial,
      await minisignSign(Buffer.from(receipt), key, `vigil receipt ${packageId} package-sha256 ${sealed.sha256}`),
    );
    const namesConfirmed = plan.nameHits.map((h) => ({ item: h.itemId, code: h.code, count: h.count }));
    await recordExport(
      vault,
      publication,
      {
        action: 'package.exported',
        subject: c.id,
        hash: sealed.sha256,
        data: {
          packageId,
          items: plan.items.length,
          profile: plan.settings.name,
          recipients: seal.fingerprints,
          ...exportedCheckpointData(plan.checkpoint),
          ...(namesConfirmed.length > 0 ? { namesConfirmed } : {}),
          ...(plan.handover.update ? { updateOf: plan.handover.update.of } : {}),
        },
      },
      (db) =>
        recordSent(
          db,
          { packageId, caseId: c.id, fingerprints: seal.fingerprints, profile: plan.settings.name },
          plan.handover,
        ),
    );
  } catch (err) {
    await abandonPublication(vault.db, publication).catch(() => undefined);
    throw err;
  }
  await finishPublication(vault.db, publication);
  return {
    packagePath,
    receiptPath,
    verifierPath,
    packageSha256: sealed.sha256,
    packageId,
    bag,
    items: plan.items.length,
    bytes: sealed.bytes,
    nameHits: plan.nameHits,
    updateOf: plan.handover.update?.of ?? null,
  };
}
