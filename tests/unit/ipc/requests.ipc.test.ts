import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/channels';
import { dispatchByName } from '../../../main/ipc/dispatch';
import { createDemoVault, type DemoSummary } from '../../../main/evidence/demo';
import { testServices, type TestServices } from '../../helpers/app-services';
import { fastKdf, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

let current: TestServices | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

const OPTS = { validateResponse: true };
const NO_ID = '00000000-0000-4000-8000-000000000000';

function call(core: TestServices, channel: Channel, req: unknown): ReturnType<typeof dispatchByName> {
  return dispatchByName(core.table, channel, req, OPTS);
}

async function value<T>(core: TestServices, channel: Channel, req: unknown): Promise<T> {
  const answer = await call(core, channel, req);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
  return answer.value as T;
}

interface RequestRow {
  id: string;
  personCode: string;
  requesterCode: string | null;
  response: string | null;
  responseDate: string | null;
  responseNote: string;
}

async function demoCore(): Promise<{ core: TestServices; demo: DemoSummary; people: Map<string, string> }> {
  const dir = path.join(tempDir(), 'vault');
  const demo = await createDemoVault(dir, TEST_PASSPHRASE, await fastKdf());
  current = await testServices();
  await current.services.session.unlock(dir, { passphrase: TEST_PASSPHRASE });
  const list = await value<{ id: string; roles: string[] }[]>(current, 'people:list', { caseId: demo.caseId });
  const people = new Map(list.map((p) => [p.roles[0] ?? '', p.id]));
  return { core: current, demo, people };
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
    const answered = await value<RequestRow>(core, 'requests:answer', { id: added.id, date: '2026-05-20', response: 'denial', note: 'Not disclosed.' });
    expect(answered).toMatchObject({ response: 'denial', responseDate: '2026-05-20', responseNote: 'Not disclosed.' });
    expect(await value<RequestRow[]>(core, 'requests:list', { caseId: demo.caseId })).toHaveLength(demo.counts.requests + 1);
    expect(await call(core, 'requests:answer', { id: added.id, date: '2026-04-01', response: 'token' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(core, 'requests:answer', { id: NO_ID, date: '2026-06-01', response: 'token' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
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
    current = await testServices();
    for (const [channel, req] of [
      ['requests:list', { caseId: NO_ID }],
      ['requests:add', { caseId: NO_ID, personId: NO_ID, date: '2026', recipient: 'X' }],
      ['requests:answer', { id: NO_ID, date: '2026', response: 'denial' }],
    ] as const) {
      expect(await call(current, channel, req), channel).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
  });
});
