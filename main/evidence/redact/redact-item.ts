/**
 * Redacts an item into a new derivative (kind `redacted`) linked to its original, which is
 * never altered. The original's bytes are read from the store, checked against its recorded
 * SHA-256, redacted in memory by the module for its medium, checked again, and stored straight
 * into the encrypted store: no plaintext touches the disk. Custody `item.derivative_added`
 * records the original's hash and what was removed (docs/DESIGN.md, "Redacted derivatives").
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { VigilError } from '../../../shared/errors';
import {
  RedactionBoxSchema,
  MAX_REDACTION_BOXES,
  type RedactionBox,
  type RedactionRecord,
} from '../../../shared/redaction';
import { z } from 'zod';
import { extractorFor } from '../../ingest/media-type';
import type { Vault } from '../../vault/vault';
import { addDerivativeFromBytes } from '../item-edits';
import { getItem, type ItemSummary } from '../items';
import { getPerson } from '../people';
import { parseInput } from '../validate';
import { redactIsolated } from './redact-isolated';
import { redactText } from './redact-text';

/** The derivative kind of a redacted copy. */
const REDACTED = 'redacted';
/** Larger originals are refused rather than held in memory whole. */
const MAX_REDACT_BYTES = 256 * 1024 * 1024;

/** What to remove: boxes (PDF, image), a person's names (PDF, text), or both. */
const RedactRequestSchema = z
  .object({
    boxes: z.array(RedactionBoxSchema).max(MAX_REDACTION_BOXES).optional(),
    personId: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine(
    (r) => (r.boxes?.length ?? 0) > 0 || r.personId !== undefined,
    'Give boxes to remove or a person whose names to remove.',
  );

/** A redaction request, as the CLI and the app give it. */
type RedactRequest = z.input<typeof RedactRequestSchema>;

/** The media a redaction works on. */
type RedactMedium = 'pdf' | 'image' | 'text';

/** The medium an item's media type is redacted as, or null when it cannot be. */
function redactMedium(mediaType: string | null): RedactMedium | null {
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType?.startsWith('image/')) return 'image';
  if (mediaType && extractorFor(mediaType) === 'text') return 'text';
  return null;
}

async function readOriginal(vault: Vault, item: ItemSummary): Promise<Buffer> {
  if (item.size > MAX_REDACT_BYTES)
    throw new VigilError(
      'INVALID_INPUT',
      `The item is too large to redact (over ${MAX_REDACT_BYTES / 1024 / 1024} MiB).`,
    );
  const reader = await vault.blobs.open(item.objectId);
  let bytes: Buffer;
  try {
    bytes = await reader.read(0, reader.size);
  } finally {
    await reader.close();
  }
  // The entry names the original's hash: it must be the hash of what was redacted.
  if (createHash('sha256').update(bytes).digest('hex') !== item.sha256)
    throw new VigilError(
      'OBJECT_CORRUPT',
      `The stored content of item ${item.id} does not match its recorded SHA-256; nothing was redacted. Run ` +
        `"vigil verify".`,
    );
  return bytes;
}

function refuseMismatch(medium: RedactMedium, boxes: RedactionBox[], personId: string | undefined): void {
  if (medium === 'text' && boxes.length > 0)
    throw new VigilError(
      'INVALID_INPUT',
      "A text item has no pages to draw boxes on; redact a person's names from it instead.",
    );
  if (medium === 'image' && personId !== undefined)
    throw new VigilError('INVALID_INPUT', 'Names cannot be searched for in an image; draw boxes over them instead.');
}

function fileNameFor(item: ItemSummary, medium: RedactMedium): string {
  const base = path.basename(item.fileName) || 'item';
  if (medium !== 'image') return base;
  return `${base.replace(/\.[^.]*$/, '')}.png`;
}

/** Redacts an item as asked and stores the copy as its derivative; returns the new item and what the entry recorded. */
export async function redactItem(
  vault: Vault,
  itemId: string,
  request: RedactRequest,
): Promise<{ item: ItemSummary; redaction: RedactionRecord }> {
  vault.requireSigner();
  const req = parseInput(RedactRequestSchema, request);
  const original = getItem(vault.db, itemId);
  const medium = redactMedium(original.mediaType);
  if (medium === null)
    throw new VigilError(
      'INVALID_INPUT',
      `Items of type ${original.mediaType ?? 'unknown'} cannot be redacted; PDFs, images and text files can.`,
    );
  const boxes = req.boxes ?? [];
  refuseMismatch(medium, boxes, req.personId);
  const person = req.personId === undefined ? null : getPerson(vault.db, req.personId);
  const names = person
    ? [...new Set([person.name, ...person.aliases].map((n) => n.trim()).filter((n) => n !== ''))]
    : [];
  const input = await readOriginal(vault, original);
  let bytes: Buffer;
  let hits = new Map<string, number>();
  let method: RedactionRecord['method'];
  if (medium === 'pdf') {
    ({ bytes, hits } = await redactIsolated({
      medium,
      input,
      boxes,
      terms: person ? names.map((text) => ({ text, label: person.code })) : [],
    }));
    method = 'mupdf-redact';
  } else if (medium === 'image') {
    ({ bytes } = await redactIsolated({ medium, input, boxes }));
    method = 'image-burn-png';
  } else {
    ({ bytes, hits } = redactText(input, person ? [{ code: person.code, names }] : []));
    method = 'text-codes';
  }
  const redaction: RedactionRecord = {
    method,
    originalSha256: original.sha256,
    boxes,
    people: person
      ? [{ personId: person.id, code: person.code, names: names.length, occurrences: hits.get(person.code) ?? 0 }]
      : [],
  };
  const item = await addDerivativeFromBytes(vault, original.id, fileNameFor(original, medium), bytes, {
    derivativeKind: REDACTED,
    derivation: { ...redaction },
  });
  return { item, redaction };
}
