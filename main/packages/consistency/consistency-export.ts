/**
 * The consistency file an export writes (DESIGN §6, "Consistency with earlier packages"): for
 * each recipient of the new package, the checkpoints of the packages this vault sent to that
 * recipient before, each with the RFC 9162 proof that the new checkpoint extends it. The recipient's
 * vault keeps the last checkpoint it received from this vault and refuses a package that does
 * not prove it extends that one: a sender whose log was rewritten or forked cannot hide it.
 */
import { MerkleTree, verifyConsistency } from '../../custody';
import type { StoredCheckpoint } from '../../custody/checkpoint-store';
import { readLeafHashes } from '../../custody/log-store';
import type { ReadDb } from '../../vault/database';
import { keyFingerprint } from '../../vault/identity';
import { consistencyFileText, type EarlierCheckpoint } from './consistency-file';

/** A `package.exported` entry as far as finding its checkpoint needs. */
interface EarlierExport {
  seq: number;
  packageId: string;
  recipients: string[];
  checkpointSize?: number;
  checkpointRoot?: string;
}

/** The data members `package.exported` gets so that the next export to a recipient finds this package's checkpoint. */
export function exportedCheckpointData(checkpoint: { size: number; root: string }): {
  checkpointSize: number;
  checkpointRoot: string;
} {
  return { checkpointSize: checkpoint.size, checkpointRoot: checkpoint.root };
}

/** Every earlier export, newest first. */
function earlierExports(db: ReadDb): EarlierExport[] {
  const sql =
    "SELECT seq, json_extract(entry, '$.data') AS data FROM custody_log WHERE json_extract(entry, '$.action') " +
    "= 'package.exported' ORDER BY seq DESC";
  const rows = db.prepare(sql).all() as { seq: number; data: string }[];
  return rows.flatMap(({ seq, data }) => {
    const d = JSON.parse(data) as Record<string, unknown>;
    if (typeof d.packageId !== 'string' || !Array.isArray(d.recipients)) return [];
    const recipients = d.recipients.filter((r): r is string => typeof r === 'string');
    const cp =
      typeof d.checkpointSize === 'number' && typeof d.checkpointRoot === 'string'
        ? { checkpointSize: d.checkpointSize, checkpointRoot: d.checkpointRoot }
        : {};
    return [{ seq, packageId: d.packageId, recipients, ...cp }];
  });
}

/**
 * The checkpoint an earlier export carried. Exports recorded before checkpoints were named in
 * their entry made theirs just before the entry: the newest checkpoint below the entry's seq.
 */
function checkpointOf(db: ReadDb, e: EarlierExport): StoredCheckpoint | null {
  const cols = 'id, size, root, note, signer, created_at AS createdAt';
  if (e.checkpointSize !== undefined && e.checkpointRoot !== undefined) {
    return (
      (db
        .prepare(`SELECT ${cols} FROM checkpoints WHERE size = ? AND root = ? ORDER BY id DESC LIMIT 1`)
        .get(e.checkpointSize, e.checkpointRoot) as StoredCheckpoint | undefined) ?? null
    );
  }
  return (
    (db.prepare(`SELECT ${cols} FROM checkpoints WHERE size <= ? ORDER BY id DESC LIMIT 1`).get(e.seq) as
      StoredCheckpoint | undefined) ?? null
  );
}

/**
 * The fingerprints of the other recipients in this vault's address book who belong to the same
 * vault as `fingerprint`, as far as this vault knows: each entry's minisign key is a signer
 * trusted for a sender vault id (`known_signers`), because that vault sent packages here.
 */
function vaultMates(db: ReadDb, fingerprint: string): string[] {
  const book = db.prepare('SELECT age_recipient AS age, minisign_public_key AS minisign FROM recipients').all() as {
    age: string;
    minisign: string | null;
  }[];
  const entry = book.find((r) => keyFingerprint(r.age) === fingerprint);
  if (entry?.minisign == null) return [];
  const lines = new Set(
    db
      .prepare(
        'SELECT k2.key_line FROM known_signers k1 JOIN known_signers k2 ON k2.vault_id = k1.vault_id WHERE ' +
          'k1.key_line = ?',
      )
      .pluck()
      .all(entry.minisign.trim()) as string[],
  );
  return book
    .filter((r) => r !== entry && r.minisign != null && lines.has(r.minisign.trim()))
    .map((r) => keyFingerprint(r.age));
}

/**
 * Every earlier export to one of `recipients` (fingerprints as `package.exported` records them;
 * "passphrase" stands for whoever holds a package passphrase) or to another member of the same
 * vault (vaultMates), newest first. All of them, not only the last: a recipient may never have
 * received or accepted the last package (lost on the way, refused), and its vault can only
 * check a proof from the checkpoint it last accepted.
 */
function exportsTo(db: ReadDb, recipients: readonly string[]): EarlierExport[] {
  const exports = earlierExports(db);
  const wanted = new Set(recipients.flatMap((r) => [r, ...vaultMates(db, r)]));
  return exports.filter((e) => e.recipients.some((r) => wanted.has(r)));
}

/** data/custody/consistency.json for a package with `checkpoint` sealed to `recipients` (fingerprints). */
export function consistencyFile(
  db: ReadDb,
  checkpoint: StoredCheckpoint,
  recipients: readonly string[],
): { path: string; data: Buffer } {
  const tree = MerkleTree.from(readLeafHashes(db, checkpoint.size), checkpoint.size);
  const newRoot = Buffer.from(checkpoint.root, 'hex');
  const from: EarlierCheckpoint[] = [];
  const proven = new Set<string>();
  for (const e of exportsTo(db, recipients)) {
    const old = checkpointOf(db, e);
    if (old === null || old.size === 0 || old.size > checkpoint.size) continue;
    // One proof per checkpoint: packages made from the same one share it (the newest names it).
    if (proven.has(`${old.size} ${old.root}`)) continue;
    proven.add(`${old.size} ${old.root}`);
    // A stored checkpoint this log no longer extends (a vault restored from an older copy, then
    // changed) has no proof: none is written, and the recipient's vault sees the break.
    const proof = tree.consistencyProof(old.size);
    const oldRoot = Buffer.from(old.root, 'hex');
    if (old.size < checkpoint.size && !verifyConsistency(old.size, checkpoint.size, oldRoot, newRoot, proof)) continue;
    if (old.size === checkpoint.size && old.root !== checkpoint.root) continue;
    from.push({ packageId: e.packageId, size: old.size, root: oldRoot, checkpoint: old.note, proof });
  }
  from.sort((a, b) => a.size - b.size);
  const text = consistencyFileText({ to: { size: checkpoint.size, root: newRoot }, from });
  return { path: 'custody/consistency.json', data: Buffer.from(text) };
}
