import { protectNamesWithSpans, type ProtectedPerson, type Replacement } from '../protect-names';

/**
 * Opens a match in FTS5 snippet() output. Private-use characters: indexDoc strips them from stored text, so they only
 * come from snippet().
 */
export const MARK_OPEN = '\uE000';
/** Closes a match in FTS5 snippet() output. */
export const MARK_CLOSE = '\uE001';

/** Plain text with highlighted ranges [start, end) in UTF-16 code units (JavaScript string offsets). */
interface Highlighted {
  text: string;
  highlights: [number, number][];
}

/** Strips the markers from marked-up text, returning the plain text and where the marked ranges were. */
export function parseMarked(marked: string): Highlighted {
  let text = '';
  const highlights: [number, number][] = [];
  let open: number | null = null;
  for (const part of marked.split(/([\uE000\uE001])/u)) {
    if (part === MARK_OPEN) open ??= text.length;
    else if (part === MARK_CLOSE) {
      if (open !== null && text.length > open) highlights.push([open, text.length]);
      open = null;
    } else text += part;
  }
  if (open !== null && text.length > open) highlights.push([open, text.length]);
  return { text, highlights };
}

function mapOffset(offset: number, replacements: Replacement[], isEnd: boolean): number {
  let shift = 0;
  for (const r of replacements) {
    if (offset <= r.from) return offset + shift;
    // Inside a replaced name: the whole code is highlighted.
    if (offset < r.to) return isEnd ? r.newTo : r.newFrom;
    shift = r.newTo - r.to;
  }
  return offset + shift;
}

function merge(ranges: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Turns marked snippet text into plain text with protected names replaced by codes and the highlight ranges moved to
 * match.
 */
export function protectMarked(marked: string, people: ProtectedPerson[]): Highlighted {
  const parsed = parseMarked(marked.normalize('NFC'));
  const { text, replacements } = protectNamesWithSpans(parsed.text, people);
  const highlights = parsed.highlights.map(([s, e]): [number, number] => [
    mapOffset(s, replacements, false),
    mapOffset(e, replacements, true),
  ]);
  return { text, highlights: merge(highlights.filter(([s, e]) => e > s)) };
}
