import { describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../../main/evidence/demo';
import type { TestServices } from '../../helpers/app-services';
import { callChannel as call, channelValue as value, coreForEachTest } from '../../helpers/ipc';

const cores = coreForEachTest();

const NO_ID = '00000000-0000-4000-8000-000000000000';

async function demoCore(): Promise<{ core: TestServices; demo: DemoSummary; detaineeId: string }> {
  const { core, demo } = await cores.unlockedDemo();
  const people = await value<{ id: string; roles: string[] }[]>(core, 'people:list', { caseId: demo.caseId });
  const detainee = people.find((p) => p.roles.includes('detainee'));
  if (!detainee) throw new Error('no detainee');
  return { core, demo, detaineeId: detainee.id };
}

interface Event {
  id: string;
  type: string;
  date: string;
  dateApprox: boolean;
  person: { code: string; name?: string };
  place: { name: string; type: string } | null;
  description: string;
}

describe('ipc/timeline.ipc', () => {
  it('timeline:events lists the demo events in date order, people by code only', async () => {
    const { core, demo } = await demoCore();
    const events = await value<Event[]>(core, 'timeline:events', { caseId: demo.caseId });
    expect(events).toHaveLength(demo.counts.events);
    expect(events.map((e) => e.date)).toEqual([...events.map((e) => e.date)].sort());
    expect(events.every((e) => e.person.code === 'D-001' && e.person.name === undefined)).toBe(true);
  });

  it(
    'timeline:add-event with a new facility, then ' + 'timeline:update-event changes it; places list the ' + 'facility',
    async () => {
      const { core, demo, detaineeId } = await demoCore();
      const added = await value<Event>(core, 'timeline:add-event', {
        caseId: demo.caseId,
        personId: detaineeId,
        type: 'transfer',
        date: '2026-05',
        placeName: 'Penal Colony No. 3 (test)',
        placeType: 'penal_colony',
        placeRegion: 'North',
        description: 'Moved at night.',
      });
      expect(added).toMatchObject({
        type: 'transfer',
        date: '2026-05',
        place: { name: 'Penal Colony No. 3 (test)', type: 'penal_colony' },
      });
      const updated = await value<Event>(core, 'timeline:update-event', {
        id: added.id,
        changes: { date: '2026-05-04', dateApprox: true, description: 'Moved at night, without notice.' },
      });
      expect(updated).toMatchObject({
        id: added.id,
        date: '2026-05-04',
        dateApprox: true,
        description: 'Moved at night, without notice.',
      });
      const places = await value<{ name: string }[]>(core, 'timeline:places', {});
      expect(places.map((p) => p.name)).toContain('Penal Colony No. 3 (test)');
      expect(
        await call(core, 'timeline:update-event', { id: added.id, changes: { date: '2026-05-04' } }),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await call(core, 'timeline:update-event', { id: NO_ID, changes: { date: '2026-05-04' } })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    },
  );

  it('timeline:add-place adds a place once and returns the existing one by name', async () => {
    const { core } = await demoCore();
    const place = await value<{ id: string; type: string }>(core, 'timeline:add-place', {
      name: 'Hospital No. 1 (test)',
      type: 'hospital',
      region: 'East',
    });
    expect(place.type).toBe('hospital');
    expect(await value(core, 'timeline:add-place', { name: 'Hospital No. 1 (test)' })).toMatchObject({ id: place.id });
  });

  it('refuses malformed requests with INVALID_INPUT', async () => {
    const { core, demo, detaineeId } = await demoCore();
    for (const [channel, req] of [
      ['timeline:events', {}],
      ['timeline:add-event', { caseId: demo.caseId, personId: detaineeId, type: 'abduction', date: '2026' }],
      ['timeline:add-event', { caseId: demo.caseId, personId: detaineeId, type: 'arrest', date: '2026-02-30' }],
      [
        'timeline:add-event',
        { caseId: demo.caseId, personId: detaineeId, type: 'arrest', date: '2026', endDate: '2025' },
      ],
      ['timeline:update-event', { id: NO_ID, changes: { colour: 'red' } }],
      ['timeline:places', { all: true }],
      ['timeline:add-place', { name: '  ' }],
      ['timeline:add-place', { name: 'X', type: 'castle' }],
    ] as const) {
      expect(await call(core, channel, req), channel).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('every channel answers VAULT_LOCKED while no vault is open', async () => {
    const current = await cores.locked();
    for (const [channel, req] of [
      ['timeline:events', { caseId: NO_ID }],
      ['timeline:add-event', { caseId: NO_ID, personId: NO_ID, type: 'arrest', date: '2026' }],
      ['timeline:update-event', { id: NO_ID, changes: { date: '2026' } }],
      ['timeline:places', {}],
      ['timeline:add-place', { name: 'X' }],
    ] as const) {
      expect(await call(current, channel, req), channel).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
  });
});
