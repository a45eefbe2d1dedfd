/**
 * The checkpoints a vault received from other vaults (table `received_checkpoints`, migration
 * 0120; DESIGN §6, "Consistency with earlier packages"): the newest one per sender vault is what
 * the next package from that vault must extend. Recorded in the import's transaction, with the
 * sender's RFC 3161 timestamps, and with a `package.history_accepted` custody entry when the
 * person imported a package whose history was rewritten, knowingly.
 */
import { VigilError } from '../../../shared/errors';
import type { CustodyRecord } from '../../custody/log-store';
import type { ReadDb } from '../../vault/database';
import type { Vault } from '../../vault/vault';
import type { BagFiles } from '../bagit/bag-files';
import type { BagVerification } from '../verify';
import type { LastSeen, SenderHistory } from './consistency-check';
import { CONSISTENCY_FILE } from './consistency-file';

const TIMESTAMPS = 'data/custody/timestamps/';

interface LastRow {
  seq: number;
  packageId: string;
  size: number;
  root: string;
}

function lastRow(db: ReadDb, senderVault: string): LastRow | null {
  const row = db
    .prepare(
      'SELECT seq, package_id AS packageId, size, root FROM received_checkpoints WHERE sender_vault = ? ORDER ' +
        'BY seq DESC LIMIT 1',
    )
    .get(senderVault) as LastRow | undefined;
  return row ?? null;
}

/**
 * What this vault saw last from each sender vault, for the `consistency` check of an import. A
 * package of this very vault is not judged: its log is this one, which `vigil verify` checks.
 */
export function receivedHistory(db: ReadDb, ownVault: string): SenderHistory {
  return (senderVault: string): LastSeen | null | undefined => {
    if (senderVault === ownVault) return undefined;
    const row = lastRow(db, senderVault);
    return row === null ? null : { packageId: row.packageId, size: row.size, root: Buffer.from(row.root, 'hex') };
  };
}

/** The same, read now: for a caller that closes the vault before it verifies (the CLI). */
export function receivedHistorySnapshot(db: ReadDb, ownVault: string): SenderHistory {
  const rows = db
    .prepare(
      'SELECT r.sender_vault AS vault, r.package_id AS packageId, r.size, r.root FROM received_checkpoints r ' +
        'WHERE r.seq = (SELECT MAX(seq) FROM received_checkpoints WHERE sender_vault = r.sender_vault)',
    )
    .all() as { vault: string; packageId: string; size: number; root: string }[];
  const last = new Map(
    rows.map((r) => [r.vault, { packageId: r.packageId, size: r.size, root: Buffer.from(r.root, 'hex') }]),
  );
  return (senderVault) => (senderVault === ownVault ? undefined : (last.get(senderVault) ?? null));
}

/** The sender's timestamps as the package carried them (verified by the `timestamp` check). */
async function timestampRows(
  bag: BagFiles,
): Promise<{ name: string; checkpoint: string; reply: Buffer; chainPem: string; consistency: string }[]> {
  const names = (await bag.list())
    .map((f) => f.path)
    .filter((p) => p.startsWith(TIMESTAMPS) && p.endsWith('.tsr'))
    .map((p) => p.slice(TIMESTAMPS.length, -'.tsr'.length));
  const rows = [];
  for (const name of names.sort()) {
    const read = async (part: string): Promise<Buffer> =>
      (await bag.read(`${TIMESTAMPS}${name}.${part}`)) ?? Buffer.alloc(0);
    rows.push({
      name,
      checkpoint: (await read('checkpoint.txt')).toString('utf8'),
      reply: await read('tsr'),
      chainPem: (await read('pem')).toString('utf8'),
      consistency: (await read('consistency.json')).toString('utf8'),
    });
  }
  return rows;
}

/** What of a checked package the record needs, read before the import's transaction. */
export interface ReceivedCheckpoint {
  checked: BagVerification;
  timestamps: Awaited<ReturnType<typeof timestampRows>>;
  consistencyText: string | null;
}

/** Reads what recordReceivedCheckpoint keeps from the verified bag (outside the transaction: reading is async). */
export async function readReceivedCheckpoint(bag: BagFiles, checked: BagVerification): Promise<ReceivedCheckpoint> {
  return {
    checked,
    timestamps: await timestampRows(bag),
    consistencyText: (await bag.read(CONSISTENCY_FILE))?.toString('utf8') ?? null,
  };
}

function overrideRecord(
  r: ReceivedCheckpoint,
  imp: { caseId: string; packageId: string; sourceVault: string },
  last: LastRow,
): CustodyRecord {
  const cp = r.checked.facts.checkpoint;
  const reasons = r.checked.report.checks.filter((c) => c.check === 'consistency' && !c.ok).map((c) => c.detail);
  return {
    action: 'package.history_accepted',
    subject: imp.caseId,
    hash: null,
    data: {
      packageId: imp.packageId,
      sourceVault: imp.sourceVault,
      since: last.packageId,
      sinceSize: last.size,
      sinceRoot: last.root,
      checkpointSize: cp?.size ?? 0,
      checkpointRoot: cp?.root.toString('hex') ?? '',
      reasons,
    },
  };
}

/**
 * Keeps the package's checkpoint as the sender vault's newest, inside the import's transaction.
 * The last checkpoint is read again here: when another import from that vault committed since
 * this package was checked, the verdict is stale and the import is refused (nothing changes).
 */
export function recordReceivedCheckpoint(
  vault: Vault,
  r: ReceivedCheckpoint,
  imp: { caseId: string; packageId: string; sourceVault: string },
): void {
  const { facts, report } = r.checked;
  const cp = facts.checkpoint;
  if (cp === null || facts.checkpointNote === null)
    throw new VigilError('INTERNAL', 'A package without a verified checkpoint reached the import.');
  const verdict = report.consistency ?? { status: 'unchecked' };
  // Not judged (a package of this very vault): nothing to hold later packages to.
  if (verdict.status === 'unchecked') return;
  const last = lastRow(vault.db, imp.sourceVault);
  if ((last?.packageId ?? null) !== (verdict.since ?? null)) {
    throw new VigilError(
      'PACKAGE_INVALID',
      'Another package from the same sender was imported while this one was being checked, so its history was ' +
        'checked against an older state. Nothing was imported; import it again.',
    );
  }
  const relation = last === null ? 'first' : verdict.status === 'extends' ? 'extends' : 'accepted';
  vault.change((db) => {
    const info = db
      .prepare(
        'INSERT INTO received_checkpoints (sender_vault, signer_key, size, root, note, package_id, relation, ' +
          'previous_seq, consistency, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        imp.sourceVault,
        facts.checkpointSigner ?? '',
        cp.size,
        cp.root.toString('hex'),
        facts.checkpointNote,
        imp.packageId,
        relation,
        last?.seq ?? null,
        r.consistencyText,
        new Date().toISOString(),
      );
    const insert = db.prepare(
      'INSERT INTO received_timestamps (received_seq, name, checkpoint, reply, chain_pem, consistency) VALUES ' +
        '(?, ?, ?, ?, ?, ?)',
    );
    for (const t of r.timestamps)
      insert.run(Number(info.lastInsertRowid), t.name, t.checkpoint, t.reply, t.chainPem, t.consistency);
    return { result: null, custody: relation === 'accepted' && last !== null ? [overrideRecord(r, imp, last)] : [] };
  });
}
