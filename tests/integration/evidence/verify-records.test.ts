import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCase } from '../../../main/evidence/cases';
import { addEvent } from '../../../main/evidence/events';
import { createInterview } from '../../../main/evidence/interviews';
import { addPerson } from '../../../main/evidence/people';
import { addRequest, answerRequest } from '../../../main/evidence/requests';
import { recordProblems } from '../../../main/evidence/verify-records';
import type { Vault } from '../../../main/vault/vault';
import { verifyVault } from '../../../main/checks/verify-vault';
import { newTestVault } from '../../helpers/vault';

type Ids = {
  caseId: string;
  personId: string;
  eventId: string;
  requestId: string;
  placeId: string;
  interviewId: string;
};

async function withCase(fn: (vault: Vault, ids: Ids) => Promise<void>): Promise<void> {
  const { vault } = await newTestVault();
  try {
    const caseId = createCase(vault, { title: 'Case' }).id;
    const personId = addPerson(vault, { caseId, role: 'detainee', name: 'Someone' }).id;
    const event = addEvent(vault, {
      caseId,
      personId,
      type: 'contact_lost',
      date: '2026-01-05',
      placeName: 'Colony No. 3 (fictional)',
    });
    const eventId = event.id;
    const placeId = event.place?.id ?? '';
    const interviewId = createInterview(vault, { caseId, intervieweeId: personId, language: 'uk' }).id;
    const requestId = addRequest(vault, { caseId, personId, date: '2026-01-10', recipient: 'Prosecutor' }).id;
    answerRequest(vault, requestId, { date: '2026-02-01', response: 'token' });
    await fn(vault, { caseId, personId, eventId, requestId, placeId, interviewId });
  } finally {
    await vault.close();
  }
}

describe('evidence/verify-records/recordProblems', () => {
  it('passes when every record is the state its latest custody entry signed', async () => {
    await withCase(async (vault) => {
      expect(recordProblems(vault.db)).toEqual([expect.objectContaining({ ok: true })]);
      expect((await verifyVault(vault, { quick: true })).ok).toBe(true);
    });
  });

  it.each([
    ['an event date moved', 'UPDATE events SET date = ? WHERE id = ?', ['2026-03-05'], 'event'],
    ['a request answer changed', "UPDATE requests SET response = 'substantive' WHERE id = ?", [], 'request'],
    ['a person renamed', "UPDATE people SET name = 'Someone else' WHERE id = ?", [], 'person'],
    ['a case retitled', "UPDATE cases SET title = 'Other' WHERE id = ?", [], 'case'],
  ] as const)('catches %s outside Vigil', async (_what, sql, extra, kind) => {
    await withCase(async (vault, ids) => {
      const id =
        kind === 'event'
          ? ids.eventId
          : kind === 'request'
            ? ids.requestId
            : kind === 'person'
              ? ids.personId
              : ids.caseId;
      vault.db.prepare(sql).run(...extra, id);
      const problems = recordProblems(vault.db).filter((f) => !f.ok);
      expect(problems).toEqual([
        expect.objectContaining({ subject: `${kind} ${id}`, detail: expect.stringContaining('changed outside Vigil') }),
      ]);
      const report = await verifyVault(vault, { quick: true });
      expect(report.ok).toBe(false);
      expect(report.custody.ok).toBe(true);
    });
  });

  it.each([
    ['a place renamed', "UPDATE places SET name = 'Elsewhere' WHERE id = ?", 'place', /changed outside Vigil/],
    [
      'an interview language changed',
      "UPDATE interviews SET language = 'ru' WHERE id = ?",
      'interview',
      /changed outside Vigil/,
    ],
    ['a case salt removed', 'UPDATE cases SET hash_salt = NULL WHERE id = ?', 'case', /no salt to check it with/],
    [
      'a person salt replaced',
      'UPDATE people SET hash_salt = randomblob(32) WHERE id = ?',
      'person',
      /changed outside Vigil/,
    ],
  ] as const)('catches %s outside Vigil (salted rows)', async (_what, sql, kind, detail) => {
    await withCase(async (vault, ids) => {
      const id = { place: ids.placeId, interview: ids.interviewId, case: ids.caseId, person: ids.personId }[kind];
      vault.db.prepare(sql).run(id);
      expect(recordProblems(vault.db).filter((f) => !f.ok)).toEqual([
        expect.objectContaining({ subject: `${kind} ${id}`, detail: expect.stringMatching(detail) }),
      ]);
    });
  });

  it('catches salts swapped between two rows', async () => {
    await withCase(async (vault, ids) => {
      const salt = (id: string): Buffer =>
        vault.db.prepare('SELECT hash_salt FROM people WHERE id = ?').pluck().get(id) as Buffer;
      const other = addPerson(vault, { caseId: ids.caseId, role: 'witness', name: 'Another (fictional)' }).id;
      const [a, b] = [salt(ids.personId), salt(other)];
      vault.db.prepare('UPDATE people SET hash_salt = ? WHERE id = ?').run(b, ids.personId);
      vault.db.prepare('UPDATE people SET hash_salt = ? WHERE id = ?').run(a, other);
      expect(
        recordProblems(vault.db)
          .filter((f) => !f.ok)
          .map((f) => f.subject)
          .sort(),
      ).toEqual([`person ${ids.personId}`, `person ${other}`].sort());
    });
  });

  it('catches a row inserted without a custody entry and a row deleted', async () => {
    await withCase(async (vault, ids) => {
      const now = new Date().toISOString();
      const extra = randomUUID();
      vault.db
        .prepare(
          "INSERT INTO events (id, case_id, person_id, type, date, created_at) VALUES (?, ?, ?, 'release', " +
            "'2026-05-01', ?)",
        )
        .run(extra, ids.caseId, ids.personId, now);
      vault.db.prepare('DELETE FROM requests WHERE id = ?').run(ids.requestId);
      const details = recordProblems(vault.db)
        .filter((f) => !f.ok)
        .map((f) => [f.subject, f.detail]);
      expect(details).toEqual(
        expect.arrayContaining([
          [`event ${extra}`, expect.stringContaining('added outside Vigil')],
          [`request ${ids.requestId}`, expect.stringContaining('missing from the database')],
        ]),
      );
    });
  });
});
