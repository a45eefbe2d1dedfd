/**
 * Loads MuPDF (the `mupdf` package: WebAssembly, an ES module with top-level await) once.
 * A dynamic import() is the one way a CommonJS bundle (main process, CLI) can load such a
 * module; both bundlers leave import() of an external package as it is. The WebAssembly
 * sandbox keeps a hostile PDF's parsing inside MuPDF's own memory.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VigilError } from '../../../shared/errors';

/** The `mupdf` module's namespace. */
export type MuPdf = typeof import('mupdf');

/** The global through which MuPDF's loader takes Emscripten module options. */
const MODULE_OPTIONS = '$libmupdf_wasm_Module';

let loading: Promise<MuPdf> | null = null;

/**
 * Hands MuPDF its .wasm bytes, read by a plain path. Left alone, its loader reads the file through
 * a file: URL made from import.meta.url, which inside the packaged app points into app.asar,
 * where Electron's archive layer maps string paths but is not relied on for URL objects. Only
 * CommonJS bundles (the app, the CLI) have `require`; under plain ES modules (tests) MuPDF
 * finds the file itself.
 */
function provideWasm(): void {
  const g = globalThis as Record<string, unknown>;
  if (g[MODULE_OPTIONS] !== undefined || typeof require !== 'function') return;
  const wasm = path.join(path.dirname(require.resolve('mupdf')), 'mupdf-wasm.wasm');
  g[MODULE_OPTIONS] = { wasmBinary: readFileSync(wasm) };
}

/** The MuPDF module, loaded on first use. */
export function loadMupdf(): Promise<MuPdf> {
  loading ??= (async () => {
    provideWasm();
    return import('mupdf');
  })().catch((cause: unknown) => {
    loading = null;
    throw new VigilError(
      'INTERNAL',
      'The PDF and image redaction library (MuPDF) could not be loaded; reinstall Vigil.',
      { cause },
    );
  });
  return loading;
}
