import { describe, expect, it } from 'vitest';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { createCase, getCase, listCases, updateCase } from '../../../main/evidence/cases';
import { addPerson, addRole, getPerson, listPeople, updatePerson } from '../../../main/evidence/people';
import { committedHash } from '../../helpers/records';
import { resolveCaseId, resolvePersonId } from '../../../main/evidence/resolve';
import type { Vault } from '../../../main/vault/vault';
import { verifyVault } from '../../../main/checks/verify-vault';
import { newTestVault } from '../../helpers/vault';

function lastEntry(vault: Vault): { action: string; subject: string; hash: string; data: Record<string, unknown> } {
  const rows = [...iterateStoredEntries(vault.db)];
  return JSON.parse(rows.at(-1)?.canonical ?? '{}') as {
    action: string;
    subject: string;
    hash: string;
    data: Record<string, unknown>;
  };
}

function entryCount(vault: Vault): number {
  return [...iterateStoredEntries(vault.db)].length;
}

describe('evidence/cases', () => {
  it('creates, updates and lists cases, each change one custody entry citing the new state', async () => {
    const { vault } = await newTestVault();
    try {
      const c = createCase(vault, { title: 'Incommunicado detention of D-001', reference: 'UA-2026-014' });
      expect(lastEntry(vault)).toMatchObject({
        action: 'case.created',
        subject: c.id,
        hash: committedHash(vault.db, 'cases', c.id, c),
        data: { hashFormat: 'salted-v1' },
      });
      const updated = updateCase(vault, c.id, { status: 'monitoring', summary: 'Held without contact since March.' });
      const entry = lastEntry(vault);
      expect(entry).toMatchObject({
        action: 'case.updated',
        subject: c.id,
        hash: committedHash(vault.db, 'cases', c.id, updated),
      });
      expect(entry.data.fields).toEqual(['summary', 'status']);
      expect(JSON.stringify(entry)).not.toContain('Held without contact');
      expect(getCase(vault.db, c.id).status).toBe('monitoring');
      expect(listCases(vault.db, { status: 'monitoring' }).map((x) => x.id)).toEqual([c.id]);
      expect(listCases(vault.db, { status: 'closed' })).toEqual([]);
      expect(resolveCaseId(vault.db, 'UA-2026-014')).toBe(c.id);
      expect((await verifyVault(vault)).ok).toBe(true);
    } finally {
      await vault.close();
    }
  });

  it('refuses bad input and writes nothing', async () => {
    const { vault } = await newTestVault();
    try {
      const before = entryCount(vault);
      expect(() => createCase(vault, { title: '   ' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
      createCase(vault, { title: 'A', reference: 'R-1' });
      expect(() => createCase(vault, { title: 'B', reference: 'R-1' })).toThrow(/already has the reference/);
      expect(() => updateCase(vault, 'nope', { title: 'x' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
      expect(entryCount(vault)).toBe(before + 1);
      expect(listCases(vault.db)).toHaveLength(1);
    } finally {
      await vault.close();
    }
  });
});

describe('evidence/people', () => {
  it('generates codes per role, keeps names out of custody data, and resolves by code', async () => {
    const { vault } = await newTestVault();
    try {
      const c = createCase(vault, { title: 'Case' });
      const d = addPerson(vault, { caseId: c.id, role: 'detainee', name: 'Ivan Petrenko', aliases: ['Vanya'] });
      const w1 = addPerson(vault, { caseId: c.id, role: 'witness', name: 'Olena Petrenko' });
      const w2 = addPerson(vault, { caseId: c.id, role: 'witness', name: 'Anonymous cellmate', code: 'w-014' });
      const w3 = addPerson(vault, { caseId: c.id, role: 'witness', name: 'Another' });
      expect([d.code, w1.code, w2.code, w3.code]).toEqual(['D-001', 'W-001', 'W-014', 'W-015']);
      const entry = lastEntry(vault);
      expect(entry).toMatchObject({
        action: 'person.added',
        subject: w3.id,
        hash: committedHash(vault.db, 'people', w3.id, w3),
        data: { caseId: c.id, role: 'witness', code: 'W-015', hashFormat: 'salted-v1' },
      });
      const log = [...iterateStoredEntries(vault.db)].map((r) => r.canonical).join('\n');
      for (const secret of ['Ivan', 'Petrenko', 'Vanya', 'Olena', 'cellmate']) expect(log).not.toContain(secret);
      expect(resolvePersonId(vault.db, 'd-001')).toBe(d.id);
      expect(() => addPerson(vault, { caseId: c.id, role: 'lawyer', name: 'X', code: 'W-014' })).toThrow(
        /already used/,
      );
      expect(() => addPerson(vault, { caseId: c.id, role: 'lawyer', name: 'X', code: 'Ivan Petrenko' })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
    } finally {
      await vault.close();
    }
  });

  it('records roles, consent and edits as custody entries', async () => {
    const { vault } = await newTestVault();
    try {
      const c1 = createCase(vault, { title: 'One' });
      const c2 = createCase(vault, { title: 'Two' });
      const p = addPerson(vault, { caseId: c1.id, role: 'relative', name: 'Maria K.' });
      expect(p.consent).toEqual({ named: false, shareWith: [], date: null, method: null });
      addRole(vault, p.id, c2.id, 'witness');
      expect(lastEntry(vault)).toMatchObject({ action: 'person.role_added', data: { caseId: c2.id, role: 'witness' } });
      const after = updatePerson(vault, p.id, {
        consent: { named: true, shareWith: ['UN WGEID'], date: '2026-03-01', method: 'signed form' },
        contact: '+000 000',
      });
      expect(lastEntry(vault)).toMatchObject({
        action: 'person.updated',
        hash: committedHash(vault.db, 'people', p.id, after),
        data: { fields: ['contact', 'consent'] },
      });
      expect(getPerson(vault.db, p.id).consent.shareWith).toEqual(['UN WGEID']);
      expect(listPeople(vault.db, { caseId: c2.id }).map((x) => x.id)).toEqual([p.id]);
      expect(() => updatePerson(vault, p.id, { consent: { date: '2026-02-30' } })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
      expect((await verifyVault(vault)).ok).toBe(true);
    } finally {
      await vault.close();
    }
  });
});
