/**
 * The redaction boxes format (docs/DESIGN.md, "Redacted derivatives"): what the CLI reads from
 * `--boxes FILE.json` and the app sends over `items:redact`. Pure zod, shared by both sides.
 */
import { z } from 'zod';

/** Most boxes one redaction takes: a page drawn over by hand has tens; a bound keeps a hostile request small. */
export const MAX_REDACTION_BOXES = 5000;

/** Largest coordinate accepted: beyond any real page (PDF's limit is 14,400 pt) or image side. */
const MAX_COORD = 1_000_000;

const coord = z.number().finite().min(-MAX_COORD).max(MAX_COORD);
const size = z.number().finite().positive('must be greater than 0 (a box needs a width and a height)').max(MAX_COORD);

/**
 * One area to remove. `page` is 0-based (an image has the one page 0). `x`, `y` are the box's
 * top-left corner measured from the page's top-left corner as it is displayed (rotation and crop
 * box applied), in PDF points (1/72 inch) for a PDF and in pixels for an image (its EXIF
 * orientation applied); y grows downwards.
 */
export const RedactionBoxSchema = z
  .object({
    page: z.number().int('must be a whole number').min(0, 'must be 0 or more (pages count from 0)').max(100_000),
    x: coord,
    y: coord,
    width: size,
    height: size,
  })
  .strict();

/** The boxes file: `{ "boxes": [ { "page": 0, "x": 72, "y": 90, "width": 200, "height": 24 } ] }`. */
export const RedactionBoxesFileSchema = z
  .object({
    boxes: z.array(RedactionBoxSchema).min(1, 'needs at least one box').max(MAX_REDACTION_BOXES),
  })
  .strict();

/** One box to redact. */
export type RedactionBox = z.output<typeof RedactionBoxSchema>;

/**
 * What a redaction's custody entry records (`data.derivation`): the method, the original's hash, the boxes, per-person
 * counts; never a name.
 */
export const RedactionRecordSchema = z.object({
  method: z.enum(['mupdf-redact', 'image-burn-png', 'text-codes']),
  originalSha256: z.string(),
  boxes: z.array(RedactionBoxSchema),
  people: z.array(
    z.object({ personId: z.string(), code: z.string(), names: z.number().int(), occurrences: z.number().int() }),
  ),
});

/** A redaction's record. */
export type RedactionRecord = z.output<typeof RedactionRecordSchema>;
