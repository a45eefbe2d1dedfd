import type { Db, ReadDb } from '../vault/database';
import { checkpointBody, checkpointOrigin, signCheckpoint } from './index';
import { readCustodyHead } from './log-store';
import type { MemberSigner } from './member-signer';

/** A signed checkpoint as stored in the vault. */
export interface StoredCheckpoint {
  id: number;
  size: number;
  root: string;
  note: string;
  signer: string;
  createdAt: string;
}

/**
 * Signs the current tree head as a C2SP checkpoint and stores it. The note is
 * what a member prints or copies out of the vault to anchor it against rollback.
 */
export async function makeCheckpoint(db: Db, vaultId: string, signer: MemberSigner): Promise<StoredCheckpoint> {
  const head = readCustodyHead(db);
  const root = head.frontier.root();
  const body = checkpointBody(checkpointOrigin(vaultId), head.size, root);
  const note = await signCheckpoint(body, signer.keyPair());
  const createdAt = new Date().toISOString();
  const info = db
    .prepare('INSERT INTO checkpoints (size, root, note, signer, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(head.size, root.toString('hex'), note, signer.publicKeyHex, createdAt);
  return {
    id: Number(info.lastInsertRowid),
    size: head.size,
    root: root.toString('hex'),
    note,
    signer: signer.publicKeyHex,
    createdAt,
  };
}

/** The most recent stored checkpoint, or null when none was made yet. */
export function latestCheckpoint(db: ReadDb): StoredCheckpoint | null {
  const row = db
    .prepare('SELECT id, size, root, note, signer, created_at AS createdAt FROM checkpoints ORDER BY id DESC LIMIT 1')
    .get() as StoredCheckpoint | undefined;
  return row ?? null;
}
