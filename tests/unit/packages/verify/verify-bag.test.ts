import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBagFolder } from '../../../../main/packages/verify';
import { tempDir } from '../../../helpers/vault';
import { writePyBag } from '../bagit/bagit-py-bag';

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('packages/verify/verifyBagFolder (names from the bag in the report)', () => {
  it('shows line breaks, escape sequences and direction overrides in names as <U+XXXX>, never raw', async () => {
    const bag = writePyBag(
      path.join(tempDir(), 'bag'),
      { 'line\nbreak.txt': 'a', 'esc\u001b[31mred.txt': 'b', 'rlo\u202etxt.exe': 'c' },
      { laterTagFiles: { 'notes\r.txt': 'n' } },
    );
    fs.writeFileSync(path.join(bag, 'data', 'line\nbreak.txt'), 'changed');
    const report = await verifyBagFolder(bag);
    expect(report.ok).toBe(false);
    for (const c of report.checks) {
      expect(c.detail, c.detail).not.toMatch(UNPRINTABLE);
      expect(c.subject ?? '', c.subject).not.toMatch(UNPRINTABLE);
    }
    expect(report.checks).toContainEqual(
      expect.objectContaining({
        check: 'bagit',
        ok: false,
        subject: 'data/line<U+000A>break.txt',
        detail: expect.stringMatching(/^data\/line<U\+000A>break\.txt does not match/),
      }),
    );
    expect(report.checks).toContainEqual(
      expect.objectContaining({ check: 'bagit', ok: true, warning: true, subject: 'notes<U+000D>.txt' }),
    );
  });
});
