/**
 * Types shared by the extraction front end (extract.ts) and the worker that
 * does the parsing (extract-worker.ts).
 */

/** The outcome of extracting text and metadata from one file. */
export interface ExtractionResult {
  status: 'ok' | 'failed' | 'unsupported';
  mediaType: string;
  text?: string;
  error?: string;
  /** Facts safe to show and search: page count, document and capture dates, camera model. */
  metadata: Record<string, unknown>;
  /**
   * Facts that can locate or identify someone (GPS position, author names, serial numbers): kept apart so they can be
   * withheld.
   */
  sensitive: Record<string, unknown>;
}

/** What one format extractor returns; the worker adds the media type and applies the text cap. */
export type ExtractorOutput = Omit<ExtractionResult, 'mediaType'> & { mediaType?: string };

/** The message the front end sends to the worker. */
export interface WorkerRequest {
  data: Uint8Array;
  mediaType: string;
  maxTextChars: number;
}
