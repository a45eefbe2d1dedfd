/**
 * The fonts a report embeds: DejaVu Sans and DejaVu Sans Bold from the
 * `dejavu-fonts-ttf` package, so Cyrillic (and most scripts) render in any PDF
 * reader. The package is found by Node's module resolution from this file:
 * the bundled CLI (out/cli, dependencies external), the Electron main bundle
 * (out/main, inside app.asar in a packaged app, whose fs reads the archive) and
 * the TypeScript sources all reach the project's node_modules that way. The
 * files are read into memory and handed to pdfkit as bytes, never as paths.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { VigilError } from '../../shared/errors';

/** The two font files a report embeds (kept in the packaged app by electron-builder.yml). */
export const REPORT_FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/** The fonts' bytes. */
export interface ReportFonts {
  regular: Buffer;
  bold: Buffer;
}

let cached: ReportFonts | null = null;

/** The folder holding the DejaVu TrueType files, resolved from `from` (this module by default). */
export function fontFolder(from: string = __filename): string {
  try {
    return path.join(path.dirname(createRequire(from).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch (cause) {
    throw new VigilError(
      'INTERNAL',
      'The report fonts (package dejavu-fonts-ttf) are missing from this installation; reinstall Vigil.',
      { cause },
    );
  }
}

/** Reads the report fonts once per process. */
export function reportFonts(): ReportFonts {
  if (cached) return cached;
  const dir = fontFolder();
  try {
    cached = {
      regular: readFileSync(path.join(dir, REPORT_FONT_FILES.regular)),
      bold: readFileSync(path.join(dir, REPORT_FONT_FILES.bold)),
    };
  } catch (cause) {
    throw new VigilError('INTERNAL', `The report fonts could not be read from ${dir}; reinstall Vigil.`, { cause });
  }
  return cached;
}
