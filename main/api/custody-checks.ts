/**
 * Verification and checkpoints as the interface shows them: the vault report
 * with each object named by the items that hold it, and the latest signed
 * checkpoint with its signer's name.
 */
import { latestCheckpoint, makeCheckpoint, type StoredCheckpoint } from '../custody/checkpoint-store';
import type { ReadDb } from '../vault/database';
import { keyDirectory } from '../vault/members';
import type { Finding } from '../vault/finding';
import { verifyVault } from '../checks/verify-vault';
import type { Vault } from '../vault/vault';

/** A finding with a readable name for its subject, when the subject is an object items refer to. */
interface ReadableFinding extends Finding {
  subjectLabel?: string;
}

/** The verification report as the interface shows it. */
interface ReadableReport {
  ok: boolean;
  entries: number;
  objects: { checked: number; failed: number; orphans: number };
  checkpoint: { size: number; signer: string | null } | null;
  findings: ReadableFinding[];
}

/** A checkpoint as the interface shows it. */
interface CheckpointView {
  size: number;
  root: string;
  createdAt: string;
  signer: string | null;
  note: string;
}

function itemTitlesOf(db: ReadDb, objectId: string): string | null {
  const titles = db
    .prepare('SELECT title FROM items WHERE object_id = ? ORDER BY created_at')
    .pluck()
    .all(objectId) as string[];
  return titles.length > 0 ? titles.join('; ') : null;
}

/**
 * Verifies the whole vault (every object decrypted and hashed unless `quick`), reporting objects as they are checked.
 */
export async function verifyVaultReadable(
  vault: Vault,
  opts: { quick: boolean; onObject: (done: number, total: number) => void },
): Promise<ReadableReport> {
  const report = await verifyVault(vault, opts);
  const names = keyDirectory(vault.db);
  const findings = report.findings.map((f): ReadableFinding => {
    if (f.check !== 'object' || f.subject === undefined) return f;
    const label = itemTitlesOf(vault.db, f.subject);
    return label === null ? f : { ...f, subjectLabel: label };
  });
  const checkpoint = report.checkpoint
    ? {
        size: report.checkpoint.size,
        signer: report.checkpoint.signer === null ? null : (names.get(report.checkpoint.signer)?.name ?? null),
      }
    : null;
  return { ok: report.ok, entries: report.custody.size, objects: report.objects, checkpoint, findings };
}

function view(db: ReadDb, stored: StoredCheckpoint): CheckpointView {
  return {
    size: stored.size,
    root: stored.root,
    createdAt: stored.createdAt,
    signer: keyDirectory(db).get(stored.signer)?.name ?? null,
    note: stored.note,
  };
}

/** The latest stored checkpoint, or null. */
export function latestCheckpointView(db: ReadDb): CheckpointView | null {
  const stored = latestCheckpoint(db);
  return stored === null ? null : view(db, stored);
}

/** Signs and stores a checkpoint of the log as it is now (needs a member's signing key). */
export async function makeCheckpointView(vault: Vault): Promise<CheckpointView> {
  const stored = await makeCheckpoint(vault.db, vault.vaultId, vault.requireSigner());
  return view(vault.db, stored);
}
