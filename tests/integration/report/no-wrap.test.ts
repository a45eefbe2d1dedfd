/**
 * Keys and hashes in the report are set on one line, whatever characters they hold: a reader
 * copies them whole from the PDF. pdfkit broke such a line after a '/' when it only just fit.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportFonts } from '../../../main/report/fonts';
import { ReportPdf } from '../../../main/report/pdf-doc';
import { hasTool } from '../../helpers/tools';
import { tempDir } from '../../helpers/vault';
import { pdfText } from './pdf-tools';

/** Base64 strings with '/' and '+' in them, the same on every run. */
function tokens(count: number, bytes: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    createHash('sha512').update(`token ${i}`).digest().subarray(0, bytes).toString('base64'),
  );
}

describe('report/pdf-doc: unwrapped lines', () => {
  it.runIf(hasTool('pdftotext', 'poppler-utils'))(
    'keeps every key line and fact value whole, as pdftotext reads it',
    async () => {
      const pdf = new ReportPdf(reportFonts(), { lang: 'en', title: 'Lines', subject: 'Lines', created: new Date(0) });
      const commands = tokens(120, 42).map((key) => `minisign -Vm report-en.pdf -x report-en.pdf.minisig -P RW${key}`);
      const roots = tokens(60, 32);
      for (const command of commands) pdf.verbatim([command]);
      pdf.facts(roots.map((root) => ['Root', root]));
      const file = path.join(tempDir(), 'lines.pdf');
      fs.writeFileSync(file, await pdf.finish((n, total) => `${n}/${total}`));
      const text = pdfText(file);
      const split = [...commands, ...roots].filter((line) => !text.includes(line));
      expect(split).toEqual([]);
    },
  );
});
