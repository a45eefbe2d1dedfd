/**
 * `vigil export --dry-run`: the export's own plan, shown without writing, recording or
 * sealing anything; the package made next holds exactly the files it listed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTool } from '../../helpers/tools';
import { runCli, snapshotFiles, tempDir } from '../../helpers/vault';

const hasAge = hasTool('age') && hasTool('age-keygen');

interface Plan {
  bag: string;
  items: { path: string; exifStripped: boolean }[];
  generated: string[];
  tagFiles: string[];
  nameHits: unknown[];
}

describe('vigil export --dry-run', () => {
  it.skipIf(!hasAge)('changes nothing, and the package made next holds exactly the files it listed', () => {
    const parent = tempDir();
    const dir = path.join(parent, 'demo');
    expect(runCli(['demo', dir]).status).toBe(0);
    const before = snapshotFiles(dir);

    const text = runCli(['export', dir, '--case', 'DEMO-2025-001', '--dry-run']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Dry run: nothing was written, recorded or sealed\./);
    expect(text.stdout).toMatch(/data\/items\/001\.txt/);
    const run = runCli(['export', dir, '--case', 'DEMO-2025-001', '--dry-run', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const plan = JSON.parse(run.stdout) as Plan;
    expect(snapshotFiles(dir)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(['demo']);

    const key = path.join(parent, 'key.txt');
    expect(spawnSync('age-keygen', ['-o', key]).status).toBe(0);
    const recipient = /# public key: (age1[0-9a-z]+)/.exec(fs.readFileSync(key, 'utf8'))?.[1] ?? '';
    const output = path.join(parent, 'case.tar.age');
    const made = runCli(['export', dir, '--case', 'DEMO-2025-001', '--to', recipient, '-o', output]);
    expect(made.status, made.stderr).toBe(0);
    const listing = spawnSync('sh', ['-c', `age -d -i "${key}" "${output}" | tar -t`], { encoding: 'utf8' });
    expect(listing.status).toBe(0);
    const inBag = listing.stdout
      .split('\n')
      .filter((l) => l !== '' && !l.endsWith('/'))
      .map((l) => l.slice(l.indexOf('/') + 1))
      .sort();
    expect(inBag).toEqual([...plan.items.map((i) => i.path), ...plan.generated, ...plan.tagFiles].sort());
  });

  it('refuses an update with --dry-run, and an export with no output, saying what to give', () => {
    const dir = path.join(tempDir(), 'demo');
    expect(runCli(['demo', dir]).status).toBe(0);
    const update = runCli(['export', dir, '--case', 'DEMO-2025-001', '--dry-run', '--update']);
    expect(update.status).not.toBe(0);
    expect(update.stderr).toMatch(/--dry-run shows a full package/);
    const noOutput = runCli(['export', dir, '--case', 'DEMO-2025-001', '--passphrase']);
    expect(noOutput.status).not.toBe(0);
    expect(noOutput.stderr).toMatch(/Say where to write the package: -o FILE\.tar\.age/);
  });
});
