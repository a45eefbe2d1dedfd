import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../helpers/vault';
import { writePyBag } from '../../unit/packages/bagit/bagit-py-bag';

describe('vigil verify (what the target is, and what is printed of it)', () => {
  it(
    'says a folder with neither bagit.txt nor vault.json is ' + 'not a bag or a vault, without asking for a passphrase',
    () => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a bag');
      const r = runCli(['verify', dir]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/is not a bag or a vault: it has neither bagit.txt nor vault.json/);
      expect(r.stdout + r.stderr).not.toMatch(/passphrase/i);
    },
  );

  it(
    'prints names from the bag with control characters escaped, one line per finding, and notes an unlisted tag ' +
      'file',
    () => {
      const bag = writePyBag(
        path.join(tempDir(), 'bag'),
        { 'line\nFAKE  PASS.txt': 'a', 'esc\u001b[2Jwipe.txt': 'b' },
        { laterTagFiles: { 'extra.txt': 'x' } },
      );
      fs.writeFileSync(path.join(bag, 'data', 'esc\u001b[2Jwipe.txt'), 'changed');
      const r = runCli(['verify', bag]);
      expect(r.status).toBe(1);
      expect(r.stdout).not.toContain('\u001b');
      expect(r.stdout).toContain('data/esc<U+001B>[2Jwipe.txt does not match');
      expect(r.stdout).toMatch(/^ {2}NOTE {2}bagit +extra\.txt: extra\.txt is outside data\/ and was ignored/m);
      for (const line of r.stdout.split('\n').filter(Boolean))
        expect(line).toMatch(/^(Verification of |Result: | {2}(PASS|FAIL|NOTE) {2})/);
    },
  );
});
