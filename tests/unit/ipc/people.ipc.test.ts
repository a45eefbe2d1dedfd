import { describe, expect, it } from 'vitest';
import type { TestServices } from '../../helpers/app-services';
import { callChannel as call, channelValue, coreForEachTest } from '../../helpers/ipc';

const cores = coreForEachTest();

/** An open vault with one case. */
async function withCase(): Promise<{ core: TestServices; caseId: string }> {
  const { core } = await cores.unlockedEmpty();
  const created = await channelValue<{ id: string }>(core, 'cases:create', { title: 'A case' });
  return { core, caseId: created.id };
}

interface Entry {
  id: string;
  code: string;
  name: string | null;
  roles: string[];
  consent: { named: boolean; shareWith: string[]; date: string | null; method: string | null };
}

describe('ipc/people.ipc', () => {
  it('people:add and people:list: codes always, names only with consent, no contact details in the list', async () => {
    const { core, caseId } = await withCase();
    const added = await channelValue<{ id: string; code: string; contact: string }>(core, 'people:add', {
      caseId,
      role: 'witness',
      name: 'Olena Shevchenko',
      contact: '+380 00 000 0000',
      consent: { named: false, shareWith: ['UN WGAD'], date: '2026-05-02', method: 'oral' },
    });
    expect(added.code).toBe('W-001');
    expect(added.contact).toBe('+380 00 000 0000');
    await channelValue(core, 'people:add', { caseId, role: 'lawyer', name: 'Named Lawyer', consent: { named: true } });

    const list = await channelValue<Entry[]>(core, 'people:list', { caseId });
    expect(list.map((p) => [p.code, p.name, p.roles])).toEqual([
      ['L-001', 'Named Lawyer', ['lawyer']],
      ['W-001', null, ['witness']],
    ]);
    expect(list[1]?.consent).toEqual({ named: false, shareWith: ['UN WGAD'], date: '2026-05-02', method: 'oral' });
    expect(JSON.stringify(list)).not.toContain('Olena');
    expect(JSON.stringify(list)).not.toContain('+380');
  });

  it('people:reveal gives the name; people:get the whole record for the edit form', async () => {
    const { core, caseId } = await withCase();
    const added = await channelValue<{ id: string }>(core, 'people:add', {
      caseId,
      role: 'detainee',
      name: 'Hidden Name',
      aliases: ['H. N.'],
      contact: 'via the lawyer',
    });
    expect(await channelValue(core, 'people:reveal', { id: added.id })).toEqual({
      id: added.id,
      code: 'D-001',
      name: 'Hidden Name',
      aliases: ['H. N.'],
    });
    expect(await channelValue(core, 'people:get', { id: added.id })).toMatchObject({
      name: 'Hidden Name',
      contact: 'via the lawyer',
      roles: [{ caseId, role: 'detainee' }],
    });
  });

  it('people:update changes fields and consent; people:add-role adds a role in the case', async () => {
    const { core, caseId } = await withCase();
    const added = await channelValue<{ id: string }>(core, 'people:add', { caseId, role: 'relative', name: 'Mother' });
    const updated = await channelValue<{ code: string; notes: string; consent: Entry['consent'] }>(
      core,
      'people:update',
      {
        id: added.id,
        changes: { code: 'r-077', notes: 'Prefers calls in the evening.', consent: { named: true, method: 'written' } },
      },
    );
    expect(updated).toMatchObject({
      code: 'R-077',
      notes: 'Prefers calls in the evening.',
      consent: { named: true, shareWith: [], method: 'written' },
    });
    await channelValue(core, 'people:add-role', { personId: added.id, caseId, role: 'witness' });
    const list = await channelValue<Entry[]>(core, 'people:list', { caseId });
    expect(list[0]).toMatchObject({ code: 'R-077', name: 'Mother', roles: ['relative', 'witness'] });
  });

  it('refuses bad requests with INVALID_INPUT', async () => {
    const { core, caseId } = await withCase();
    const invalid = { ok: false, error: { code: 'INVALID_INPUT' } };
    expect(await call(core, 'people:add', { caseId, role: 'hero', name: 'X' })).toMatchObject(invalid);
    expect(await call(core, 'people:add', { caseId, role: 'witness', name: ' ' })).toMatchObject(invalid);
    expect(await call(core, 'people:add', { caseId, role: 'witness', name: 'X', code: 'Ivan Petrov' })).toMatchObject(
      invalid,
    );
    expect(
      await call(core, 'people:add', { caseId, role: 'witness', name: 'X', consent: { date: '2026-02-30' } }),
    ).toMatchObject(invalid);
    expect(await call(core, 'people:list', {})).toMatchObject(invalid);
    expect(await call(core, 'people:update', { id: caseId, changes: { phone: '1' } })).toMatchObject(invalid);
    expect(await call(core, 'people:add-role', { personId: caseId, caseId, role: 'chief' })).toMatchObject(invalid);
    const added = await channelValue<{ id: string }>(core, 'people:add', { caseId, role: 'witness', name: 'X' });
    expect(await call(core, 'people:add-role', { personId: added.id, caseId, role: 'witness' })).toMatchObject(invalid);
    expect(await call(core, 'people:update', { id: added.id, changes: { name: 'X' } })).toMatchObject(invalid);
  });

  it('an unknown person or case is NOT_FOUND', async () => {
    const { core, caseId } = await withCase();
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect(await call(core, 'people:reveal', { id: nobody })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(core, 'people:add', { caseId: nobody, role: 'witness', name: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(core, 'people:add-role', { personId: nobody, caseId, role: 'witness' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('every channel answers VAULT_LOCKED while no vault is open', async () => {
    const current = await cores.locked();
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [channel, req] of [
      ['people:list', { caseId: id }],
      ['people:get', { id }],
      ['people:reveal', { id }],
      ['people:add', { caseId: id, role: 'witness', name: 'X' }],
      ['people:update', { id, changes: { name: 'Y' } }],
      ['people:add-role', { personId: id, caseId: id, role: 'lawyer' }],
    ] as const) {
      expect(await call(current, channel, req), channel).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
  });
});
