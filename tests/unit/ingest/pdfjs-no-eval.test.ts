/**
 * pdf.js parses hostile PDFs (in the extraction process and in the window's viewer).
 * Up to 5.x it could compile a PDF's PostScript functions into JavaScript with
 * `new Function`, which the option isEvalSupported: false turned off; 6.x removed that
 * path and the option. This checks the pdf.js files Vigil runs have no way left to
 * turn PDF content into code.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
// The legacy build runs in the extraction process (extract-pdf.ts); the modern one and its minified worker in the
// viewer (PdfView.tsx).
const FILES = ['legacy/build/pdf.mjs', 'legacy/build/pdf.worker.mjs', 'build/pdf.mjs', 'build/pdf.worker.min.mjs'];

describe('pdfjs-dist as shipped', () => {
  it('is major version 6 or later', () => {
    const { version } = JSON.parse(readFileSync(path.join(pdfjsDir, 'package.json'), 'utf8')) as { version: string };
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(6);
  });

  it.each(FILES)('%s compiles no code at run time (no new Function, no eval, no PostScript compiler)', (file) => {
    const code = readFileSync(path.join(pdfjsDir, file), 'utf8');
    expect(code).not.toMatch(/\bnew Function\s*\(/);
    expect(code).not.toMatch(/(?<![.\w])eval\s*\(/);
    expect(code).not.toContain('PostScriptCompiler');
  });
});
