/**
 * CSV files a package carries (data/register.csv): RFC 4180 with CRLF record ends, safe to open
 * in a spreadsheet. Their cells hold text from the vault — item titles, and titles that came in
 * with a partner's package — which a spreadsheet would run if it looked like a formula.
 */
import { stringify } from 'csv-stringify/sync';

const OPTIONS = {
  record_delimiter: 'windows',
  // Set by hand: with a record delimiter given, the library would quote only cells holding CRLF,
  // and a lone CR or LF in a cell would split the record for any reader.
  quote_record_delimiter: true,
  // OWASP's CSV-injection rule: a cell starting with =, +, -, @, tab or CR gets a leading ' (the
  // library also covers the full-width =, +, - and @). Every cell is passed as a string, so a
  // negative number such as "-1" is prefixed too: telling a number from a formula that starts
  // with a minus (-2+3, -cmd|…) would mean parsing numbers as each spreadsheet and locale does,
  // and no column of ours holds a negative number.
  escape_formulas: true,
  eof: true,
} as const;

/**
 * Rows of text as an RFC 4180 CSV file (CRLF), every cell a spreadsheet would read as a formula neutralised with a
 * leading '.
 */
export function csvText(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], OPTIONS);
}
