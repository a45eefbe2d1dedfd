/**
 * What the bag is written from: each item streamed from its stored object (checked against the
 * binding recorded for it, decrypting ahead of the writer), the generated files from memory;
 * and, once written, the check that every item read back as recorded.
 */
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VigilError } from '../../../shared/errors';
import { objectBinding } from '../../blobs/object-binding';
import type { AgeFileReader } from '../../crypto/age';
import type { Vault } from '../../vault/vault';
import type { BagEntry, BagResult } from '../bagit/bag-writer';
import type { PlannedItem } from './case-data';
import type { BuiltPayload } from './payload';

/**
 * How far item reading may run ahead of the rest of the export, in 64 KiB chunks. Kept
 * short, so decrypted chunks die young (cheap to collect), and counted in chunks: in
 * object mode a reader gets each chunk as it is rather than all buffered ones joined
 * into a new copy, which is what a byte-mode stream's iterator does.
 */
const READ_AHEAD_CHUNKS = 16;

/**
 * The recorded binding of each object (blobs/object-binding.ts); null for objects stored before there were bindings.
 */
function bindingsOf(vault: Vault, plan: BuiltPayload): Map<string, string | null> {
  const select = vault.db.prepare('SELECT binding FROM objects WHERE id = ?').pluck();
  return new Map(
    plan.items.map(({ item }) => [item.objectId, (select.get(item.objectId) as string | null | undefined) ?? null]),
  );
}

/**
 * Opens an item's stored object and, when it has a binding, checks it is the object recorded:
 * its header and the item's recorded digests and size must give the recorded binding. Then
 * the authenticated decryption delivers the recorded bytes, and nothing need be hashed.
 */
async function openBound(vault: Vault, item: PlannedItem['item'], binding: string | null): Promise<AgeFileReader> {
  const reader = await vault.blobs.open(item.objectId);
  if (binding !== null && objectBinding(reader.prefixSha256, item) !== binding) {
    await reader.close();
    throw new VigilError(
      'OBJECT_CORRUPT',
      `Item ${item.id}'s stored object is not the one recorded for it (its file or its recorded digests were ` +
        `changed); nothing was exported. Run "vigil verify" on the vault.`,
    );
  }
  return reader;
}

export function bagEntries(vault: Vault, plan: BuiltPayload): BagEntry[] {
  const bindings = bindingsOf(vault, plan);
  const items: BagEntry[] = plan.items.map(({ item, path: p }) => {
    const binding = bindings.get(item.objectId) ?? null;
    return {
      path: p,
      size: item.size,
      recordedSha512: item.sha512,
      // A bound object needs no SHA-256 pass; one stored before bindings is hashed and checked (checkItemHashes).
      ...(binding === null ? {} : { recordedSha256: item.sha256 }),
      source: async () => {
        const reader = await openBound(vault, item, binding);
        const stream = reader.createReadStream();
        // Read-ahead: the next chunks decrypt while this one is tarred and encrypted.
        const ahead = new PassThrough({ objectMode: true, highWaterMark: READ_AHEAD_CHUNKS });
        // A read error reaches writeBag through `ahead`; the reader is closed either way.
        void pipeline(stream, ahead)
          .catch(() => undefined)
          .finally(() => reader.close().catch(() => undefined));
        return ahead;
      },
    };
  });
  return [
    ...items,
    ...plan.files.map((f) => ({ path: f.path, size: f.data.length, source: () => Readable.from([f.data]) })),
  ];
}

/**
 * Throws OBJECT_CORRUPT when an item's bytes as written differ from its recorded SHA-256.
 * The manifest lists the recorded SHA-512 (see BagEntry.recordedSha512): equal SHA-256
 * shows the bytes are the ones both digests were recorded for at ingest. Items whose object
 * is bound to its record were checked by their binding instead (openBound) and list the
 * recorded SHA-256, which passes here.
 */
export function checkItemHashes(plan: BuiltPayload, written: BagResult): void {
  for (const { item, path: p } of plan.items) {
    if (written.manifestSha256.get(`data/${p}`) !== item.sha256) {
      throw new VigilError(
        'OBJECT_CORRUPT',
        `Item ${item.id} read back with a different SHA-256 than recorded; nothing was exported. Run "vigil ` +
          `verify" on the vault.`,
      );
    }
  }
}
