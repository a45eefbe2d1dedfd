import { createHash } from 'node:crypto';
import type { ReadDb } from '../../vault/database';

/*
 * Where a search row lives. The FTS5 table has no index on its UNINDEXED
 * columns, so finding the row of (kind, ref_id) by value would scan the whole
 * table (a second per lookup at a million rows). Instead the rowid is derived
 * from the key: the high bits are a bucket of the case, the low 47 bits a hash
 * of (kind, ref_id), with a small probe window for the rare hash collision.
 * A case filter then becomes a rowid range, which FTS5 applies inside the
 * doclists (it seeks) instead of reading every match's stored row.
 */

const HASH_BITS = 47n;
const BUCKETS = 32767n;
/** Slots tried after the home slot when hashes collide; a lookup reads the whole window. */
export const PROBE_WINDOW = 16n;
const SLOT_SPACE = (1n << HASH_BITS) - PROBE_WINDOW;

function hash64(text: string): bigint {
  return createHash('sha256').update(text, 'utf8').digest().readBigUInt64BE(0);
}

/** The bucket of a case: 1…32767, or 0 for rows that belong to no case. Different cases may share one. */
export function caseBucket(caseId: string | null): bigint {
  return caseId === null ? 0n : 1n + (hash64(`case\u0000${caseId}`) % BUCKETS);
}

/** The first and last rowid of a bucket. */
export function bucketRange(bucket: bigint): [bigint, bigint] {
  const lo = bucket << HASH_BITS;
  return [lo, lo + (1n << HASH_BITS) - 1n];
}

/** The bucket a rowid falls in. */
export function bucketOf(rowid: bigint): bigint {
  return rowid >> HASH_BITS;
}

/** The home slot of (kind, refId) inside a bucket; the probe window is [home, home + PROBE_WINDOW). */
export function homeRowid(bucket: bigint, kind: string, refId: string): bigint {
  return (bucket << HASH_BITS) | (hash64(`${kind}\u0000${refId}`) % SLOT_SPACE);
}

/**
 * Every bucket that holds at least one row, found by seeking from bucket to
 * bucket (one seek per bucket in use). It reads FTS5's own content table
 * (`search_index_content`, rowid `id`, columns c0…c6): a plain B-tree seek
 * there costs a third of going through the FTS5 module.
 */
export function bucketsInUse(db: ReadDb): bigint[] {
  const next = db
    .prepare('SELECT id FROM search_index_content WHERE id >= ? ORDER BY id LIMIT 1')
    .pluck()
    .safeIntegers(true);
  const buckets: bigint[] = [];
  let from = 0n;
  for (;;) {
    const rowid = next.get(from) as bigint | undefined;
    if (rowid === undefined) return buckets;
    const bucket = bucketOf(rowid);
    buckets.push(bucket);
    from = (bucket + 1n) << HASH_BITS;
  }
}
