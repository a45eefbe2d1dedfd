import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attachRecording,
  createInterview,
  getInterview,
  listInterviews,
  type InterviewRow,
} from '../../../main/evidence/interviews';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { committedHash } from '../../helpers/records';
import { recordSalt } from '../../../main/evidence/record-commit';
import {
  diffRevisions,
  getRevision,
  listRevisions,
  reviseTranscript,
  revisionHash,
  verifyRevisionHash,
  type Segment,
} from '../../../main/evidence/transcripts';
import { transcriptProblems } from '../../../main/evidence/verify-evidence';
import type { Vault } from '../../../main/vault/vault';
import { verifyVault } from '../../../main/checks/verify-vault';
import { newTestVault, tempDir } from '../../helpers/vault';
import { entries, searchRows, seedCaseAndPerson, seg } from './interview-fixtures';

/** The stored state of an interview, as its `interview.created` entry hashes it. */
function storedRecord(iv: InterviewRow): Record<string, unknown> {
  const { id, caseId, intervieweeId, interviewerId, date, dateApprox, mode, language, consent, createdAt } = iv;
  return { id, caseId, intervieweeId, interviewerId, date, dateApprox, mode, language, consent, createdAt };
}

async function withTestVault(fn: (vault: Vault) => Promise<void> | void): Promise<void> {
  const { vault } = await newTestVault('Anna Investigator');
  try {
    await fn(vault);
  } finally {
    await vault.close();
  }
}

const REV1: Segment[] = [
  seg('Interviewer', 0, 'When did you last hear from him?'),
  seg('W-001', 5, 'The last letter came in March, about the zebrafinch.', 'Останній лист прийшов у березні.'),
];
const REV2: Segment[] = [
  seg('Interviewer', 0, 'When did you last hear from him?'),
  seg('W-001', 5, 'The last letter came in March, about the kestrel.'),
  seg('W-001', 12, 'Since then nothing.'),
];
const REV3: Segment[] = [
  seg('Interviewer', 0, 'When did you last hear from him?'),
  seg('W-001', 12, 'Since then nothing at all, not one quokka word.'),
];

describe('evidence/interviews', () => {
  it('creates and lists interviews, naming the interviewee by code and the acting member as interviewer', async () => {
    await withTestVault(async (vault) => {
      const { caseId, personId } = seedCaseAndPerson(vault);
      const before = entries(vault).length;
      const iv = createInterview(vault, {
        caseId,
        intervieweeId: personId,
        date: '2024-03',
        dateApprox: true,
        mode: 'video_call',
        language: 'uk',
        consent: { given: true, date: '2024-03-01', how: 'orally, recorded' },
      });
      expect(iv).toMatchObject({
        caseId,
        intervieweeId: personId,
        intervieweeCode: 'W-001',
        interviewerId: vault.member.id,
        interviewerName: 'Anna Investigator',
        date: '2024-03',
        dateApprox: true,
        mode: 'video_call',
        language: 'uk',
        recordingItemIds: [],
        currentRevision: null,
      });
      expect(iv.consent).toEqual({ given: true, date: '2024-03-01', how: 'orally, recorded' });
      const undated = createInterview(vault, { caseId, intervieweeId: personId });
      expect(undated).toMatchObject({
        date: null,
        dateApprox: false,
        mode: 'in_person',
        language: '',
        consent: { given: false },
      });
      expect(listInterviews(vault.db, caseId).map((x) => x.id)).toEqual([iv.id, undated.id]);
      expect(getInterview(vault.db, iv.id.slice(0, 8))).toEqual(iv);

      const log = entries(vault);
      expect(log).toHaveLength(before + 2);
      expect(log[before]).toMatchObject({
        action: 'interview.created',
        subject: iv.id,
        hash: committedHash(vault.db, 'interviews', iv.id, storedRecord(iv)),
        data: { caseId, intervieweeId: personId, mode: 'video_call', hashFormat: 'salted-v1' },
      });
      // Consent wording and the language never enter the signed log.
      expect(JSON.stringify(log)).not.toMatch(/orally|"uk"/);
      expect(searchRows(vault, 'video').map((r) => r.refId)).toEqual([iv.id]);
      expect((await verifyVault(vault, { quick: true })).ok).toBe(true);
    });
  });

  it('refuses bad interview input and writes nothing', async () => {
    await withTestVault((vault) => {
      const { caseId, personId } = seedCaseAndPerson(vault);
      const before = entries(vault).length;
      expect(() => createInterview(vault, { caseId, intervieweeId: personId, date: '2024-02-30' })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
      expect(() => createInterview(vault, { caseId: 'no-such-case', intervieweeId: personId })).toThrow(
        expect.objectContaining({ code: 'NOT_FOUND' }),
      );
      expect(() => createInterview(vault, { caseId, intervieweeId: 'nobody' })).toThrow(
        expect.objectContaining({ code: 'NOT_FOUND' }),
      );
      expect(() => createInterview(vault, { caseId, intervieweeId: personId, mode: 'telepathy' as never })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
      expect(() =>
        createInterview(vault, { caseId, intervieweeId: personId, consent: { given: true, date: '03/2024' } }),
      ).toThrow(/Consent date/);
      expect(() => getInterview(vault.db, 'missing-interview')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
      expect(entries(vault)).toHaveLength(before);
      expect(listInterviews(vault.db, caseId)).toEqual([]);
    });
  });

  it('attaches a recording with one custody entry citing the item SHA-256, and refuses it twice', async () => {
    await withTestVault(async (vault) => {
      const { caseId, personId } = seedCaseAndPerson(vault);
      const iv = createInterview(vault, { caseId, intervieweeId: personId });
      const file = path.join(tempDir(), 'interview.wav');
      writeFileSync(file, Buffer.from('RIFF....WAVEfmt fake audio for the test'));
      const item = await addFileItem(vault, file);
      const before = entries(vault).length;
      attachRecording(vault, iv.id, item.id);
      const log = entries(vault);
      expect(log).toHaveLength(before + 1);
      expect(log.at(-1)).toMatchObject({
        action: 'recording.attached',
        subject: iv.id,
        hash: item.sha256,
        data: { itemId: item.id, recordings: 1 },
      });
      expect(getInterview(vault.db, iv.id).recordingItemIds).toEqual([item.id]);
      expect(() => attachRecording(vault, iv.id, item.id)).toThrow(/already attached/);
      expect(() => attachRecording(vault, iv.id, 'no-such-item')).toThrow(
        expect.objectContaining({ code: 'NOT_FOUND' }),
      );
      expect(entries(vault)).toHaveLength(before + 1);
    });
  });
});

describe('evidence/transcripts', () => {
  it('keeps revisions 1..3, each retrievable, each with one signed custody entry citing its hash', async () => {
    await withTestVault(async (vault) => {
      const { caseId, personId } = seedCaseAndPerson(vault);
      const iv = createInterview(vault, { caseId, intervieweeId: personId, date: '2024-03-05' });
      const revs = [];
      for (const [i, segments] of [REV1, REV2, REV3].entries()) {
        const before = entries(vault).length;
        const rev = reviseTranscript(vault, iv.id, segments, `pass ${i + 1}`);
        revs.push(rev);
        const log = entries(vault);
        expect(log).toHaveLength(before + 1);
        expect(rev).toMatchObject({
          interviewId: iv.id,
          revision: i + 1,
          note: `pass ${i + 1}`,
          createdBy: { id: vault.member.id, name: 'Anna Investigator' },
          segments,
        });
        expect(rev.sha256).toBe(
          committedHash(vault.db, 'transcript_revisions', rev.id, { interviewId: iv.id, revision: i + 1, segments }),
        );
        expect(log.at(-1)).toEqual(
          expect.objectContaining({
            action: 'transcript.revised',
            subject: iv.id,
            hash: rev.sha256,
            data: {
              revision: i + 1,
              revisionId: rev.id,
              segments: segments.length,
              previous: revs[i - 1]?.sha256 ?? null,
              hashFormat: 'salted-v1',
            },
          }),
        );
      }
      expect(listRevisions(vault.db, iv.id).map((r) => [r.revision, r.sha256, r.segmentCount])).toEqual(
        revs.map((r) => [r.revision, r.sha256, r.segments.length]),
      );
      expect(getRevision(vault.db, iv.id, 1).segments).toEqual(REV1);
      expect(getRevision(vault.db, iv.id, 2).segments).toEqual(REV2);
      expect(getRevision(vault.db, iv.id)).toEqual(revs[2]);
      expect(getInterview(vault.db, iv.id).currentRevision).toBe(3);
      expect(() => getRevision(vault.db, iv.id, 4)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
      for (const n of [1, 2, 3]) expect(verifyRevisionHash(vault.db, iv.id, n)).toBe(true);
      // No transcript words or notes leave in the signed log.
      expect(JSON.stringify(entries(vault))).not.toMatch(/letter|nothing|pass 1/);
      const report = await verifyVault(vault, { quick: true });
      expect(report.ok).toBe(true);
      expect(transcriptProblems(vault.db)).toEqual([
        expect.objectContaining({ ok: true, detail: expect.stringContaining('3 transcript revisions') }),
      ]);
    });
  });

  it('diffs stored revisions: changed, added and removed segments', async () => {
    await withTestVault((vault) => {
      const { caseId, personId } = seedCaseAndPerson(vault);
      const iv = createInterview(vault, { caseId, intervieweeId: personId });
      reviseTranscript(vault, iv.id, REV1);
      reviseTranscript(vault, iv.id, REV2);
      reviseTranscript(vault, iv.id, REV3);
      const d12 = diffRevisions(getRevision(vault.db, iv.id, 1), getRevision(vault.db, iv.id, 2));
      expect(d12.map((d) => d.op)).toEqual(['unchanged', 'changed', 'added']);
      expect(d12[1]).toMatchObject({ op: 'changed', a: 1, b: 1, fields: ['text', 'translation'] });
      const d23 = diffRevisions(getRevision(vault.db, iv.id, 2), getRevision(vault.db, iv.id, 3));
      expect(d23.map((d) => d.op)).toEqual(['unchanged', 'removed', 'changed']);
      expect(d23[2]).toMatchObject({ op: 'changed', a: 2, b: 1, fields: ['text'] });
    });
  });

  it('searches the current revision only', async () => {
    await withTestVault((vault) => {
      const { caseId, personId } = seedCaseAndPerson(vault, 'W-007', 'Secret Realname');
      const iv = createInterview(vault, { caseId, intervieweeId: personId, date: '2024-03-05' });
      const r1 = reviseTranscript(vault, iv.id, REV1);
      expect(searchRows(vault, 'zebrafinch').map(({ kind, refId }) => ({ kind, refId }))).toEqual([
        { kind: 'segment', refId: `${r1.id}:1` },
      ]);
      // The translation is searchable too.
      expect(searchRows(vault, 'березні').map((r) => r.refId)).toEqual([`${r1.id}:1`]);
      reviseTranscript(vault, iv.id, REV2);
      const r3 = reviseTranscript(vault, iv.id, REV3);
      expect(searchRows(vault, 'zebrafinch')).toEqual([]);
      expect(searchRows(vault, 'kestrel')).toEqual([]);
      expect(searchRows(vault, 'quokka').map(({ kind, refId }) => ({ kind, refId }))).toEqual([
        { kind: 'segment', refId: `${r3.id}:1` },
      ]);
      const segmentRows = vault.db
        .prepare(
          'SELECT ref_id AS refId, person_ids AS personIds, case_id AS caseId, date FROM search_index WHERE ' +
            "kind = 'segment' ORDER BY ref_id",
        )
        .all();
      expect(segmentRows).toEqual(
        [0, 1].map((p) => ({ refId: `${r3.id}:${p}`, personIds: personId, caseId, date: '2024-03-05' })),
      );
      // Segment rows name the interviewee by id only; the real name stays in the person's own row.
      expect(JSON.stringify(vault.db.prepare("SELECT * FROM search_index WHERE kind = 'segment'").all())).not.toContain(
        'Realname',
      );
    });
  });

  it('rejects bad segments and writes nothing', async () => {
    await withTestVault((vault) => {
      const { caseId, personId } = seedCaseAndPerson(vault);
      const iv = createInterview(vault, { caseId, intervieweeId: personId });
      reviseTranscript(vault, iv.id, REV1);
      const count = (sql: string): number => vault.db.prepare(sql).pluck().get() as number;
      const snapshot = (): number[] => [
        entries(vault).length,
        count('SELECT count(*) FROM transcript_revisions'),
        count('SELECT count(*) FROM transcript_segments'),
        count('SELECT count(*) FROM search_index'),
      ];
      const before = snapshot();
      const bad: [Segment[], RegExp][] = [
        [[], /at least one segment/],
        [[seg('A', 0, '   ')], /no text/],
        [[{ speaker: 'A', startMs: 5000, endMs: 4000, text: 'x', translation: null }], /ends before it starts/],
        [[seg('A', 10, 'later'), seg('B', 5, 'earlier')], /time order/],
        [[{ speaker: 'A', startMs: 1.5, endMs: null, text: 'x', translation: null }], /whole milliseconds/],
        [[{ speaker: 'A', startMs: -1, endMs: null, text: 'x', translation: null }], /whole milliseconds/],
        [[seg('A', 0, 'x'.repeat(20_001))], /longer than/],
        [Array.from({ length: 50_001 }, () => seg('A', 0, 'x')), /at most 50000 segments/],
        [REV1.map((s) => ({ ...s })), /same as revision 1/],
      ];
      for (const [segments, message] of bad) {
        expect(() => reviseTranscript(vault, iv.id, segments)).toThrow(message);
      }
      expect(() => reviseTranscript(vault, iv.id, REV2, 'n'.repeat(2001))).toThrow(/note is longer/);
      expect(() => reviseTranscript(vault, 'no-such-interview', REV2)).toThrow(
        expect.objectContaining({ code: 'NOT_FOUND' }),
      );
      expect(snapshot()).toEqual(before);
      expect(getInterview(vault.db, iv.id).currentRevision).toBe(1);
    });
  });

  it('catches a stored segment altered after signing, while the custody chain itself stays intact', async () => {
    await withTestVault(async (vault) => {
      const { caseId, personId } = seedCaseAndPerson(vault);
      const iv = createInterview(vault, { caseId, intervieweeId: personId });
      const r1 = reviseTranscript(vault, iv.id, REV1);
      reviseTranscript(vault, iv.id, REV2);
      vault.db
        .prepare('UPDATE transcript_segments SET text = ? WHERE revision_id = ? AND position = 1')
        .run('He was released in March.', r1.id);
      expect(verifyRevisionHash(vault.db, iv.id, 1)).toBe(false);
      expect(verifyRevisionHash(vault.db, iv.id, 2)).toBe(true);
      const problems = transcriptProblems(vault.db);
      expect(problems).toEqual([
        expect.objectContaining({
          ok: false,
          subject: `transcript ${iv.id} revision 1`,
          detail: expect.stringContaining('altered'),
        }),
      ]);
      // The chain of signed entries is untouched; the vault report fails on the transcript check alone.
      const report = await verifyVault(vault, { quick: true });
      expect(report.ok).toBe(false);
      expect(report.custody.ok).toBe(true);
      expect(report.findings.filter((f) => !f.ok).map((f) => f.check)).toEqual(['transcript']);

      // Re-computing the row's hash to match does not help: the signed entry still cites the original.
      const forged = revisionHash(
        iv.id,
        1,
        getRevision(vault.db, iv.id, 1).segments,
        recordSalt(vault.db, 'transcript_revisions', r1.id),
      );
      vault.db.prepare('UPDATE transcript_revisions SET sha256 = ? WHERE id = ?').run(forged, r1.id);
      expect(verifyRevisionHash(vault.db, iv.id, 1)).toBe(false);
      expect(transcriptProblems(vault.db)).toEqual([
        expect.objectContaining({ ok: false, detail: expect.stringContaining(`custody entry`) }),
      ]);
    });
  });

  it('catches a revision whose salt was removed or replaced', async () => {
    await withTestVault((vault) => {
      const { caseId, personId } = seedCaseAndPerson(vault);
      const iv = createInterview(vault, { caseId, intervieweeId: personId });
      const r1 = reviseTranscript(vault, iv.id, REV1);
      for (const [salt, detail] of [
        [null, /no salt to check it with/],
        [randomBytes(32), /do not hash to the revision's recorded SHA-256/],
      ] as const) {
        vault.db.prepare('UPDATE transcript_revisions SET hash_salt = ? WHERE id = ?').run(salt, r1.id);
        expect(verifyRevisionHash(vault.db, iv.id, 1)).toBe(false);
        expect(transcriptProblems(vault.db)).toEqual([
          expect.objectContaining({
            ok: false,
            subject: `transcript ${iv.id} revision 1`,
            detail: expect.stringMatching(detail),
          }),
        ]);
      }
    });
  });

  it('catches a revision deleted or inserted outside the vault', async () => {
    await withTestVault((vault) => {
      const { caseId, personId } = seedCaseAndPerson(vault);
      const iv = createInterview(vault, { caseId, intervieweeId: personId });
      const r1 = reviseTranscript(vault, iv.id, REV1);
      const r2 = reviseTranscript(vault, iv.id, REV2);
      vault.db.prepare('DELETE FROM transcript_segments WHERE revision_id = ?').run(r2.id);
      vault.db.prepare('DELETE FROM transcript_revisions WHERE id = ?').run(r2.id);
      expect(transcriptProblems(vault.db)).toEqual([
        expect.objectContaining({
          ok: false,
          subject: `transcript revision ${r2.id}`,
          detail: expect.stringContaining('missing from the database'),
        }),
      ]);

      // A revision written straight into the database has no signed entry.
      const sha = revisionHash(iv.id, 2, REV3, null);
      vault.db
        .prepare(
          'INSERT INTO transcript_revisions (id, interview_id, revision, sha256, note, created_at, created_by) ' +
            'VALUES (?, ?, 2, ?, ?, ?, ?)',
        )
        .run('forged', iv.id, sha, '', new Date().toISOString(), vault.member.id);
      const insert = vault.db.prepare(
        'INSERT INTO transcript_segments (revision_id, position, speaker, start_ms, end_ms, text, translation) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const [p, s] of REV3.entries())
        insert.run('forged', p, s.speaker, s.startMs, s.endMs, s.text, s.translation);
      expect(verifyRevisionHash(vault.db, iv.id, 2)).toBe(false);
      expect(verifyRevisionHash(vault.db, iv.id, 1)).toBe(true);
      expect(transcriptProblems(vault.db).map((f) => f.detail)).toEqual([
        expect.stringContaining('no custody entry records this revision'),
        expect.stringContaining('missing from the database'),
      ]);
      expect(r1.revision).toBe(1);
    });
  });
});
