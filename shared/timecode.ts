/**
 * Time codes of transcripts, one formatter for the editor, the CLI and exported transcripts:
 * "01:02:03.500" ⇄ milliseconds. Hours grow past 99 if they must.
 */

/** "HH:MM:SS.mmm" for a time in milliseconds ("HH:MM:SS" with `millis: false`), or '' when the time is unknown. */
export function formatTimecode(ms: number | null, opts: { millis?: boolean } = {}): string {
  if (ms === null) return '';
  const pad = (v: number, n = 2): string => String(v).padStart(n, '0');
  const total = Math.floor(ms / 1000);
  const clock = `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
  return opts.millis === false ? clock : `${clock}.${pad(ms % 1000, 3)}`;
}

/** The shorter "MM:SS" (or "H:MM:SS") for labels and buttons. */
export function shortTimecode(ms: number): string {
  const total = Math.floor(ms / 1000);
  const pad = (v: number): string => String(v).padStart(2, '0');
  const hours = Math.floor(total / 3600);
  return hours > 0
    ? `${hours}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`
    : `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}

const TIMECODE = /^(?:(?:(\d+):)?(\d{1,2}):)?(\d{1,2})(?:[.,](\d{1,3}))?$/;

/** Reads "1:02:03.5", "02:03", "3.25" or '' (unknown); null when the text is not a time code. */
export function parseTimecode(text: string): { ms: number | null } | null {
  const value = text.trim();
  if (value === '') return { ms: null };
  const m = TIMECODE.exec(value);
  if (!m) return null;
  const [hours, minutes, seconds] = [Number(m[1] ?? 0), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  if ((m[2] !== undefined && seconds > 59) || (m[1] !== undefined && minutes > 59)) return null;
  const millis = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0'));
  return { ms: ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis };
}
