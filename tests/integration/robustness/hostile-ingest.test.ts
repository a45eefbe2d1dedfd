/**
 * Hostile input, end to end through the `vigil` command: each file is stored or
 * refused with a clear result, in under 60 s and under 2 GiB of memory, and the
 * vault still verifies. The figures are printed for the issue notes.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getItemDetail } from '../../../main/evidence/item-views';
import { listItems } from '../../../main/evidence/items';
import { listRevisions } from '../../../main/evidence/transcripts';
import { openVault } from '../../../main/vault/open';
import { measuredCli, type MeasuredRun } from '../../helpers/measured-cli';
import { hasTool } from '../../helpers/tools';
import { runCli, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { makeManyPagePdf, makeZip, zeroBomb } from '../../unit/ingest/fixtures';

const SECONDS = 60;
const PEAK_MIB = 2048;
const hasTime = hasTool('/usr/bin/time', 'time');

let root = '';
let vaultDir = '';
const figures: string[] = [];

function bounded(what: string, run: MeasuredRun): void {
  figures.push(
    `${what.padEnd(34)} ${run.seconds.toFixed(2).padStart(6)} s ${run.peakMiB.toFixed(0).padStart(6)} MiB  ` +
      `exit ${String(run.status)}`,
  );
  expect(run.seconds, `${what}: seconds`).toBeLessThan(SECONDS);
  expect(run.peakMiB, `${what}: peak memory (MiB)`).toBeLessThan(PEAK_MIB);
}

/**
 * The one item of the vault named `fileName`, with its extraction facts (the CLI has exited, so the vault can be
 * opened).
 */
async function itemFacts(
  fileName: string,
): Promise<{ status: string; error: string | null; metadata: Record<string, unknown> } | null> {
  const vault = await openVault(vaultDir, { passphrase: TEST_PASSPHRASE });
  try {
    const item = listItems(vault.db, {}).find((i) => i.fileName === fileName);
    if (item === undefined) return null;
    const detail = getItemDetail(vault.db, item.id);
    return { status: item.extractionStatus, error: item.extractionError, metadata: detail.metadata };
  } finally {
    await vault.close();
  }
}

function itemCount(): number {
  const r = runCli(['item', 'list', vaultDir, '--json']);
  return (JSON.parse(r.stdout) as unknown[]).length;
}

beforeAll(() => {
  root = suiteTempDir();
  vaultDir = path.join(root, 'vault');
  expect(runCli(['init', vaultDir, '--name', 'Hostile Input']).status).toBe(0);
  expect(runCli(['case', 'new', vaultDir, '--title', 'Hostile input', '--ref', 'H-1']).status).toBe(0);
});

afterAll(() => {
  if (figures.length > 0) console.log(`hostile ingest (limit ${SECONDS} s, ${PEAK_MIB} MiB):\n${figures.join('\n')}`);
});

describe.skipIf(!hasTime)('robustness/hostile ingest through vigil add', () => {
  it(
    'a DOCX zip bomb (10 GiB of zeros behind a 10 MiB file) ' + 'is stored; its extraction is refused as a zip bomb',
    async () => {
      const file = path.join(root, 'bomb.docx');
      writeFileSync(
        file,
        makeZip([
          { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
          { name: 'word/document.xml', deflated: zeroBomb(10) },
        ]),
      );
      const run = measuredCli(['add', vaultDir, file]);
      bounded('DOCX zip bomb (10 MiB → 10 GiB)', run);
      expect(run.status, run.stderr).toBe(0);
      expect(await itemFacts('bomb.docx')).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/zip bomb/),
      });
    },
  );

  it(
    'a 10,000-page PDF is stored, with its page count and ' + 'the text of the pages read in the time allowed',
    async () => {
      const file = path.join(root, 'register.pdf');
      writeFileSync(file, makeManyPagePdf(10_000));
      const run = measuredCli(['add', vaultDir, file]);
      bounded('PDF of 10,000 pages', run);
      expect(run.status, run.stderr).toBe(0);
      const facts = await itemFacts('register.pdf');
      expect(facts).toMatchObject({ status: 'ok', metadata: { pageCount: 10_000 } });
      const read = facts?.metadata['pagesRead'];
      figures.push(`  pages read: ${read === undefined ? 'all 10,000' : String(read)}`);
      if (read !== undefined) expect(read).toBeGreaterThan(0);
    },
  );

  it('a 200 MB text file is stored whole; its extracted text is cut at the cap and the cut is recorded', async () => {
    const file = path.join(root, 'log.txt');
    const line = Buffer.from('The detainee was moved again on the eve of the visit; the request went unanswered.\n');
    writeFileSync(
      file,
      Buffer.concat(Array<Buffer>(Math.ceil(200_000_000 / line.length)).fill(line)).subarray(0, 200_000_000),
    );
    const run = measuredCli(['add', vaultDir, file]);
    bounded('text file of 200 MB', run);
    expect(run.status, run.stderr).toBe(0);
    expect(await itemFacts('log.txt')).toMatchObject({ status: 'ok', metadata: { textTruncated: true } });
  });

  it(
    'a named pipe, a symbolic link to a secret file and a link inside a folder are refused or skipped at once, ' +
      'storing nothing of them',
    () => {
      const before = itemCount();
      const fifo = path.join(root, 'pipe');
      execFileSync('mkfifo', [fifo]);
      const secret = path.join(root, 'secret-key');
      writeFileSync(secret, 'NOT FOR THE VAULT');
      const link = path.join(root, 'innocent.txt');
      symlinkSync(secret, link);
      const pipeRun = measuredCli(['add', vaultDir, fifo], {}, 30_000);
      bounded('named pipe (FIFO)', pipeRun);
      expect(pipeRun).toMatchObject({ status: 2, stderr: expect.stringMatching(/not a regular file/) });
      const linkRun = measuredCli(['add', vaultDir, link]);
      bounded('symbolic link to a secret file', linkRun);
      expect(linkRun).toMatchObject({ status: 2, stderr: expect.stringMatching(/symbolic link/) });
      const folder = path.join(root, 'folder');
      mkdirSync(path.join(folder, 'inner'), { recursive: true });
      writeFileSync(path.join(folder, 'a.txt'), 'first letter');
      writeFileSync(path.join(folder, 'inner', 'b.txt'), 'second letter');
      symlinkSync(secret, path.join(folder, 'inner', 'c.txt'));
      execFileSync('mkfifo', [path.join(folder, 'd.pipe')]);
      const dirRun = measuredCli(['add', vaultDir, folder]);
      bounded('a folder with a link and a pipe', dirRun);
      expect(dirRun.status, dirRun.stderr).toBe(0);
      expect(dirRun.stdout).toMatch(/2 added, 2 skipped/);
      expect(itemCount()).toBe(before + 2);
    },
  );

  it('a transcript of 1,000,000 cues is refused with the limit named, and nothing changes', async () => {
    const interview = runCli([
      'interview',
      'new',
      vaultDir,
      '--case',
      'H-1',
      '--person',
      (() => {
        const p = runCli([
          'person',
          'add',
          vaultDir,
          '--case',
          'H-1',
          '--role',
          'relative',
          '--name',
          'Fictional Relative',
          '--json',
        ]);
        return (JSON.parse(p.stdout) as { code: string }).code;
      })(),
      '--date',
      '2026-04-02',
      '--mode',
      'video_call',
      '--json',
    ]);
    expect(interview.status, interview.stderr).toBe(0);
    const id = (JSON.parse(interview.stdout) as { id: string }).id;
    const cues: string[] = [];
    const time = (ms: number): string => new Date(ms).toISOString().slice(11, 23).replace('.', ',');
    for (let i = 0; i < 1_000_000; i += 1) cues.push(`${i + 1}\n${time(i * 1000)} --> ${time(i * 1000 + 900)}\nx\n`);
    const file = path.join(root, 'huge.srt');
    writeFileSync(file, cues.join('\n'));
    const run = measuredCli(['transcript', 'import', vaultDir, id, file]);
    bounded('SRT with 1,000,000 cues', run);
    expect(run).toMatchObject({ status: 2, stderr: expect.stringMatching(/more than 200000 segments/) });
    const vault = await openVault(vaultDir, { passphrase: TEST_PASSPHRASE });
    try {
      expect(listRevisions(vault.db, id)).toEqual([]);
    } finally {
      await vault.close();
    }
  });

  it('after all of it the vault verifies', () => {
    const run = measuredCli(['verify', vaultDir]);
    bounded('verify the vault afterwards', run);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});
