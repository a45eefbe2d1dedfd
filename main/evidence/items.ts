import { randomUUID } from 'node:crypto';
import { constants, createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { VigilError } from '../../shared/errors';
import type { PutOptions, StoredObject } from '../blobs/blob-store';
import type { AgeFileReader } from '../crypto/age';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';

/** An item as the CLI and the app show it. */
export interface ItemSummary {
  id: string;
  title: string;
  fileName: string;
  objectId: string;
  sha256: string;
  sha512: string;
  size: number;
  createdAt: string;
}

/** Options for adding a file: a title (defaults to the file name), progress and cancellation. */
export interface AddFileOptions extends PutOptions {
  title?: string;
}

/**
 * Stores a file as a new item. The object is durable before the database
 * refers to it; the item row and its custody entry commit in one transaction.
 * Identical content already in the vault is stored once (the new copy is dropped).
 */
export async function addFileItem(vault: Vault, filePath: string, opts: AddFileOptions = {}): Promise<ItemSummary & { deduplicated: boolean }> {
  vault.requireSigner();
  const handle = await openRegularFile(filePath);
  let stored: StoredObject;
  try {
    stored = await vault.blobs.put(createReadStream('', { fd: handle, autoClose: false, highWaterMark: 1 << 20 }), opts);
  } finally {
    await handle.close();
  }
  const fileName = path.basename(filePath);
  const title = opts.title?.trim() || fileName;
  const itemId = randomUUID();
  const now = new Date().toISOString();
  const { result } = vault.change((db) => {
    const existing = db.prepare('SELECT id FROM objects WHERE sha256 = ?').pluck().get(stored.sha256) as string | undefined;
    const objectId = existing ?? stored.id;
    if (!existing) {
      db.prepare('INSERT INTO objects (id, sha256, sha512, size, created_at) VALUES (?, ?, ?, ?, ?)').run(stored.id, stored.sha256, stored.sha512, stored.size, now);
    }
    db.prepare('INSERT INTO items (id, object_id, title, file_name, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)').run(itemId, objectId, title, fileName, now, vault.member.id);
    // Custody data carries ids, sizes and digests only: no titles or file names,
    // which may name people and would leave the vault with every exported entry.
    const data = { object: objectId, size: stored.size, sha512: stored.sha512, deduplicated: Boolean(existing) };
    return { result: { objectId, deduplicated: Boolean(existing) }, custody: { action: 'item.ingested', subject: itemId, hash: stored.sha256, data } };
  });
  if (result.deduplicated) await vault.blobs.remove(stored.id);
  return { id: itemId, title, fileName, objectId: result.objectId, sha256: stored.sha256, sha512: stored.sha512, size: stored.size, createdAt: now, deduplicated: result.deduplicated };
}

/** Opens a file for ingest, refusing links, devices, folders and other non-regular files. */
async function openRegularFile(filePath: string): Promise<fsp.FileHandle> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(filePath, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ELOOP' ? 'is a symbolic link (add the file it points to instead)' : `cannot be read (${code ?? 'error'})`;
    throw new VigilError(code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_INPUT', `${filePath} ${why}.`, { cause });
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw new VigilError('INVALID_INPUT', `${filePath} is not a regular file; only files can be added.`);
  }
  return handle;
}

const ITEM_COLUMNS = `i.id, i.title, i.file_name AS fileName, i.object_id AS objectId, o.sha256, o.sha512, o.size, i.created_at AS createdAt`;

/** One item by id (a unique prefix of at least 8 characters is accepted). */
export function getItem(db: ReadDb, idOrPrefix: string): ItemSummary {
  const rows = db
    .prepare(`SELECT ${ITEM_COLUMNS} FROM items i JOIN objects o ON o.id = i.object_id WHERE i.id = ? OR (length(?) >= 8 AND i.id LIKE ? || '%') LIMIT 2`)
    .all(idOrPrefix, idOrPrefix, idOrPrefix) as ItemSummary[];
  const exact = rows.find((r) => r.id === idOrPrefix);
  if (exact) return exact;
  if (rows.length > 1) throw new VigilError('INVALID_INPUT', `"${idOrPrefix}" matches more than one item; give more of the id.`);
  const [only] = rows;
  if (!only) throw new VigilError('NOT_FOUND', `No item with id "${idOrPrefix}" in this vault. "vigil status" shows what the vault holds.`);
  return only;
}

/** Every item, oldest first. */
export function listItems(db: ReadDb): ItemSummary[] {
  return db.prepare(`SELECT ${ITEM_COLUMNS} FROM items i JOIN objects o ON o.id = i.object_id ORDER BY i.created_at, i.id`).all() as ItemSummary[];
}

/** Opens an item's original bytes and records in the custody log that it was opened, and why. */
export async function openItem(vault: Vault, id: string, purpose: string): Promise<{ item: ItemSummary; reader: AgeFileReader }> {
  const item = getItem(vault.db, id);
  const reader = await vault.blobs.open(item.objectId);
  vault.record({ action: 'item.opened', subject: item.id, hash: item.sha256, data: { purpose } });
  return { item, reader };
}
