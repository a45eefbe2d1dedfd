/**
 * Crash safety of `vigil init`: the first header is written like every later one (vault.json.pending, the
 * `vault.created` transaction naming its hash, then the rename), so a creation killed after its record must open and
 * be finished, and one killed before it must say there is no vault rather than look like a damaged one.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openVault } from '../../../main/vault/open';
import { verifyVault } from '../../../main/checks/verify-vault';
import { runKilled } from '../../helpers/crash';
import { runCli, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

const FOLDER = 'new-vault';
const CREATED_NOTE = /vigil: note: Creating this vault was interrupted just after it was recorded; it is now finished/;
const NO_VAULT =
  /No Vigil vault was found|was interrupted before it was recorded, so there is no vault there|holds vault\.db but no vault\.json/;

describe('crash safety of vigil init', () => {
  it(
    'after a SIGKILL before every file-system step of a creation, the vault either opens, finished and verifying, ' +
      'or the folder is said to hold no vault',
    async () => {
      const root = tempDir();
      const traceFile = path.join(root, 'trace');
      const full = await runKilled(['init', path.join(root, FOLDER), '--name', 'First Member'], {}, null, traceFile);
      expect(full.status, full.stderr).toBe(0);
      const trace = full.trace ?? [];
      // The steps from the making of the vault's folder on (before it, the command is only loading).
      const first = trace.findIndex((s) => s === `mkdir ${FOLDER}`);
      expect(first).toBeGreaterThanOrEqual(0);
      const steps = trace.map((_, k) => k + 1).slice(first);
      // The record commits just before the last rename (of vault.json.pending into vault.json): a kill before that step
      // or later leaves a recorded creation, which must open; a kill before any earlier step leaves none.
      const recordedFrom = trace.lastIndexOf('rename vault.json.pending') + 1;
      expect(steps).toContain(recordedFrom);
      for (const op of steps) {
        const label = `killed before step ${op} of ${trace.length} (${trace[op - 1]})`;
        const parent = path.join(root, `round-${op}`);
        mkdirSync(parent);
        const dir = path.join(parent, FOLDER);
        await runKilled(['init', dir, '--name', 'First Member'], {}, { op });
        const status = runCli(['status', dir]);
        if (op < recordedFrom) {
          expect(status.status, `${label}: ${status.stderr}`).toBe(2);
          expect(status.stderr, label).toMatch(NO_VAULT);
          // Creating the vault again: a folder with only the lock file (a random token) counts as empty; one with a
          // database but no header is refused with what it may be, and left as it was.
          const left = existsSync(dir) ? readdirSync(dir).sort() : [];
          const again = runCli(['init', dir, '--name', 'First Member']);
          if (left.every((n) => n === 'vault.lock')) {
            expect(again.status, `${label}: ${again.stderr}`).toBe(0);
          } else {
            expect(again.status, label).toBe(2);
            expect(again.stderr, label).toMatch(/holds the files of a vault but no vault\.json/);
            expect(readdirSync(dir).sort(), label).toEqual(left);
          }
          continue;
        }
        expect(status.status, `${label}: ${status.stderr}`).toBe(0);
        if (op === recordedFrom) expect(status.stderr, label).toMatch(CREATED_NOTE);
        expect(
          readdirSync(dir).filter((n) => n.includes('pending') || n.endsWith('.tmp')),
          label,
        ).toEqual([]);
        const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
        try {
          expect(vault.recovered.header, label).toBe('none');
          expect(
            (await verifyVault(vault)).findings.filter((f) => !f.ok),
            label,
          ).toEqual([]);
        } finally {
          await vault.close();
        }
      }
      expect(steps[0]).toBeLessThan(recordedFrom);
    },
    120_000,
  );
});
