import { afterEach, describe, expect, it } from 'vitest';
import { isVigilError } from '../../../shared/errors';
import { committedHash } from '../../helpers/records';
import {
  addRequest,
  answerRequest,
  getRequest,
  listRequests,
  requestRecord,
  resolveRequestId,
  type NewRequest,
} from '../../../main/evidence/requests';
import { verifyVault } from '../../../main/checks/verify-vault';
import type { Vault } from '../../../main/vault/vault';
import { newTestVault } from '../../helpers/vault';
import { custodySize, entriesSince, searchRow, seedCase, seedPerson } from './timeline-fixture';

const open: Vault[] = [];
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

async function setup(): Promise<{ vault: Vault; caseId: string; detainee: string; mother: string }> {
  const { vault } = await newTestVault();
  open.push(vault);
  const caseId = seedCase(vault);
  const detainee = seedPerson(vault, caseId, 'detainee', 'D-001');
  const mother = seedPerson(vault, caseId, 'relative', 'R-001', 'Mother Name');
  return { vault, caseId, detainee, mother };
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    return isVigilError(e) ? e.code : 'NOT_VIGIL_ERROR';
  }
  return null;
}

describe('evidence/requests/addRequest', () => {
  it('records a request with one request.added entry citing ids only, and indexes it', async () => {
    const { vault, caseId, detainee, mother } = await setup();
    const before = custodySize(vault);
    const row = addRequest(vault, {
      caseId,
      personId: detainee,
      requesterId: mother,
      date: '2024-03-05',
      recipient: 'Federal Penitentiary Service',
      channel: 'post',
      about: 'Where is my son held?',
    });
    expect(row).toMatchObject({
      caseId,
      personId: detainee,
      personCode: 'D-001',
      requesterId: mother,
      requesterCode: 'R-001',
      date: '2024-03-05',
      response: null,
      responseDate: null,
      responseNote: '',
    });
    const entries = entriesSince(vault, before);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'request.added',
        subject: row.id,
        hash: committedHash(vault.db, 'requests', row.id, requestRecord(row)),
        data: { caseId, personId: detainee, requesterId: mother, hashFormat: 'salted-v1' },
      }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Penitentiary|son held|post|R-001/);
    expect(requestRecord(row)).not.toHaveProperty('personCode');
    const indexed = searchRow(vault, 'request', row.id);
    expect(indexed).toMatchObject({
      case_id: caseId,
      person_ids: `${detainee} ${mother}`,
      date: '2024-03-05',
      title: 'Request to Federal Penitentiary Service',
    });
    expect(indexed?.body).toContain('Where is my son held?');
  });

  it('refuses bad input and writes nothing', async () => {
    const { vault, caseId, detainee } = await setup();
    const stranger = seedPerson(vault, null, 'other', 'X-050');
    const good: NewRequest = { caseId, personId: detainee, date: '2024-03-05', recipient: 'Prosecutor' };
    const before = custodySize(vault);
    expect(codeOf(() => addRequest(vault, { ...good, date: '2024-02-30' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => addRequest(vault, { ...good, recipient: '   ' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => addRequest(vault, { ...good, caseId: 'none' }))).toBe('NOT_FOUND');
    expect(codeOf(() => addRequest(vault, { ...good, personId: 'none' }))).toBe('NOT_FOUND');
    expect(codeOf(() => addRequest(vault, { ...good, requesterId: 'none' }))).toBe('NOT_FOUND');
    expect(codeOf(() => addRequest(vault, { ...good, requesterId: stranger }))).toBe('INVALID_INPUT');
    expect(custodySize(vault)).toBe(before);
    expect(vault.db.prepare('SELECT count(*) FROM requests').pluck().get()).toBe(0);
  });
});

describe('evidence/requests/answerRequest', () => {
  it(
    'records the answer with request.answered, allows a ' + 'later answer, and refuses one dated before the request',
    async () => {
      const { vault, caseId, detainee } = await setup();
      const req = addRequest(vault, { caseId, personId: detainee, date: '2024-03-05', recipient: 'Prosecutor' });
      const before = custodySize(vault);
      const none = answerRequest(vault, req.id, { date: '2024-04-05', response: 'none' });
      // Each change gets a fresh salt, so the first answer's hash is checked before the second replaces it.
      const noneHash = committedHash(vault.db, 'requests', req.id, requestRecord(none));
      const later = answerRequest(vault, req.id, {
        date: '2024-04-20',
        response: 'denial',
        note: 'Information is classified.',
      });
      expect(later).toMatchObject({
        response: 'denial',
        responseDate: '2024-04-20',
        responseNote: 'Information is classified.',
      });
      const entries = entriesSince(vault, before);
      expect(entries.map((e) => [e.action, e.subject, e.hash, e.data])).toEqual([
        [
          'request.answered',
          req.id,
          noneHash,
          { caseId, personId: detainee, response: 'none', previousResponse: null, hashFormat: 'salted-v1' },
        ],
        [
          'request.answered',
          req.id,
          committedHash(vault.db, 'requests', req.id, requestRecord(later)),
          { caseId, personId: detainee, response: 'denial', previousResponse: 'none', hashFormat: 'salted-v1' },
        ],
      ]);
      expect(JSON.stringify(entries)).not.toContain('classified');
      expect(searchRow(vault, 'request', req.id)?.body).toContain('classified');
      const size = custodySize(vault);
      expect(() => answerRequest(vault, req.id, { date: '2024-03-04', response: 'token' })).toThrow(
        /before the request date/,
      );
      expect(() => answerRequest(vault, req.id, { date: '2024-02', response: 'token' })).toThrow(
        /before the request date/,
      );
      expect(codeOf(() => answerRequest(vault, req.id, { date: '2024-04-20', response: 'maybe' as 'none' }))).toBe(
        'INVALID_INPUT',
      );
      expect(codeOf(() => answerRequest(vault, 'no-such-request', { date: '2024-04-20', response: 'token' }))).toBe(
        'NOT_FOUND',
      );
      expect(custodySize(vault)).toBe(size);
      // A month-precise answer that may fall on or after the request day is accepted.
      expect(answerRequest(vault, req.id, { date: '2024-03', response: 'token' }).responseDate).toBe('2024-03');
      expect(getRequest(vault.db, req.id).response).toBe('token');
      expect((await verifyVault(vault, { quick: true })).ok).toBe(true);
    },
  );
});

describe('evidence/requests/listRequests', () => {
  it('lists a case in date order, filters by detainee, and resolves ids by unique prefix', async () => {
    const { vault, caseId, detainee } = await setup();
    const second = seedPerson(vault, caseId, 'detainee', 'D-002');
    const b = addRequest(vault, { caseId, personId: detainee, date: '2024-05-01', recipient: 'B' });
    const a = addRequest(vault, { caseId, personId: second, date: '2024-04', recipient: 'A' });
    const c = addRequest(vault, { caseId, personId: detainee, date: '2024-04-02', recipient: 'C' });
    expect(listRequests(vault.db, caseId).map((r) => r.id)).toEqual([a.id, c.id, b.id]);
    expect(listRequests(vault.db, caseId, detainee).map((r) => r.id)).toEqual([c.id, b.id]);
    expect(listRequests(vault.db, seedCase(vault))).toEqual([]);
    expect(resolveRequestId(vault.db, b.id)).toBe(b.id);
    expect(resolveRequestId(vault.db, b.id.slice(0, 12))).toBe(b.id);
    expect(codeOf(() => resolveRequestId(vault.db, 'zzzzzzzz'))).toBe('NOT_FOUND');
    expect(codeOf(() => resolveRequestId(vault.db, b.id.slice(0, 4)))).toBe('NOT_FOUND');
  });
});
