import type { CustodyAction } from '../../shared/custody-actions';
import { VigilError } from '../../shared/errors';
import type { Db, ReadDb } from '../vault/database';
import {
  canonicalEntryBytes,
  entryHashHex,
  leafHash,
  MerkleFrontier,
  nowRfc3339,
  SIGNATURE_CONTEXT,
  ZERO_HASH,
  type CustodyEntry,
  type StoredEntry,
} from './index';
import type { MemberSigner } from './member-signer';

/** What a change records in the custody log; the log adds the rest of the entry. */
export interface CustodyRecord {
  /** One of the log's vocabulary (shared/custody-actions.ts): a new action is added there first. */
  action: CustodyAction;
  subject: string | null;
  hash: string | null;
  data: Record<string, unknown>;
}

/** The head of the log: how many entries, the hash of the last one, and the Merkle frontier. */
interface CustodyHead {
  size: number;
  lastHash: string;
  frontier: MerkleFrontier;
}

const CONTEXT_BYTES = Buffer.from(SIGNATURE_CONTEXT, 'utf8');

/** Reads the stored head of the log (an empty log before the first entry). */
export function readCustodyHead(db: ReadDb): CustodyHead {
  const row = db.prepare('SELECT size, last_hash, frontier FROM custody_head WHERE id = 1').get() as
    { size: number; last_hash: string; frontier: Buffer } | undefined;
  if (!row) return { size: 0, lastHash: ZERO_HASH, frontier: MerkleFrontier.empty() };
  return { size: row.size, lastHash: row.last_hash, frontier: MerkleFrontier.deserialize(row.frontier) };
}

/**
 * Appends one signed entry. Must run inside the caller's transaction, so that
 * the entry and the change it records are committed together or not at all.
 */
export function appendCustodyEntry(db: Db, vaultId: string, signer: MemberSigner, record: CustodyRecord): CustodyEntry {
  if (!db.inTransaction) {
    throw new VigilError(
      'INTERNAL',
      'A custody entry must be written in the same transaction as the change it records.',
    );
  }
  const head = readCustodyHead(db);
  const entry: CustodyEntry = {
    v: 1,
    vault: vaultId,
    seq: head.size,
    ts: nowRfc3339(),
    actor: signer.publicKeyHex,
    action: record.action,
    subject: record.subject,
    hash: record.hash,
    data: record.data,
    prev: head.lastHash,
  };
  const canonical = canonicalEntryBytes(entry);
  const sig = Buffer.from(signer.sign(Buffer.concat([CONTEXT_BYTES, canonical]))).toString('base64');
  const leaf = leafHash(canonical);
  head.frontier.append(leaf);
  db.prepare('INSERT INTO custody_log (seq, entry, sig, leaf_hash) VALUES (?, ?, ?, ?)').run(
    entry.seq,
    Buffer.from(canonical).toString('utf8'),
    sig,
    leaf,
  );
  db.prepare(
    `INSERT INTO custody_head (id, size, last_hash, frontier) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET size = excluded.size, last_hash = excluded.last_hash, frontier = excluded.frontier`,
  ).run(head.size + 1, entryHashHex(canonical), head.frontier.serialize());
  return entry;
}

/** Streams the stored entries in seq order, as the verifier reads them. */
export function* iterateStoredEntries(db: ReadDb, fromSeq = 0): Generator<StoredEntry> {
  const rows = db
    .prepare('SELECT seq, entry, sig FROM custody_log WHERE seq >= ? ORDER BY seq')
    .iterate(fromSeq) as Iterable<{
    seq: number;
    entry: string;
    sig: string;
  }>;
  for (const row of rows) yield { seq: row.seq, canonical: row.entry, sig: row.sig };
}

/** The leaf hashes of the first `size` entries, for proofs. */
export function readLeafHashes(db: ReadDb, size?: number): Buffer[] {
  const limit = size ?? -1;
  const rows = db.prepare('SELECT leaf_hash FROM custody_log ORDER BY seq LIMIT ?').pluck().all(limit) as Buffer[];
  return rows;
}
