/**
 * Loads MuPDF (the `mupdf` package: WebAssembly, an ES module with top-level await) once.
 * A dynamic import() is the one way a CommonJS bundle (main process, CLI) can load such a
 * module; both bundlers leave import() of an external package as it is. The WebAssembly
 * sandbox keeps a hostile PDF's parsing inside MuPDF's own memory.
 */
import { VigilError } from '../../../shared/errors';

/** The `mupdf` module's namespace. */
export type MuPdf = typeof import('mupdf');

let loading: Promise<MuPdf> | null = null;

/** The MuPDF module, loaded on first use. */
export function loadMupdf(): Promise<MuPdf> {
  loading ??= import('mupdf').catch((cause: unknown) => {
    loading = null;
    throw new VigilError('INTERNAL', 'The PDF and image redaction library (MuPDF) could not be loaded; reinstall Vigil.', { cause });
  });
  return loading;
}
