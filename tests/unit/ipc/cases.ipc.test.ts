import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../../main/evidence/demo';
import { caseTimeline } from '../../../main/evidence/timeline';
import type { TestServices } from '../../helpers/app-services';
import { callChannel as call, coreForEachTest, suiteDemoVault } from '../../helpers/ipc';

const cores = coreForEachTest();

async function withEmptyVault(): Promise<TestServices> {
  return (await cores.unlockedEmpty()).core;
}

let demoDir = '';
let demo: DemoSummary;
beforeAll(async () => {
  ({ dir: demoDir, demo } = await suiteDemoVault());
});

describe('ipc/cases.ipc', () => {
  it('cases:create, cases:list with filters, cases:get and cases:update answer with the contract shapes', async () => {
    const core = await withEmptyVault();
    const created = await call(core, 'cases:create', {
      title: 'Disappearance of a trade unionist',
      reference: 'UA-2026-014',
    });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.value as { id: string }).id;
    await call(core, 'cases:create', { title: 'Another case', status: 'closed' });

    const all = await call(core, 'cases:list', {});
    expect(all.ok && (all.value as unknown[]).length).toBe(2);
    const closed = await call(core, 'cases:list', { status: 'closed' });
    expect(closed.ok && (closed.value as { title: string }[]).map((c) => c.title)).toEqual(['Another case']);
    const byText = await call(core, 'cases:list', { text: 'ua-2026' });
    expect(byText.ok && (byText.value as { id: string }[]).map((c) => c.id)).toEqual([id]);

    const updated = await call(core, 'cases:update', {
      id,
      changes: { status: 'monitoring', summary: 'Last seen at a bus stop.' },
    });
    expect(updated).toMatchObject({ ok: true, value: { status: 'monitoring', summary: 'Last seen at a bus stop.' } });
    const got = await call(core, 'cases:get', { id });
    expect(got).toMatchObject({ ok: true, value: { id, status: 'monitoring', counts: { people: 0, items: 0 } } });
  });

  it('refuses bad requests with INVALID_INPUT', async () => {
    const core = await withEmptyVault();
    expect(await call(core, 'cases:create', { title: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(core, 'cases:list', { status: 'lost' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(core, 'cases:update', { id: 'x', changes: { colour: 'red' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(core, 'cases:overview', { id: 'not an id!' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(core, 'cases:overview', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a duplicate reference or an unchanged update is refused with INVALID_INPUT and a reason', async () => {
    const core = await withEmptyVault();
    const first = await call(core, 'cases:create', { title: 'One', reference: 'REF-1' });
    const id = first.ok ? (first.value as { id: string }).id : '';
    expect(await call(core, 'cases:create', { title: 'Two', reference: 'REF-1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('REF-1') },
    });
    expect(await call(core, 'cases:update', { id, changes: { title: 'One' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('every channel answers VAULT_LOCKED while no vault is open', async () => {
    const current = await cores.locked();
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [channel, req] of [
      ['cases:list', {}],
      ['cases:get', { id }],
      ['cases:create', { title: 'T' }],
      ['cases:update', { id, changes: { title: 'T' } }],
      ['cases:overview', { id }],
      ['cases:provenance', { id }],
    ] as const) {
      expect(await call(current, channel, req), channel).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
  });

  it('cases:overview of an unknown case is NOT_FOUND', async () => {
    const core = await withEmptyVault();
    expect(await call(core, 'cases:overview', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('cases:provenance is empty for a case made in this vault, and NOT_FOUND for an unknown case', async () => {
    const current = await cores.unlocked(demoDir);
    expect(await call(current, 'cases:provenance', { id: demo.caseId })).toEqual({ ok: true, value: [] });
    expect(await call(current, 'cases:provenance', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('cases:overview gives the demo detainee by code only, with the analysis the core computes', async () => {
    const current = await cores.unlocked(demoDir);
    const answer = await call(current, 'cases:overview', { id: demo.caseId });
    if (!answer.ok) throw new Error(answer.error.message);
    const overview = answer.value as {
      asOf: string;
      events: unknown[];
      detainees: { person: { code: string; name: string | null }; incommunicado: unknown; requests: unknown }[];
    };
    const expected = caseTimeline(current.services.session.requireVault().db, demo.caseId, { asOf: overview.asOf });
    expect(overview.events).toHaveLength(demo.counts.events);
    expect(overview.detainees).toHaveLength(1);
    const [detainee] = overview.detainees;
    expect(detainee?.person).toMatchObject({ code: 'D-001', name: null });
    expect(JSON.stringify(overview)).not.toContain('Andriy Melnyk');
    expect(detainee?.incommunicado).toEqual(expected.detainees[0]?.incommunicado);
    expect(detainee?.requests).toEqual(expected.detainees[0]?.requests);
  });
});
