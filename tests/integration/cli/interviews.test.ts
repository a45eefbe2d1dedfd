import { readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerInterviewCommands } from '../../../main/cli/commands/interviews';
import type { InterviewRow } from '../../../main/evidence/interviews';
import { getItem } from '../../../main/evidence/items';
import type { Revision, RevisionInfo, SegmentDiff } from '../../../main/evidence/transcripts';
import { transcriptProblems } from '../../../main/evidence/verify-evidence';
import { createVault } from '../../../main/vault/create';
import { openVault } from '../../../main/vault/open';
import { verifyVault } from '../../../main/checks/verify-vault';
import { fastKdf, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { entries, seedCaseAndPerson } from '../evidence/interview-fixtures';

/*
 * The commands run in-process on a program holding only this module's
 * commands, so they are tested whether or not the main `vigil` program has
 * been wired to them yet.
 */
async function vigil(...args: string[]): Promise<string> {
  const program = new Command('vigil').exitOverride();
  registerInterviewCommands(program);
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return written.join('');
}

let dir: string;
let files: string;
let caseId: string;
const savedPassphrase = process.env.VIGIL_PASSPHRASE;

beforeAll(async () => {
  process.env.VIGIL_PASSPHRASE = TEST_PASSPHRASE;
  files = suiteTempDir('vigil-interview-files-');
  dir = path.join(files, 'vault');
  const { vault } = await createVault(dir, {
    memberName: 'Anna Investigator',
    passphrase: TEST_PASSPHRASE,
    kdf: await fastKdf(),
  });
  caseId = seedCaseAndPerson(vault, 'R-001', 'Maria Example').caseId;
  await vault.close();
  writeFileSync(
    path.join(files, 'first.srt'),
    '1\n00:00:01,000 --> 00:00:04,000\nInterviewer: When was the last visit?\n\n2\n00:01:02,500 --> ' +
      '00:01:09,000\nR-001: In March, at the pretrial centre.\n',
  );
  writeFileSync(
    path.join(files, 'second.txt'),
    'Interviewer: When was the last visit?\nR-001: In early March, at the pretrial centre.\nR-001: After that, ' +
      'nothing.\n',
  );
  writeFileSync(
    path.join(files, 'call.mp3'),
    Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000'), Buffer.alloc(64, 7)]),
  );
  writeFileSync(
    path.join(files, 'call2.mp3'),
    Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000'), Buffer.alloc(64, 8)]),
  );
});

afterAll(() => {
  if (savedPassphrase === undefined) delete process.env.VIGIL_PASSPHRASE;
  else process.env.VIGIL_PASSPHRASE = savedPassphrase;
});

describe('cli/commands/interviews', () => {
  let interview: InterviewRow & { transcript: { revision: number; sha256: string; segments: number } | null };

  it('interview new imports the transcript and attaches the recording', async () => {
    const json = await vigil(
      'interview',
      'new',
      dir,
      '--case',
      caseId,
      '--person',
      'r-001',
      '--date',
      '2024-04-02',
      '--mode',
      'phone',
      '--language',
      'uk',
      '--consent',
      'yes',
      '--transcript',
      path.join(files, 'first.srt'),
      '--recording',
      path.join(files, 'call.mp3'),
      '--json',
    );
    interview = JSON.parse(json) as typeof interview;
    expect(interview).toMatchObject({
      intervieweeCode: 'R-001',
      interviewerName: 'Anna Investigator',
      date: '2024-04-02',
      mode: 'phone',
      language: 'uk',
      consent: { given: true },
      currentRevision: 1,
    });
    expect(interview.recordingItemIds).toHaveLength(1);
    expect(interview.transcript).toMatchObject({ revision: 1, segments: 2 });
    const text = await vigil('interview', 'list', dir, '--case', caseId);
    expect(text).toContain(interview.id);
    expect(text).toContain('transcript r1, 1 recording(s)');
  });

  it('transcript show prints timed lines, and JSON with --json', async () => {
    const text = await vigil('transcript', 'show', dir, interview.id);
    expect(text).toContain('[00:00:01] Interviewer: When was the last visit?');
    expect(text).toContain('[00:01:02] R-001: In March, at the pretrial centre.');
    const rev = JSON.parse(await vigil('transcript', 'show', dir, interview.id, '--json')) as Revision;
    expect(rev.segments[1]).toMatchObject({ speaker: 'R-001', startMs: 62_500, endMs: 69_000 });
  });

  it('transcript import adds a revision; history and diff show both', async () => {
    const rev = JSON.parse(
      await vigil(
        'transcript',
        'import',
        dir,
        interview.id.slice(0, 8),
        path.join(files, 'second.txt'),
        '--note',
        'from notes',
        '--json',
      ),
    ) as Revision;
    expect(rev).toMatchObject({ revision: 2, note: 'from notes' });
    const history = JSON.parse(await vigil('transcript', 'history', dir, interview.id, '--json')) as RevisionInfo[];
    expect(history.map((r) => [r.revision, r.segmentCount])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(await vigil('transcript', 'history', dir, interview.id)).toMatch(/^r1 .*\nr2 .*from notes\n$/);
    const diff = JSON.parse(await vigil('transcript', 'diff', dir, interview.id, '1', '2', '--json')) as {
      diff: SegmentDiff[];
    };
    expect(diff.diff.map((d) => d.op)).toEqual(['changed', 'removed', 'added', 'added']);
    // The --json shape scripts read: the interview first, then what the window's interviews:diff answers.
    expect(Object.keys(diff)).toEqual(['interviewId', 'from', 'to', 'diff']);
    expect(diff).toMatchObject({ interviewId: interview.id, from: 1, to: 2 });
    const text = await vigil('transcript', 'diff', dir, interview.id, '1', '2');
    expect(text).toMatch(/^Revision 1 → 2: 1 changed, 2 added, 1 removed, 0 unchanged/);
    expect(text).toContain('+ R-001: After that, nothing.');
    const old = await vigil('transcript', 'show', dir, interview.id, '--revision', '1');
    expect(old).toContain('# Revision 1 of 2');
  });

  it('refuses bad input without writing', async () => {
    const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    const before = entries(vault).length;
    // The recording was stored as an audio item of the interview's case.
    expect(getItem(vault.db, interview.recordingItemIds[0] ?? '')).toMatchObject({ kind: 'audio', caseId });
    await vault.close();
    await expect(
      vigil('interview', 'new', dir, '--case', caseId, '--person', 'R-001', '--mode', 'pigeon'),
    ).rejects.toThrow(/Unknown mode/);
    await expect(
      vigil('interview', 'new', dir, '--case', caseId, '--person', 'R-001', '--consent', 'maybe'),
    ).rejects.toThrow(/yes.*no/);
    await expect(
      vigil(
        'interview',
        'new',
        dir,
        '--case',
        caseId,
        '--person',
        'R-001',
        '--recording',
        path.join(files, 'missing.mp3'),
      ),
    ).rejects.toThrow(/not a readable file/);
    // The second recording is a link, refused only once the first is stored: the interview, the
    // first recording and the transcript are not recorded either, and the stored object goes.
    const interviews = (await vigil('interview', 'list', dir, '--case', caseId, '--json')).trim();
    const storedObjects = (): string[] =>
      readdirSync(path.join(dir, 'blobs'), { recursive: true, encoding: 'utf8' })
        .filter((n) => n.endsWith('.age'))
        .sort();
    const objects = storedObjects();
    writeFileSync(
      path.join(files, 'other.mp3'),
      Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000'), Buffer.alloc(64, 9)]),
    );
    symlinkSync(path.join(files, 'other.mp3'), path.join(files, 'link.mp3'));
    await expect(
      vigil(
        'interview',
        'new',
        dir,
        '--case',
        caseId,
        '--person',
        'R-001',
        '--transcript',
        path.join(files, 'first.srt'),
        '--recording',
        path.join(files, 'call2.mp3'),
        '--recording',
        path.join(files, 'link.mp3'),
      ),
    ).rejects.toThrow(/is a symbolic link/);
    expect((await vigil('interview', 'list', dir, '--case', caseId, '--json')).trim()).toBe(interviews);
    expect(storedObjects()).toEqual(objects);
    await expect(vigil('transcript', 'show', dir, interview.id, '--revision', 'x')).rejects.toThrow(
      /not a revision number/,
    );
    await expect(vigil('transcript', 'import', dir, interview.id, path.join(files, 'second.txt'))).rejects.toThrow(
      /same as revision 2/,
    );
    const after = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    try {
      expect(entries(after)).toHaveLength(before);
      expect(transcriptProblems(after.db)[0]).toMatchObject({ ok: true });
      expect((await verifyVault(after)).ok).toBe(true);
    } finally {
      await after.close();
    }
  });
});
