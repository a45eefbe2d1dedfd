/**
 * Names in a bag come from whoever made it and may hold line breaks, terminal escape sequences
 * or right-to-left overrides that would forge or hide lines of a report. Reports show each such
 * character as <U+XXXX> instead, so what is printed is what a reader sees, one line per finding.
 */

// Control characters (C0, DEL, C1), bidirectional formatting characters, and the Unicode line
// and paragraph separators.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** The text with every control, bidirectional-formatting or line-separator character shown as <U+XXXX>. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`);
}
