/** Small display helpers of the items screen: dates of stated precision, viewer choice (sizes: shared/format.ts). */
import type { Res } from '../../../shared/contract';

/** A row of the item list, as items:list answers. */
export type ItemRow = Res<'items:list'>['rows'][number];

/** One item's detail, as items:get answers. */
export type ItemDetail = Res<'items:get'>;

/** Which viewer shows an item. */
type ViewerKind = 'image' | 'audio' | 'video' | 'pdf' | 'text' | 'none';

/** A partial date (YYYY, YYYY-MM, YYYY-MM-DD) in the reader's language, marked "~" when approximate. */
export function formatPartialDate(date: string | null, approx: boolean, locale: string): string {
  if (date === null) return '';
  const [y, m, d] = date.split('-').map(Number);
  let text = date;
  if (y !== undefined && m === undefined) text = String(y);
  else if (y !== undefined && m !== undefined && d === undefined)
    text = new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(locale, {
      year: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    });
  else if (y !== undefined && m !== undefined && d !== undefined)
    text = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
  return approx ? `~${text}` : text;
}

/** The viewer for a media type (the extracted text stands in when there is no better one). */
export function viewerFor(mediaType: string | null, hasText: boolean): ViewerKind {
  const type = (mediaType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (/^image\/(png|jpeg|gif|webp|bmp|avif)$/.test(type)) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('text/') || hasText) return 'text';
  return 'none';
}

/** A value of extracted metadata as one line of text. */
export function factText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
