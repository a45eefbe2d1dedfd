import path from 'node:path';
import { VigilError } from '../../../shared/errors';
import { addDerivativeFromBytes } from '../../evidence/item-edits';
import { getItem, listItems, type ItemSummary } from '../../evidence/items';
import type { ReadDb } from '../../vault/database';
import type { Vault } from '../../vault/vault';
import type { PlannedItem } from './case-data';
import type { NamePolicy } from './names';
import type { ProfileSettings } from './profile';
import { isJpeg, stripJpegMetadata } from './jpeg-strip';

/** The derivative kind of an image copy without EXIF/GPS. */
export const EXIF_STRIPPED = 'exif_stripped';
/** Larger images are refused for stripping rather than held in memory whole. */
const MAX_STRIP_BYTES = 256 * 1024 * 1024;

function isRecording(item: ItemSummary): boolean {
  return item.kind === 'audio' || item.kind === 'video' || /^(audio|video)\//.test(item.mediaType ?? '');
}

function looksJpeg(item: ItemSummary): boolean {
  return item.mediaType === 'image/jpeg' || /\.jpe?g$/i.test(item.fileName);
}

/** The case's originals the export takes (or the named items), after the profile's filters; and how many were left out. */
export function selectItems(db: ReadDb, caseId: string, itemIds: string[] | undefined, s: ProfileSettings): { items: ItemSummary[]; leftOut: number } {
  const originals = listItems(db, { caseId }).filter((i) => i.derivativeOf === null);
  let chosen: ItemSummary[];
  if (itemIds && itemIds.length > 0) {
    chosen = [...new Map(itemIds.map((id) => getItem(db, id)).map((i) => [i.id, i])).values()];
    const foreign = chosen.find((i) => i.caseId !== caseId);
    if (foreign) throw new VigilError('INVALID_INPUT', `Item ${foreign.id} does not belong to this case; export it with its own case.`);
  } else {
    chosen = originals;
  }
  const kept = chosen.filter((i) => (s.recordings || !isRecording(i)) && (s.kinds === null || s.kinds.includes(i.kind)));
  return { items: kept, leftOut: Math.max(0, originals.length - kept.filter((i) => i.derivativeOf === null).length) };
}

/** Fails early (before anything is recorded) when an item's stored object is missing or unreadable. */
export async function checkObjectsReadable(vault: Vault, items: ItemSummary[]): Promise<void> {
  for (const item of items) {
    const reader = await vault.blobs.open(item.objectId);
    await reader.close();
  }
}

function existingStripped(db: ReadDb, original: ItemSummary): ItemSummary | null {
  const id = db.prepare('SELECT id FROM items WHERE derivative_of = ? AND derivative_kind = ? ORDER BY created_at, id LIMIT 1').pluck().get(original.id, EXIF_STRIPPED) as string | undefined;
  return id === undefined ? null : getItem(db, id);
}

/**
 * The EXIF-stripped copy of a JPEG, recorded as a derivative (custody
 * `item.derivative_added`); an earlier one is reused. The stripped bytes go from
 * memory straight into the encrypted store: no plaintext is written to disk.
 * Returns the original when it carries no metadata.
 */
async function strippedCopy(vault: Vault, original: ItemSummary): Promise<ItemSummary> {
  const prior = existingStripped(vault.db, original);
  if (prior) return prior;
  if (original.size > MAX_STRIP_BYTES) throw new VigilError('INVALID_INPUT', `The image ${original.id} is too large to strip its metadata (over 256 MiB). Export with a profile that keeps originals.`);
  const reader = await vault.blobs.open(original.objectId);
  let bytes: Buffer;
  try {
    bytes = await reader.read(0, reader.size);
  } finally {
    await reader.close();
  }
  if (!isJpeg(bytes)) return original;
  const stripped = stripJpegMetadata(bytes);
  if (stripped === bytes) return original;
  return addDerivativeFromBytes(vault, original.id, path.basename(original.fileName) || 'image.jpg', stripped, { derivativeKind: EXIF_STRIPPED });
}

/** A file name safe in a bag, in tar and for sha256sum: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  const cleaned = name.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[._]+/, '').slice(0, 100);
  return cleaned === '' ? 'file' : cleaned;
}

/** The items as exported: JPEGs swapped for stripped derivatives when the profile strips EXIF, and their paths under data/. */
export async function planItems(vault: Vault, items: ItemSummary[], s: ProfileSettings, policy: NamePolicy): Promise<PlannedItem[]> {
  const planned: PlannedItem[] = [];
  for (const [i, original] of items.entries()) {
    const item = s.stripExif && looksJpeg(original) ? await strippedCopy(vault, original) : original;
    const name = safeFileName(policy.text(item.fileName));
    planned.push({ item, original: item === original ? null : original, path: `items/${String(i + 1).padStart(3, '0')}-${name}` });
  }
  return planned;
}
