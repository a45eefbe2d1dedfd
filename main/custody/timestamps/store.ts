/** The checkpoint_timestamps table (migration 0100): pending requests and the replies attached to them. */
import type { Db, ReadDb } from '../../vault/database';
import type { VerifiedTimestamp } from './verify-token';

/** A request as kept until its reply comes back. */
export interface PendingRequest {
  id: string;
  checkpointId: number;
  imprint: string;
  nonce: string;
  requestedAt: string;
  /** Set once a reply was attached. */
  attachedAt: string | null;
}

/** A timestamp attached to a checkpoint, with the checkpoint it covers. */
export interface AttachedTimestamp {
  id: string;
  checkpointId: number;
  size: number;
  root: string;
  note: string;
  reply: Buffer;
  chainPem: string;
  tsa: string;
  genTime: string;
  serial: string;
  tokenSha256: string;
}

const PENDING_COLUMNS =
  'id, checkpoint_id AS checkpointId, imprint, nonce, requested_at AS requestedAt, attached_at AS attachedAt';

/** Keeps a new request (its DER too, so it can be shown again). */
export function insertTimestampRequest(
  db: Db,
  r: {
    id: string;
    checkpointId: number;
    imprint: string;
    nonce: string;
    der: Buffer;
    requestedAt: string;
    requestedBy: string;
  },
): void {
  db.prepare(
    'INSERT INTO checkpoint_timestamps (id, checkpoint_id, imprint, nonce, request, requested_at, ' +
      'requested_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(r.id, r.checkpointId, r.imprint, r.nonce, r.der, r.requestedAt, r.requestedBy);
}

/** The request with this nonce, or null. */
export function requestByNonce(db: ReadDb, nonce: string): PendingRequest | null {
  return (
    (db.prepare(`SELECT ${PENDING_COLUMNS} FROM checkpoint_timestamps WHERE nonce = ?`).get(nonce) as
      PendingRequest | undefined) ?? null
  );
}

/** The newest request over data with this SHA-256, or null. */
export function requestByImprint(db: ReadDb, imprint: string): PendingRequest | null {
  return (
    (db
      .prepare(
        `SELECT ${PENDING_COLUMNS} FROM checkpoint_timestamps WHERE imprint = ? ORDER BY requested_at DESC LIMIT 1`,
      )
      .get(imprint) as PendingRequest | undefined) ?? null
  );
}

/** Records a verified reply on its request; false when the request was answered meanwhile. */
export function storeReply(db: Db, id: string, reply: Buffer, v: VerifiedTimestamp, attachedAt: string): boolean {
  const info = db
    .prepare(
      `UPDATE checkpoint_timestamps SET reply = ?, token_sha256 = ?, chain_pem = ?, tsa = ?, gen_time = ?, serial = ?, policy = ?, attached_at = ?
       WHERE id = ? AND reply IS NULL`,
    )
    .run(reply, v.tokenSha256, v.chainPem, v.tsa, v.genTime, v.serial, v.policy, attachedAt, id);
  return info.changes === 1;
}

/**
 * The timestamps attached to checkpoints of at most `maxSize` entries (every one when omitted), oldest genTime first.
 */
export function attachedTimestamps(db: ReadDb, maxSize = Number.MAX_SAFE_INTEGER): AttachedTimestamp[] {
  return db
    .prepare(
      `SELECT t.id, t.checkpoint_id AS checkpointId, c.size, c.root, c.note, t.reply, t.chain_pem AS chainPem, t.tsa, t.gen_time AS genTime, t.serial, t.token_sha256 AS tokenSha256
       FROM checkpoint_timestamps t JOIN checkpoints c ON c.id = t.checkpoint_id
       WHERE t.reply IS NOT NULL AND c.size <= ? ORDER BY t.gen_time, t.id`,
    )
    .all(maxSize) as AttachedTimestamp[];
}

/** The stored note of a checkpoint, or null. */
export function checkpointNote(db: ReadDb, checkpointId: number): { size: number; root: string; note: string } | null {
  return (
    (db.prepare('SELECT size, root, note FROM checkpoints WHERE id = ?').get(checkpointId) as
      { size: number; root: string; note: string } | undefined) ?? null
  );
}

/** The attached timestamps newest first (what the interface lists), and how many requests wait for a reply. */
export function timestampSummary(db: ReadDb): {
  attached: { checkpointSize: number; genTime: string; tsa: string; serial: string; tokenSha256: string }[];
  pending: number;
} {
  const attached = attachedTimestamps(db)
    .reverse()
    .map((t) => ({
      checkpointSize: t.size,
      genTime: t.genTime,
      tsa: t.tsa,
      serial: t.serial,
      tokenSha256: t.tokenSha256,
    }));
  const pending = db.prepare('SELECT count(*) FROM checkpoint_timestamps WHERE reply IS NULL').pluck().get() as number;
  return { attached, pending };
}
