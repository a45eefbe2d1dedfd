import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { communicationDocx } from '../../../../main/packages/export/docx';
import type { Communication } from '../../../../main/packages/export/submission';
import { crc32, zipFiles } from '../../../../main/packages/export/zip-writer';
import { hasTool } from '../../../helpers/tools';
import { tempDir } from '../../../helpers/vault';

const hasUnzip = hasTool('unzip');

const communication: Communication = {
  format: 'vigil-un-communication/1',
  draft: true,
  caseReference: 'C-1',
  alleged_victims: [{ code: 'D-001', name: null, aliases: [], consentToBeNamed: false }],
  arrest: { date: '2025-03-14', place: null, circumstances: 'At dawn <home> & "office"' },
  authoritiesBelievedResponsible: ['O-001'],
  placesOfDetention: [
    { date: '2025-03-16', type: 'detention', place: 'SIZO 2', region: 'North', description: 'Held.' },
  ],
  legalBasis: '',
  stepsTakenByRelativesAndLawyers: [
    {
      date: '2025-04-01',
      by: 'R-001',
      to: 'Prosecutor',
      channel: 'letter',
      about: 'Where is he?',
      response: null,
      responseDate: null,
    },
  ],
  periodsWithoutContact: [
    { code: 'D-001', start: '2025-11-20', end: null, days: 100, ongoing: true, explanation: 'No letters.' },
  ],
  consent: [{ code: 'D-001', toSubmission: true, sharedWith: ['UN WGEID'], toPublicationOfName: false }],
};

describe('packages/export/crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('packages/export/zipFiles', () => {
  it('stores files that inflate back to their bytes', () => {
    const zip = zipFiles([{ name: 'a.txt', data: Buffer.from('hello hello hello') }]);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const size = zip.readUInt32LE(18);
    expect(inflateRawSync(zip.subarray(30 + 5, 30 + 5 + size)).toString()).toBe('hello hello hello');
  });

  it.skipIf(!hasUnzip)('makes a DOCX that unzip tests clean, with escaped XML, and a flipped byte is caught', () => {
    const file = path.join(tempDir(), 'c.docx');
    const docx = communicationDocx(communication);
    fs.writeFileSync(file, docx);
    const ok = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    const xml = spawnSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' }).stdout;
    expect(xml).toContain('At dawn &lt;home&gt; &amp; &quot;office&quot;');
    expect(xml).toContain('[to be completed]');
    const bad = Buffer.from(docx);
    const at = bad.indexOf(Buffer.from('word/document.xml')) + 'word/document.xml'.length + 3;
    bad[at] = (bad[at] ?? 0) ^ 0xff;
    fs.writeFileSync(file, bad);
    expect(spawnSync('unzip', ['-t', file], { encoding: 'utf8' }).status).not.toBe(0);
  });
});
