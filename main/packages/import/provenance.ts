/**
 * Where an imported case came from, as kept at import: the package, the sender's vault, and
 * the sender's custody record (entries, checkpoint, signer keys) stored verbatim beside it.
 */
import { parseCheckpoint } from '../../custody/checkpoint-parse';
import type { ReadDb } from '../../vault/database';
import { parseKeysFile } from '../verify/keys-file';

/** The provenance of an imported case, in the words a reader needs. */
export interface CaseProvenance {
  packageId: string;
  bag: string;
  sourceVault: string;
  importedAt: string;
  /** How many of the sender's custody entries came with the package. */
  entries: number;
  /** The size of the sender's signed checkpoint (null when it cannot be read). */
  checkpointSize: number | null;
  /** The sender's signers, with the fingerprints to compare out of band. */
  signers: { name: string; fingerprint: string }[];
  /** The package this one updated (update packages); null for a full package. */
  updateOf: string | null;
}

interface ProvenanceRow {
  packageId: string;
  bag: string;
  sourceVault: string;
  importedAt: string;
  checkpoint: string;
  entries: string;
  keys: string;
  updateOf: string | null;
}

function checkpointSize(note: string): number | null {
  try {
    return parseCheckpoint(note).size;
  } catch {
    // Kept verbatim from a package that passed verification; unreadable only if the row was edited.
    return null;
  }
}

/** The provenance of each import that brought the case in, oldest first (empty for a case made here). */
export function caseProvenance(db: ReadDb, caseId: string): CaseProvenance[] {
  const rows = db
    .prepare(
      `SELECT package_id AS packageId, bag, source_vault AS sourceVault, imported_at AS importedAt, checkpoint, entries_jsonl AS entries, keys_txt AS keys, update_of AS updateOf
       FROM imported_packages WHERE case_id = ? ORDER BY imported_at, rowid`,
    )
    .all(caseId) as ProvenanceRow[];
  return rows.map((r) => ({
    packageId: r.packageId,
    bag: r.bag,
    sourceVault: r.sourceVault,
    importedAt: r.importedAt,
    entries: r.entries.split('\n').filter((line) => line.trim() !== '').length,
    checkpointSize: checkpointSize(r.checkpoint),
    signers: parseKeysFile(r.keys).keys.map((k) => ({ name: k.name, fingerprint: k.fingerprint })),
    updateOf: r.updateOf,
  }));
}
