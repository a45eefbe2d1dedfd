import path from 'node:path';
import { VigilError } from '../../../shared/errors';
import { addDerivativeFromBytes } from '../../evidence/item-edits';
import { getItem, listItems, type ItemSummary } from '../../evidence/items';
import type { ReadDb } from '../../vault/database';
import type { Vault } from '../../vault/vault';
import type { NamePolicy } from './names';
import type { ProfileSettings } from './profile';
import { isJpeg, stripJpegMetadata } from './jpeg-strip';

/** The derivative kind of an image copy without EXIF/GPS. */
export const EXIF_STRIPPED = 'exif_stripped';
/** The derivative kind of a redacted copy (main/evidence/redact). */
const REDACTED = 'redacted';
/** Larger images are refused for stripping rather than held in memory whole. */
const MAX_STRIP_BYTES = 256 * 1024 * 1024;

function isRecording(item: ItemSummary): boolean {
  return item.kind === 'audio' || item.kind === 'video' || /^(audio|video)\//.test(item.mediaType ?? '');
}

/** Whether the export treats `item` as a JPEG whose metadata it may strip (the plan shows the same). */
export function looksJpeg(item: ItemSummary): boolean {
  return item.mediaType === 'image/jpeg' || /\.jpe?g$/i.test(item.fileName);
}

/**
 * The case's originals the export takes (or the named items), after the profile's filters; and how many were left out.
 */
export function selectItems(
  db: ReadDb,
  caseId: string,
  itemIds: string[] | undefined,
  s: ProfileSettings,
): { items: ItemSummary[]; leftOut: number } {
  const originals = listItems(db, { caseId }).filter((i) => i.derivativeOf === null);
  let chosen: ItemSummary[];
  if (itemIds && itemIds.length > 0) {
    chosen = [...new Map(itemIds.map((id) => getItem(db, id)).map((i) => [i.id, i])).values()];
    const foreign = chosen.find((i) => i.caseId !== caseId);
    if (foreign)
      throw new VigilError(
        'INVALID_INPUT',
        `Item ${foreign.id} does not belong to this case; export it with its own case.`,
      );
  } else {
    chosen = originals;
  }
  const kept = chosen.filter(
    (i) => (s.recordings || !isRecording(i)) && (s.kinds === null || s.kinds.includes(i.kind)),
  );
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
  const id = db
    .prepare('SELECT id FROM items WHERE derivative_of = ? AND derivative_kind = ? ORDER BY created_at, id LIMIT 1')
    .pluck()
    .get(original.id, EXIF_STRIPPED) as string | undefined;
  return id === undefined ? null : getItem(db, id);
}

/**
 * The EXIF-stripped copy of a JPEG, recorded as a derivative (custody
 * `item.derivative_added`); an earlier one is reused. The stripped bytes go from
 * memory straight into the encrypted store: no plaintext is written to disk.
 * Returns the original when it carries no metadata.
 */
export async function strippedCopy(vault: Vault, original: ItemSummary): Promise<ItemSummary> {
  const prior = existingStripped(vault.db, original);
  if (prior) return prior;
  if (original.size > MAX_STRIP_BYTES)
    throw new VigilError(
      'INVALID_INPUT',
      `The image ${original.id} is too large to strip its metadata (over 256 MiB). Export with a profile that ` +
        `keeps originals.`,
    );
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
  return addDerivativeFromBytes(vault, original.id, path.basename(original.fileName) || 'image.jpg', stripped, {
    derivativeKind: EXIF_STRIPPED,
  });
}

/**
 * Characters a bag file name cannot keep, each run replaced by "_" (DESIGN §6):
 * "/" and "\" separate folders (both do on Windows); NUL, the other control characters and DEL
 * (tab, CR and LF included) are refused by Windows and by the package reader, and a line break
 * would split a manifest line; < > : " | ? * are refused by Windows, where many recipients
 * unpack; "%" is read as itself by bagit.py but as the start of an escape by RFC 8493 readers,
 * and sha256sum needs the manifest path verbatim; bidirectional formatting characters can
 * disguise an extension ("report<U+202E>fdp.exe"); U+FFFD marks bytes that were not UTF-8.
 */
const UNSAFE_IN_NAME =
  // eslint-disable-next-line no-control-regex
  /[/\\\u0000-\u001f\u007f-\u009f<>:"|?*%\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffd]+/gu;
/** Bytes left for the name after the "NNN-" prefix, within the 255-byte limit of common file systems. */
const MAX_NAME_BYTES = 200;

/** `s` cut to at most `max` UTF-8 bytes, at a character boundary. */
function cutUtf8(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch, 'utf8') > max) break;
    out += ch;
  }
  return out;
}

/**
 * The item's recorded file name as it is named in the bag: kept as recorded (Unicode NFC)
 * except for the characters above, surrounding spaces, and trailing dots (Windows drops them),
 * and cut to 200 bytes keeping the extension. The caller's "NNN-" prefix keeps names unique and
 * clear of Windows device names (CON, NUL, …). Every manifest line of such a name is read the
 * same by RFC 8493 readers, bagit.py and sha256sum.
 */
export function safeFileName(name: string): string {
  let cleaned = name.normalize('NFC').replace(UNSAFE_IN_NAME, '_').trim();
  if (Buffer.byteLength(cleaned, 'utf8') > MAX_NAME_BYTES) {
    const ext = /\.[^.\s]{1,16}$/u.exec(cleaned)?.[0] ?? '';
    cleaned =
      cutUtf8(
        cleaned.slice(0, cleaned.length - ext.length),
        MAX_NAME_BYTES - Buffer.byteLength(ext, 'utf8'),
      ).trimEnd() + ext;
  }
  cleaned = cleaned.replace(/[.\s]+$/u, '');
  return cleaned === '' ? 'file' : cleaned;
}

/** An extension a bag name may keep under the protected profile: 1 to 8 ASCII letters or digits. */
const SAFE_EXTENSION = /\.([A-Za-z0-9]{1,8})$/;

/**
 * The extension of `fileName` for a numbered bag name (".pdf"), lower case; "" when it has none,
 * when it is not short plain ASCII, or when it is itself a protected name or alias.
 */
function safeExtension(fileName: string, policy: NamePolicy): string {
  const ext = SAFE_EXTENSION.exec(fileName)?.[1]?.toLowerCase();
  if (ext === undefined || policy.count(ext).size > 0) return '';
  return `.${ext}`;
}

/**
 * An item's path under data/ (DESIGN §6). The protected profile names it by number only,
 * "items/NNN.<ext>": a file name is chosen by whoever made the file and often carries a
 * person's name in a form no matcher can promise to find. Other profiles keep the recorded
 * name after the number, "items/NNN-<name>", with the profile's hidden names replaced.
 */
export function bagItemPath(position: number, fileName: string, s: ProfileSettings, policy: NamePolicy): string {
  const number = String(position).padStart(3, '0');
  if (s.kind === 'protected') return `items/${number}${safeExtension(fileName, policy)}`;
  return `items/${number}-${safeFileName(policy.text(fileName))}`;
}

/** The latest redacted derivative of `original` (the last one made), or null. */
function latestRedacted(db: ReadDb, original: ItemSummary): ItemSummary | null {
  const id = db
    .prepare(
      'SELECT id FROM items WHERE derivative_of = ? AND derivative_kind = ? ORDER BY created_at DESC, rowid ' +
        'DESC LIMIT 1',
    )
    .pluck()
    .get(original.id, REDACTED) as string | undefined;
  return id === undefined ? null : getItem(db, id);
}

/**
 * The item the profile exports for `original`: its latest redacted copy when the profile says so and there is one, else
 * itself.
 */
export function exportedForm(db: ReadDb, original: ItemSummary, s: ProfileSettings): ItemSummary {
  return (s.useRedacted ? latestRedacted(db, original) : null) ?? original;
}
