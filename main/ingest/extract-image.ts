/**
 * Image EXIF with exifr (runs inside the extraction worker). Capture dates and
 * camera facts go to metadata; the position and anything that identifies the
 * device or its owner go to sensitive, so they can be withheld from exports.
 */
import type { ExtractorOutput } from './extraction-types';

type Block = Record<string, unknown>;

const READ_OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  ifd1: false,
  xmp: false,
  icc: false,
  iptc: false,
  interop: false,
  jfif: false,
  ihdr: false,
  translateValues: false,
  reviveValues: false,
  mergeOutput: false,
} as const;

/**
 * EXIF dates, camera make and model, orientation → metadata; GPS latitude/longitude/altitude and owner/serial →
 * sensitive.
 */
export async function extractImage(data: Uint8Array): Promise<ExtractorOutput> {
  // Loaded on first use, not when the core starts. Through require(), not import(): the bundles then load its CommonJS build, as for every other dependency.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exifr = require('exifr') as typeof import('exifr');
  const parsed = (await exifr.parse(data, READ_OPTIONS)) as Record<string, Block | undefined> | undefined;
  if (!parsed) return { status: 'ok', metadata: { exif: false }, sensitive: {} };
  const ifd0 = parsed['ifd0'] ?? {};
  const exif = parsed['exif'] ?? {};
  const gps = parsed['gps'] ?? {};
  const metadata: Record<string, unknown> = { exif: true };
  setIf(metadata, 'dateTimeOriginal', exifDate(exif['DateTimeOriginal']));
  setIf(metadata, 'createDate', exifDate(exif['CreateDate']));
  setIf(metadata, 'offsetTimeOriginal', text(exif['OffsetTimeOriginal']));
  setIf(metadata, 'make', text(ifd0['Make']));
  setIf(metadata, 'model', text(ifd0['Model']));
  setIf(metadata, 'software', text(ifd0['Software']));
  setIf(metadata, 'orientation', typeof ifd0['Orientation'] === 'number' ? ifd0['Orientation'] : undefined);
  const sensitive: Record<string, unknown> = {};
  setIf(sensitive, 'latitude', finite(gps['latitude']));
  setIf(sensitive, 'longitude', finite(gps['longitude']));
  setIf(sensitive, 'altitude', altitude(gps));
  setIf(sensitive, 'gpsDate', text(gps['GPSDateStamp']));
  setIf(sensitive, 'artist', text(ifd0['Artist']));
  setIf(sensitive, 'ownerName', text(exif['OwnerName'] ?? exif['CameraOwnerName']));
  setIf(sensitive, 'bodySerialNumber', text(exif['BodySerialNumber']));
  return { status: 'ok', metadata, sensitive };
}

function setIf(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** 'YYYY:MM:DD HH:MM:SS' → 'YYYY-MM-DDTHH:MM:SS'. EXIF gives no zone, so none is invented. */
function exifDate(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : raw;
}

// Reference 1 means below sea level.
function altitude(gps: Block): number | undefined {
  const value = finite(gps['GPSAltitude']);
  if (value === undefined) return undefined;
  const ref = gps['GPSAltitudeRef'];
  const below = ref === 1 || (ref instanceof Uint8Array && ref[0] === 1);
  return below ? -value : value;
}
