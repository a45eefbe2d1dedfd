/** HTTP byte ranges (RFC 9110 §14): one range of a representation of known size. */

/** A satisfiable range, end exclusive; `partial` is false when the whole body is sent. */
type RangeResult = { kind: 'whole' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads a Range header against a body of `size` bytes. No header, or several
 * ranges (which a media element never asks for), get the whole body; a
 * malformed or unsatisfiable range gets 'unsatisfiable' (416).
 */
export function parseRange(header: string | undefined | null, size: number): RangeResult {
  if (header === undefined || header === null || header.trim() === '') return { kind: 'whole' };
  const value = header.trim().toLowerCase().replace(/\s+/g, '');
  if (value.startsWith('bytes=') && value.includes(',')) return { kind: 'whole' };
  const m = SINGLE.exec(value);
  if (!m) return { kind: 'unsatisfiable' };
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return { kind: 'unsatisfiable' };
  if (first === '') {
    // A suffix range: the last N bytes.
    const n = Number(last);
    if (!Number.isSafeInteger(n) || n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - n), end: size };
  }
  const start = Number(first);
  const lastByte = last === '' ? size - 1 : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(lastByte) || lastByte < start || start >= size)
    return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end: Math.min(lastByte, size - 1) + 1 };
}
