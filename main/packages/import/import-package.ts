import { randomUUID } from 'node:crypto';
import { VigilError } from '../../../shared/errors';
import type { KnownDigests } from '../../blobs/blob-store';
import type { AgeIdentity } from '../../crypto/age';
import type { AddedItem } from '../../evidence/item-ingest';
import { ItemStaging } from '../../evidence/item-staging';
import { withOwnAgeIdentity } from '../../vault/identity';
import type { Vault } from '../../vault/vault';
import type { BagFiles } from '../bagit/bag-files';
import { loadManifests, type Alg } from '../bagit/bag-manifests';
import type { ExtractLimits } from '../tar/package-tar';
import { loadSignerDirectory, rememberSigners } from '../trust';
import { checkPackage, type CheckedPackage, type PackageProgress } from '../verify';
import { cancelled } from '../verify/package-file';
import {
  readReceivedCheckpoint,
  receivedHistory,
  recordReceivedCheckpoint,
  type ReceivedCheckpoint,
} from '../consistency/received-checkpoints';
import { historyRefusal } from '../consistency/history-refusal';
import { refuseIfImported } from './already-imported';
import { readCaseJson, type CaseJson } from './case-json';
import { stageItems } from './stage-items';
import { applyUpdate, receivedChanges } from '../update/apply-update';
import { saveReceived, type ReceivedChange } from '../update/received-records';
import { arriving, type Arriving } from '../update/receive-update';
import { readPackageRecords } from '../update/update-check';
import {
  importCase,
  importEventsAndRequests,
  importPeople,
  importTranscripts,
  loadTranscripts,
  type IdMaps,
  type PackagedTranscript,
} from './import-records';

/** What an import brought into the vault. */
export interface ImportResult {
  caseId: string;
  packageId: string;
  sourceVault: string;
  items: number;
  transcripts: number;
  events: number;
  requests: number;
  people: number;
  /** The package this one updated (its records were applied to that package's case); null for a full package. */
  updateOf: string | null;
}

/**
 * Options for importPackage; by default the package is opened with the member's own age
 * identity. Progress counts the package's bytes twice (it is read once to verify, once to
 * store): done of twice the file's size.
 */
export interface ImportOptions extends PackageProgress {
  identities?: AgeIdentity[];
  limits?: Partial<ExtractLimits>;
  /**
   * Fingerprints the person confirmed with the sender over a separate channel: an unknown signer
   * or a changed key with exactly one of these is trusted from this import on. Each must be a
   * signer's of the package, or the import is refused.
   */
  trustSigners?: string[];
  /**
   * The person knows the sender's history was rewritten or forked since the last package from
   * that vault (check `consistency`) and imports this one anyway; recorded in custody.
   */
  acceptRewrittenHistory?: boolean;
  /** For an update package: the case the person applies it to; refused unless it is the case its base brought in. */
  intoCase?: string;
}

const ITEMS = 'data/items/';

/** The progress of read `index` (0: verify, 1: store) of the package: done counts both reads, of twice its size. */
function readingProgress(opts: PackageProgress, index: 0 | 1): PackageProgress {
  const { onProgress, signal } = opts;
  return {
    ...(onProgress ? { onProgress: (done: number, size: number) => onProgress(index * size + done, 2 * size) } : {}),
    ...(signal ? { signal } : {}),
  };
}

/**
 * The refusal of a package that failed a check: SIGNER_UNTRUSTED when only its signer is not trusted, else
 * PACKAGE_INVALID.
 */
function refusal(checked: CheckedPackage, acceptRewrittenHistory: boolean): VigilError {
  const failed = checked.report.checks.filter((c) => !c.ok && !(acceptRewrittenHistory && c.check === 'consistency'));
  const why = failed
    .slice(0, 3)
    .map((c) => `${c.subject ? `${c.subject}: ` : ''}${c.detail}`)
    .join(' ');
  const more = failed.length > 3 ? ` (and ${failed.length - 3} more problems; run vigil verify for all of them)` : '';
  if (failed.length > 0 && failed.every((c) => c.check === 'signer-trust')) {
    return new VigilError(
      'SIGNER_UNTRUSTED',
      `The package was refused and nothing was imported: its signer is not one you trust. ${why}${more}`,
    );
  }
  if (failed.length > 0 && failed.every((c) => c.check === 'consistency')) return historyRefusal(why);
  return new VigilError('PACKAGE_INVALID', `The package was refused and nothing was imported. ${why}${more}`);
}

/** The verified items of the bag, by path, with their SHA-256 and SHA-512 from the verified manifests. */
async function verifiedItems(bag: BagFiles): Promise<Map<string, KnownDigests>> {
  const manifests = await loadManifests(bag, await bag.list(), 'manifest', []);
  const listed = (alg: Alg): Map<string, string> =>
    manifests.find((m) => m.alg === alg)?.entries ?? new Map<string, string>();
  const [sha256, sha512] = [listed('sha256'), listed('sha512')];
  const items = new Map<string, KnownDigests>();
  for (const p of [...sha256.keys()].filter((k) => k.startsWith(ITEMS)).sort()) {
    const digests = { sha256: sha256.get(p) ?? '', sha512: sha512.get(p) ?? '' };
    // The first pass refused a bag whose manifests do not both list every file; this only guards that.
    if (digests.sha512 === '')
      throw new VigilError('PACKAGE_INVALID', `${p} is not in manifest-sha512.txt; nothing was imported.`);
    items.set(p, digests);
  }
  return items;
}

/** What the first pass read of the package, to be recorded once its items are stored. */
interface Arrival {
  checked: CheckedPackage;
  data: CaseJson;
  transcripts: PackagedTranscript[];
  /** The sender's item id of each stored item, by its path in the bag. */
  senderIds: Map<string, string>;
  /** The bag paths of the stored items, in the order they were stored. */
  order: string[];
  /** The sender's custody entries, kept as provenance. */
  entriesJsonl: string;
  /** The sender's checkpoint and timestamps, kept as the newest from that vault. */
  received: ReceivedCheckpoint;
  /** How the package applies: a new case, or an update of the case its base brought in. */
  handover: Arriving;
  intoCase: string | undefined;
}

/**
 * Records the case, people, items, events, requests and transcripts, keeps the sender's
 * custody entries, checkpoint and keys, and appends `package.imported`. Runs inside the
 * staging's transaction, so a failure at any step (a full disk, say) leaves no half-imported
 * case and no custody entry behind.
 */
function recordArrival(vault: Vault, a: Arrival, recordItems: (caseId: string) => AddedItem[]): ImportResult {
  const packageId = a.checked.report.packageId ?? '';
  const sourceVault = a.checked.report.vault ?? '';
  // Checked again inside the transaction: two imports of one package at once record it once.
  refuseIfImported(vault.db, packageId, a.checked.sha256);
  const handover = arriving(vault.db, a.checked.report, a.handover.records, a.data.case.id ?? null, a.intoCase);
  if (handover.kind === 'update') return recordUpdate(vault, a, handover, recordItems);
  const maps: IdMaps = {
    people: new Map(),
    codes: new Map(),
    items: new Map(),
    events: new Map(),
    requests: new Map(),
    interviews: new Map(),
  };
  const caseId = importCase(vault, a.data.case);
  importPeople(vault, caseId, a.data.people, maps);
  const items = recordItems(caseId);
  items.forEach((item, i) => {
    const sender = a.senderIds.get(a.order[i] ?? '');
    if (sender !== undefined) maps.items.set(sender, item.id);
  });
  const counts = importEventsAndRequests(vault, caseId, a.data, maps);
  const transcripts = importTranscripts(vault, a.transcripts, caseId, packageId, maps);
  const checkpointSize = a.checked.facts.checkpoint?.size ?? 0;
  rememberSigners(vault, { caseId, packageId, sourceVault }, a.checked.report.signerTrust ?? []);
  recordReceivedCheckpoint(vault, a.received, { caseId, packageId, sourceVault });
  keepImport(
    vault,
    a,
    {
      caseId,
      updateOf: null,
      recordSet: handover.recordSet,
      changes: receivedChanges(handover.records, caseId, new Map(), maps),
    },
    { packageId, sourceVault, items: items.length, checkpointSize },
  );
  return {
    caseId,
    packageId,
    sourceVault,
    items: items.length,
    transcripts,
    people: a.data.people.length,
    ...counts,
    updateOf: null,
  };
}

/** Keeps the sender's custody record and the records the package brought, and appends `package.imported`. */
function keepImport(
  vault: Vault,
  a: Arrival,
  kept: { caseId: string; updateOf: string | null; recordSet: string; changes: ReceivedChange[] },
  entry: Record<string, unknown>,
): void {
  const importId = randomUUID();
  vault.change((db) => {
    db.prepare(
      'INSERT INTO imported_packages (id, package_id, bag, source_vault, checkpoint, entries_jsonl, keys_txt, ' +
        'imported_at, case_id, package_sha256, update_of, record_set) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      importId,
      a.checked.report.packageId ?? '',
      a.checked.report.bag ?? '',
      a.checked.report.vault ?? '',
      a.checked.facts.checkpointNote ?? '',
      a.entriesJsonl,
      a.checked.keysText ?? '',
      new Date().toISOString(),
      kept.caseId,
      a.checked.sha256,
      kept.updateOf,
      kept.recordSet,
    );
    saveReceived(db, importId, kept.changes);
    return {
      result: null,
      custody: { action: 'package.imported', subject: kept.caseId, hash: a.checked.sha256, data: entry },
    };
  });
}

/**
 * Applies an update package to the case its base brought in (update/apply-update.ts), inside the import's transaction.
 */
function recordUpdate(
  vault: Vault,
  a: Arrival,
  u: Extract<Arriving, { kind: 'update' }>,
  recordItems: (caseId: string) => AddedItem[],
): ImportResult {
  const packageId = a.checked.report.packageId ?? '';
  const sourceVault = a.checked.report.vault ?? '';
  const applied = applyUpdate(
    vault,
    {
      caseId: u.base.caseId,
      packageId,
      data: a.data,
      records: u.records,
      transcripts: a.transcripts,
      senderIds: a.senderIds,
      order: a.order,
    },
    u.state,
    recordItems,
  );
  rememberSigners(vault, { caseId: u.base.caseId, packageId, sourceVault }, a.checked.report.signerTrust ?? []);
  recordReceivedCheckpoint(vault, a.received, { caseId: u.base.caseId, packageId, sourceVault });
  const added = applied.changes.filter((c) => c.change === 'added').length;
  const entry = {
    packageId,
    sourceVault,
    items: applied.items,
    checkpointSize: a.checked.facts.checkpoint?.size ?? 0,
    updateOf: u.updateOf,
    added,
    changed: applied.changes.length - added,
  };
  keepImport(
    vault,
    a,
    { caseId: u.base.caseId, updateOf: u.updateOf, recordSet: u.recordSet, changes: applied.changes },
    entry,
  );
  const { changes: _changes, ...counts } = applied;
  return { caseId: u.base.caseId, packageId, sourceVault, ...counts, updateOf: u.updateOf };
}

async function bringIn(
  vault: Vault,
  file: string,
  identities: AgeIdentity[],
  opts: ImportOptions,
  checked: CheckedPackage & { bag: BagFiles },
): Promise<ImportResult> {
  const { bag } = checked;
  const data = await readCaseJson(bag);
  const transcripts = await loadTranscripts(bag);
  const expected = await verifiedItems(bag);
  const senderIds = new Map(data.items.filter((i) => expected.has(i.path)).map((i) => [i.path, i.id]));
  const entriesJsonl = (await bag.read('data/custody/entries.jsonl'))?.toString('utf8') ?? '';
  const received = await readReceivedCheckpoint(bag, checked);
  const records = await readPackageRecords(bag);
  // Before anything is stored: an update that cannot apply here changes nothing.
  const handover = arriving(vault.db, checked.report, records.records, data.case.id ?? null, opts.intoCase);
  const staging = new ItemStaging(vault, {
    acquisition: { how: 'imported package', note: checked.report.packageId ?? '' },
  });
  let order: string[];
  try {
    order = await stageItems(file, identities, opts.limits, expected, staging, readingProgress(opts, 1));
    if (opts.signal?.aborted === true) throw cancelled();
  } catch (err) {
    await staging.discard();
    throw err;
  }
  return staging.commit((recordItems) =>
    recordArrival(
      vault,
      { checked, data, transcripts, senderIds, order, entriesJsonl, received, handover, intoCase: opts.intoCase },
      recordItems,
    ),
  );
}

/**
 * Imports a sealed package without ever writing its plaintext to disk. First pass: decrypts
 * and verifies EVERYTHING (the same checks as vigil verify), keeping all but the items in
 * memory, and refuses with PACKAGE_INVALID, writing nothing, on any problem. Second pass:
 * decrypts again and stores each verified item straight into the vault's encrypted store,
 * checked against the verified manifest. Only then are the case, people, items, events,
 * requests and transcripts added, the sender's custody entries, checkpoint and keys kept as
 * provenance, newly trusted signers remembered, and `package.imported` recorded, all in one
 * transaction. Its signer must be trusted (address book, trusted before for the sender's
 * vault, or confirmed in `opts.trustSigners`), else SIGNER_UNTRUSTED. A package imported
 * before (same id or same file hash) is refused with ALREADY_IMPORTED and changes nothing.
 */
export async function importPackage(vault: Vault, file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  vault.requireSigner();
  if (opts.identities === undefined) return withOwnAgeIdentity(vault, (own) => importWith(vault, file, [own], opts));
  return importWith(vault, file, opts.identities, opts);
}

async function importWith(
  vault: Vault,
  file: string,
  identities: AgeIdentity[],
  opts: ImportOptions,
): Promise<ImportResult> {
  const trust = { directory: loadSignerDirectory(vault.db, vault.vaultId), confirmed: opts.trustSigners ?? [] };
  const history = receivedHistory(vault.db, vault.vaultId);
  const checked = await checkPackage(file, {
    identities,
    trust,
    history,
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...readingProgress(opts, 0),
    keep: (rel) => !rel.startsWith(ITEMS),
  });
  const accept = opts.acceptRewrittenHistory === true;
  const blocking = checked.report.checks.filter((c) => !c.ok && !(accept && c.check === 'consistency'));
  // A package imported before fails the history check once a later one came: a rerun still says it is here.
  if (checked.bag !== null && blocking.length > 0 && blocking.every((c) => c.check === 'consistency'))
    refuseIfImported(vault.db, checked.report.packageId ?? '', checked.sha256);
  if (checked.bag === null || blocking.length > 0) throw refusal(checked, accept);
  // Before anything is stored: a package already here changes nothing.
  refuseIfImported(vault.db, checked.report.packageId ?? '', checked.sha256);
  return bringIn(vault, file, identities, opts, { ...checked, bag: checked.bag });
}
