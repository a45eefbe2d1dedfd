import { randomUUID } from 'node:crypto';
import { VigilError } from '../../shared/errors';
import type { CustodyRecord } from '../custody/log-store';
import { suggestItemKind } from '../ingest/media-type';
import type { Db } from '../vault/database';
import type { Vault } from '../vault/vault';
import { stageFile, type AddFileOptions, type PreparedFile } from './item-stage';
import { checkReferences, getItem, type ItemSummary } from './items';
import { indexRecord } from './search/reindex';
import { rawNameData } from './raw-name';

/** An added item, and whether its content was already in the vault (then stored once). */
export type AddedItem = ItemSummary & { deduplicated: boolean };

/** Files per batch in `addFileItems`: one transaction and one round of flushes each. */
const BATCH_FILES = 64;
const BATCH_BYTES = 256 * 1024 * 1024;

/**
 * Stores a file as a new item. The object is durable before the database
 * refers to it, and takes its place in the store only after (see BlobStore); the
 * item row, its search entry and its custody entry commit in one transaction. Identical content already in the vault is
 stored once.
 * Text extraction runs isolated and never fails the add: a hostile or broken
 * file is stored with its extraction failure recorded.
 */
export async function addFileItem(
  vault: Vault,
  filePath: string | Buffer,
  opts: AddFileOptions = {},
): Promise<AddedItem> {
  vault.requireSigner();
  const prepared = await stageFile(vault, filePath, opts, false);
  const [added] = await commitPrepared(vault, [prepared]);
  if (!added) throw new VigilError('INTERNAL', 'The item was not recorded.');
  return added;
}

/**
 * Adds many files with the same options, in batches: each batch's objects are
 * flushed together and committed in one transaction (one custody entry per
 * file). `onAdded` is called only after a batch is durable, so what it reports
 * is never lost. A path given as bytes (from a folder read as bytes) keeps a name that is not UTF-8.
 */
export async function addFileItems<P extends string | Buffer>(
  vault: Vault,
  files: P[],
  opts: AddFileOptions,
  onAdded: (item: AddedItem, file: P) => void,
): Promise<void> {
  vault.requireSigner();
  let batch: { file: P; prepared: PreparedFile }[] = [];
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const taken = batch;
    batch = [];
    bytes = 0;
    await vault.blobs.syncObjects(taken.map((b) => b.prepared.stored.id)).catch(async (err: unknown) => {
      await removeUnrecorded(
        vault,
        taken.map((b) => b.prepared),
      );
      throw err;
    });
    const added = await commitPrepared(
      vault,
      taken.map((b) => b.prepared),
    );
    added.forEach((item, i) => {
      const source = taken[i];
      if (source) onAdded(item, source.file);
    });
  };
  try {
    for (const file of files) {
      const prepared = await stageFile(vault, file, opts, true);
      batch.push({ file, prepared });
      bytes += prepared.stored.size;
      if (batch.length >= BATCH_FILES || bytes >= BATCH_BYTES) await flush();
    }
    await flush();
  } catch (err) {
    // Cancelled or failed: the objects stored for files not yet recorded are referenced by
    // nothing, so they go now rather than stay as orphans for "vigil verify --repair".
    await removeUnrecorded(
      vault,
      batch.map((b) => b.prepared),
    );
    throw err;
  }
}

/**
 * Removes the stored objects of prepared files that were never recorded. Each is looked up
 * first: an object the database refers to is never removed, whatever happened to the
 * transaction. Best effort: one left behind in the store's staged/ folder is removed at the next unlock.
 */
export async function removeUnrecorded(vault: Vault, files: PreparedFile[]): Promise<void> {
  const referenced = vault.db.prepare('SELECT 1 FROM objects WHERE id = ?').pluck();
  for (const f of files) {
    if (referenced.get(f.stored.id) === undefined) await vault.blobs.remove(f.stored.id).catch(() => undefined);
  }
}

/**
 * Records prepared (durable) objects as items, with their custody entries, in one
 * transaction; when it fails, nothing was recorded and their objects are removed.
 */
async function commitPrepared(vault: Vault, files: PreparedFile[]): Promise<AddedItem[]> {
  let recorded: AddedItem[];
  try {
    recorded = recordPrepared(vault, files);
  } catch (err) {
    await removeUnrecorded(vault, files);
    throw err;
  }
  await settleRecorded(vault, files, recorded);
  return recorded;
}

/**
 * Once recorded, each new object takes its place in the store; content already in the vault
 * was recorded against the existing object, so its new copy goes, as does anything not recorded.
 */
export async function settleRecorded(vault: Vault, files: PreparedFile[], recorded: AddedItem[]): Promise<void> {
  const kept: string[] = [];
  const unused: PreparedFile[] = [];
  files.forEach((file, i) => {
    const item = recorded[i];
    if (item !== undefined && !item.deduplicated) kept.push(file.stored.id);
    else unused.push(file);
  });
  await vault.blobs.publish(kept);
  await removeUnrecorded(vault, unused);
}

/**
 * Records durable objects as items with their custody entries, in one transaction (a
 * savepoint of the caller's transaction, when there is one). Removes nothing on failure.
 */
export function recordPrepared(vault: Vault, files: PreparedFile[]): AddedItem[] {
  const { result } = vault.change((db) => {
    const added: AddedItem[] = [];
    const custody: CustodyRecord[] = [];
    for (const f of files) {
      const { item, record } = insertPrepared(db, vault.member.id, f);
      added.push(item);
      custody.push(record);
    }
    return { result: added, custody };
  });
  return result;
}

function insertPrepared(db: Db, memberId: string, f: PreparedFile): { item: AddedItem; record: CustodyRecord } {
  const { stored, opts } = f;
  checkReferences(db, f.meta, opts.derivativeOf);
  const existing = db.prepare('SELECT id FROM objects WHERE sha256 = ?').pluck().get(stored.sha256) as
    string | undefined;
  const objectId = existing ?? stored.id;
  const now = new Date().toISOString();
  if (!existing) {
    db.prepare('INSERT INTO objects (id, sha256, sha512, size, created_at, binding) VALUES (?, ?, ?, ?, ?, ?)').run(
      stored.id,
      stored.sha256,
      stored.sha512,
      stored.size,
      now,
      stored.binding,
    );
  }
  const itemId = randomUUID();
  // A name that is not UTF-8 is cited by a salted commitment to its bytes (raw-name.ts).
  const rawName = rawNameData(f.fileNameRaw);
  insertItem(db, { itemId, objectId, now, memberId, file: f, rawNameSalt: rawName?.salt ?? null });
  const item = getItem(db, itemId);
  indexRecord(db, 'item', item.id);
  // Custody data carries ids, sizes, digests and vocabulary words only: no titles or
  // file names, which may name people and would leave the vault with every exported entry.
  const data = {
    object: objectId,
    size: stored.size,
    sha512: stored.sha512,
    deduplicated: Boolean(existing),
    caseId: item.caseId,
    kind: item.kind,
    extraction: item.extractionStatus,
    ...rawName?.data,
    ...(opts.derivativeOf
      ? {
          derivativeOf: opts.derivativeOf,
          derivativeKind: opts.derivativeKind ?? null,
          ...(opts.derivation ? { derivation: opts.derivation } : {}),
        }
      : {}),
  };
  const action = opts.derivativeOf ? 'item.derivative_added' : 'item.ingested';
  return {
    item: { ...item, deduplicated: Boolean(existing) },
    record: { action, subject: itemId, hash: stored.sha256, data },
  };
}

function insertItem(
  db: Db,
  r: {
    itemId: string;
    objectId: string;
    now: string;
    memberId: string;
    file: PreparedFile;
    rawNameSalt: Buffer | null;
  },
): void {
  const { meta, extraction: ex, fileName, fileNameRaw, opts } = r.file;
  const kind = meta.kind ?? (ex ? suggestItemKind(ex.mediaType) : 'other');
  db.prepare(
    `INSERT INTO items (id, object_id, title, file_name, file_name_raw, raw_name_salt, created_at, created_by, case_id, kind, media_type, doc_date, doc_date_approx,
       source_person_id, acquisition, extraction_status, extraction_error, extracted_text, metadata, sensitive_metadata, derivative_of, derivative_kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.itemId,
    r.objectId,
    meta.title?.trim() || fileName,
    fileName,
    fileNameRaw,
    r.rawNameSalt,
    r.now,
    r.memberId,
    meta.caseId ?? null,
    kind,
    ex?.mediaType ?? null,
    meta.date ?? null,
    meta.dateApprox ? 1 : 0,
    meta.sourcePersonId ?? null,
    JSON.stringify(meta.acquisition ?? {}),
    ex ? ex.status : 'none',
    ex?.error ?? null,
    ex?.text ?? null,
    JSON.stringify(ex?.metadata ?? {}),
    JSON.stringify(ex?.sensitive ?? {}),
    opts.derivativeOf ?? null,
    opts.derivativeKind ?? null,
  );
}
