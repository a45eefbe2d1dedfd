import type { PDFDocument } from 'mupdf';

/**
 * Removes from a redacted PDF what lies outside the pages and may name anyone: the document
 * information (title, author, subject, keywords), the XMP metadata, bookmarks, attached files
 * and document scripts. Box and name redaction only reach the pages' content; these would
 * otherwise carry an original's words into its redacted copy unexamined.
 */
export function stripPdfExtras(pdf: PDFDocument): void {
  const trailer = pdf.getTrailer();
  trailer.delete('Info');
  const root = trailer.get('Root');
  if (root.isNull()) return;
  for (const key of ['Metadata', 'Outlines', 'OpenAction', 'AA', 'PieceInfo']) root.delete(key);
  const names = root.get('Names');
  if (!names.isNull()) {
    names.delete('EmbeddedFiles');
    names.delete('JavaScript');
  }
}
