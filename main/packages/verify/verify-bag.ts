import path from 'node:path';
import { folderBag, type BagFiles } from '../bagit/bag-files';
import { validateBag } from '../bagit/bag-validate';
import { checkCustody, type CustodyFacts } from './custody-check';
import { parseKeysFile, type ListedKey } from './keys-file';
import { checkReceipt, manifest256 } from './receipt-check';
import { checkRecords } from './records-check';
import { CheckList, type PackageReport } from './report';
import { checkTagSignature, TAG_SIGNATURE_FILE } from './signature-check';
import { checkSignerTrust, packageSigners, type TrustOptions } from './signer-trust';
import { checkTimestamps } from './timestamp-check';
import { checkConsistency, type ConsistencyOutcome, type SenderHistory } from '../consistency/consistency-check';
import { checkUpdateMarker } from '../update/update-check';

/** A report together with what the custody files established (import keeps them). */
export interface BagVerification {
  report: PackageReport;
  facts: CustodyFacts;
  keysText: string | null;
  /** The consistency file as read and the verdict on the sender's history (import keeps both). */
  consistency: ConsistencyOutcome | null;
}

const MAX_LISTED = 20;

async function checkBagit(bag: BagFiles, list: CheckList): Promise<Record<string, string>> {
  const v = await validateBag(bag, { unlistedTagFiles: [TAG_SIGNATURE_FILE] });
  for (const p of v.problems.slice(0, MAX_LISTED)) list.fail('bagit', `${p.path} ${p.problem}.`, p.path);
  if (v.problems.length > MAX_LISTED)
    list.fail('bagit', `${v.problems.length - MAX_LISTED} more problems were found in the bag.`);
  for (const w of v.warnings.slice(0, MAX_LISTED)) list.note('bagit', `${w.path} ${w.problem}.`, w.path);
  if (v.warnings.length > MAX_LISTED)
    list.note('bagit', `${v.warnings.length - MAX_LISTED} more warnings about the bag.`);
  if (v.ok)
    list.pass(
      'bagit',
      `The bag is complete and every file matches both its SHA-256 and SHA-512 checksums (${v.payloadFiles} ` +
        `files, ${v.payloadBytes} bytes).`,
    );
  if (v.info['Vigil-Vault'] === undefined)
    list.fail('bagit', 'bag-info.txt does not name the vault the package comes from (Vigil-Vault).', 'bag-info.txt');
  if (v.info['External-Identifier'] === undefined)
    list.fail('bagit', 'bag-info.txt does not give the package id (External-Identifier).', 'bag-info.txt');
  return v.info;
}

async function loadKeys(bag: BagFiles, list: CheckList): Promise<{ keys: ListedKey[]; text: string | null }> {
  const where = 'data/custody/keys.txt';
  const text = (await bag.read(where))?.toString('utf8') ?? null;
  if (text === null) {
    list.fail('signature', 'The list of signer keys is missing, so no signature in the package can be checked.', where);
    return { keys: [], text };
  }
  const parsed = parseKeysFile(text);
  for (const p of parsed.problems) list.fail('signature', `The list of signer keys is damaged: ${p}.`, where);
  return { keys: parsed.keys, text };
}

/**
 * Options of a bag verification: the receipt to check, the package's SHA-256, and what to judge the signers by (none:
 * unchecked).
 */
interface BagCheckOptions {
  receipt?: string;
  packageSha256?: string;
  trust?: TrustOptions;
  /** What the reader saw before from the sender's vault, to check the package extends it (none: unchecked). */
  history?: SenderHistory;
}

/**
 * Verifies a bag: BagIt completeness and checksums, the signer keys, the checkpoint, every
 * custody entry and proof, the records the package opens, the tag-manifest signature, who
 * signed it (against `opts.trust`) and, if given, the receipt. `bag` is an unpacked folder
 * (NOT_FOUND when it is not one) or a bag read from a package stream. Every finding is a check.
 */
export async function verifyBagDetailed(bag: string | BagFiles, opts: BagCheckOptions = {}): Promise<BagVerification> {
  const files = typeof bag === 'string' ? folderBag(bag) : bag;
  const list = new CheckList();
  const info = await checkBagit(files, list);
  const packageId = info['External-Identifier'];
  const vault = info['Vigil-Vault'];
  const { keys, text } = await loadKeys(files, list);
  const facts = await checkCustody(files, vault, keys, list);
  await checkRecords(files, facts.entries, list);
  const consistency = await checkConsistency(files, facts, keys, list, vault, opts.history);
  await checkTimestamps(files, facts, list);
  const handover = await checkUpdateMarker(files, info, list);
  const tagSigner = await checkTagSignature(files, { packageId, bag: files.name }, keys, facts.actors, list);
  // Only an established signer can be judged; when the signature failed the package fails anyway.
  const signerTrust =
    tagSigner === null
      ? undefined
      : checkSignerTrust(packageSigners(tagSigner, facts.checkpointSigner, keys), vault ?? '', opts.trust, list);
  if (opts.receipt !== undefined) {
    const ctx = {
      files,
      bag: files.name,
      packageId,
      vault,
      checkpointNote: facts.checkpointNote,
      ...(opts.packageSha256 === undefined ? {} : { packageSha256: opts.packageSha256 }),
    };
    await checkReceipt(opts.receipt, ctx, keys, list);
  }
  const items = [...(await manifest256(files)).keys()].filter((p) => p.startsWith('data/items/')).length;
  const report: PackageReport = {
    ok: list.ok,
    ...(packageId === undefined ? {} : { packageId }),
    bag: files.name,
    ...(vault === undefined ? {} : { vault }),
    signers: keys.map(({ name, publicKey, fingerprint }) => ({ name, publicKey, fingerprint })),
    ...(signerTrust === undefined ? {} : { signerTrust }),
    consistency: consistency.verdict,
    checks: list.checks,
    items,
    ...(handover === null ? {} : { handover }),
  };
  return { report, facts, keysText: text, consistency };
}

/** Verifies an unpacked bag folder (see verifyBagDetailed); exit status 0 only when `ok`. */
export async function verifyBagFolder(
  bagDir: string,
  opts: Pick<BagCheckOptions, 'receipt' | 'trust' | 'history'> = {},
): Promise<PackageReport> {
  return (await verifyBagDetailed(path.resolve(bagDir), opts)).report;
}
