/**
 * Rules for relative paths inside a package, shared by the bag writer (which must never
 * produce a name the reader would refuse) and the tar reader (which must refuse anything
 * that could land outside the destination or be read differently on another system).
 */
import { printable } from '../printable';

/** Longest path (UTF-8 bytes) accepted inside a package. */
const MAX_PATH_BYTES = 1024;
/** Longest single name (UTF-8 bytes): the limit of common file systems. */
const MAX_SEGMENT_BYTES = 255;

// Characters Windows refuses in names; a package made on Linux must still open there.
const WINDOWS_RESERVED_CHARS = /[<>:"|?*]/;
const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
// C0 controls, DEL and C1 controls; U+FFFD is what invalid UTF-8 decodes to.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\ufffd]/;

/** Why one name (a path segment) is unsafe, or null when it is fine. */
function segmentProblem(segment: string): string | null {
  if (segment === '') return 'has an empty name between slashes';
  if (segment === '.' || segment === '..') return `contains "${segment}"`;
  if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES)
    return `has a name longer than ${MAX_SEGMENT_BYTES} bytes`;
  if (WINDOWS_RESERVED_CHARS.test(segment)) return 'contains a character Windows does not allow (< > : " | ? *)';
  if (/[. ]$/.test(segment)) return 'has a name ending in a dot or space';
  if (WINDOWS_DEVICE_NAMES.test(segment)) return 'uses a reserved device name (CON, NUL, COM1, …)';
  return null;
}

/**
 * Why a '/'-separated relative path is unsafe, or null when it is safe: no absolute paths,
 * no '.' or '..', no empty segments, no backslashes, no control characters, bounded length.
 */
export function relativePathProblem(p: string): string | null {
  if (p === '') return 'is empty';
  if (p.startsWith('/')) return 'is an absolute path';
  if (p.includes('\\')) return 'contains a backslash';
  if (CONTROL_CHARS.test(p)) return 'contains a control character or invalid UTF-8';
  if (Buffer.byteLength(p, 'utf8') > MAX_PATH_BYTES) return `is longer than ${MAX_PATH_BYTES} bytes`;
  for (const segment of p.split('/')) {
    const problem = segmentProblem(segment);
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * The key two names share when a file system could treat them as the same file:
 * Unicode NFC (macOS normalises) and case folding (Windows and macOS ignore case).
 */
export function collisionKey(p: string): string {
  // Upper then lower folds more pairs than lower alone (ß/SS, ς/σ).
  return p.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}

/** Quotes a path for a message, escaping anything unprintable so the reader sees what is there. */
export function quotePath(p: string): string {
  // JSON escapes C0 controls; printable also catches C1, bidirectional overrides and line separators.
  return printable(JSON.stringify(p.length > 300 ? `${p.slice(0, 300)}…` : p));
}
