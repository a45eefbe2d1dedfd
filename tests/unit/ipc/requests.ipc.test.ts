import { describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../../main/evidence/demo';
import type { TestServices } from '../../helpers/app-services';
import { callChannel as call, channelValue as value, coreForEachTest } from '../../helpers/ipc';

const cores = coreForEachTest();

const NO_ID = '00000000-0000-4000-8000-000000000000';

interface RequestRow {
  id: string;
  personCode: string;
  requesterCode: string | null;
  response: string | null;
  responseDate: string | null;
  responseNote: string;
}

async function demoCore(): Promise<{ core: TestServices; demo: DemoSummary; people: Map<string, string> }> {
  const { core, demo } = await cores.unlockedDemo();
  const list = await value<{ id: string; roles: string[] }[]>(core, 'people:list', { caseId: demo.caseId });
  const people = new Map(list.map((p) => [p.roles[0] ?? '', p.id]));
  return { core, demo, people };
}

describe('ipc/requests.ipc', () => {
  it('requests:list gives the demo register with codes; requests:add and requests:answer record a denial', async () => {
    const { core, demo, people } = await demoCore();
    const before = await value<RequestRow[]>(core, 'requests:list', { caseId: demo.caseId });
    expect(before).toHaveLength(demo.counts.requests);
    expect(before.every((r) => r.personCode === 'D-001')).toBe(true);
    const added = await value<RequestRow>(core, 'requests:add', {
      caseId: demo.caseId,
      personId: people.get('detainee'),
      requesterId: people.get('lawyer'),
      date: '2026-05-02',
      recipient: 'Regional Prosecutor (test)',
      channel: 'email',
      about: 'Where is he held?',
    });
    expect(added).toMatchObject({ personCode: 'D-001', requesterCode: 'L-001', response: null });
    const answered = await value<RequestRow>(core, 'requests:answer', {
      id: added.id,
      date: '2026-05-20',
      response: 'denial',
      note: 'Not disclosed.',
    });
    expect(answered).toMatchObject({ response: 'denial', responseDate: '2026-05-20', responseNote: 'Not disclosed.' });
    expect(await value<RequestRow[]>(core, 'requests:list', { caseId: demo.caseId })).toHaveLength(
      demo.counts.requests + 1,
    );
    expect(await call(core, 'requests:answer', { id: added.id, date: '2026-04-01', response: 'token' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(core, 'requests:answer', { id: NO_ID, date: '2026-06-01', response: 'token' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refuses malformed requests with INVALID_INPUT', async () => {
    const { core, demo, people } = await demoCore();
    for (const [channel, req] of [
      ['requests:list', { caseId: 'not an id!' }],
      ['requests:add', { caseId: demo.caseId, personId: people.get('detainee'), date: '2026-05-02', recipient: '   ' }],
      ['requests:add', { caseId: demo.caseId, personId: people.get('detainee'), date: 'May 2026', recipient: 'X' }],
      ['requests:answer', { id: NO_ID, date: '2026', response: 'ignored' }],
      ['requests:answer', { id: NO_ID, response: 'denial' }],
    ] as const) {
      expect(await call(core, channel, req), channel).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('every channel answers VAULT_LOCKED while no vault is open', async () => {
    const current = await cores.locked();
    for (const [channel, req] of [
      ['requests:list', { caseId: NO_ID }],
      ['requests:add', { caseId: NO_ID, personId: NO_ID, date: '2026', recipient: 'X' }],
      ['requests:answer', { id: NO_ID, date: '2026', response: 'denial' }],
    ] as const) {
      expect(await call(current, channel, req), channel).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
  });
});
