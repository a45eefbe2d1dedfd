import { afterEach, describe, expect, it } from 'vitest';
import { isVigilError } from '../../../shared/errors';
import { addEvent, addPlace, eventRecord, listPlaces, updateEvent, type NewEvent } from '../../../main/evidence/events';
import { recordHash } from '../../../main/evidence/record-hash';
import { committedHash } from '../../helpers/records';
import { getEvent } from '../../../main/evidence/timeline';
import { verifyVault } from '../../../main/checks/verify-vault';
import type { Vault } from '../../../main/vault/vault';
import { newTestVault } from '../../helpers/vault';
import { custodySize, entriesSince, searchRow, seedCase, seedItem, seedPerson } from './timeline-fixture';

const open: Vault[] = [];
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

async function setup(): Promise<{ vault: Vault; caseId: string; detainee: string }> {
  const { vault } = await newTestVault();
  open.push(vault);
  const caseId = seedCase(vault);
  const detainee = seedPerson(vault, caseId, 'detainee', 'D-001', 'Secret Name');
  return { vault, caseId, detainee };
}

describe('evidence/events/addEvent', () => {
  it('stores the event, indexes it and writes one place.added and one event.added entry with ids only', async () => {
    const { vault, caseId, detainee } = await setup();
    const itemId = await seedItem(vault, caseId);
    const before = custodySize(vault);
    const ev = addEvent(vault, {
      caseId,
      personId: detainee,
      type: 'visit_denied',
      date: '2024-03-02',
      placeName: 'Penal Colony No. 6',
      placeType: 'penal_colony',
      placeRegion: 'Northern Region',
      description: 'Mother travelled 900 km; the visit was refused at the gate.',
      itemIds: [itemId, itemId],
    });
    expect(ev).toMatchObject({
      caseId,
      person: { id: detainee, code: 'D-001' },
      type: 'visit_denied',
      date: '2024-03-02',
      dateApprox: false,
      endDate: null,
      itemIds: [itemId],
    });
    expect(ev.person.name).toBeUndefined();
    expect(ev.place).toMatchObject({ name: 'Penal Colony No. 6', type: 'penal_colony', region: 'Northern Region' });
    const entries = entriesSince(vault, before);
    expect(entries.map((e) => e.action)).toEqual(['place.added', 'event.added']);
    const [placeEntry, eventEntry] = entries;
    expect(placeEntry?.subject).toBe(ev.place?.id);
    expect(eventEntry).toMatchObject({
      subject: ev.id,
      hash: committedHash(vault.db, 'events', ev.id, eventRecord(getEvent(vault.db, ev.id))),
      data: {
        caseId,
        personId: detainee,
        type: 'visit_denied',
        placeId: ev.place?.id,
        itemIds: [itemId],
        hashFormat: 'salted-v1',
      },
    });
    const signed = JSON.stringify(entries);
    for (const secret of ['Penal Colony', 'Northern', 'Mother', 'Secret Name', 'D-001'])
      expect(signed).not.toContain(secret);
    const row = searchRow(vault, 'event', ev.id);
    expect(row).toMatchObject({
      case_id: caseId,
      person_ids: detainee,
      date: '2024-03-02',
      title: 'visit denied — Penal Colony No. 6',
    });
    expect(row?.body).toContain('refused at the gate');
    expect((await verifyVault(vault, { quick: true })).ok).toBe(true);
  });

  it('reuses a facility named again in other letter case, without a new place entry', async () => {
    const { vault, caseId, detainee } = await setup();
    const first = addEvent(vault, {
      caseId,
      personId: detainee,
      type: 'transfer',
      date: '2024-01',
      placeName: 'SIZO-1',
    });
    const before = custodySize(vault);
    const second = addEvent(vault, {
      caseId,
      personId: detainee,
      type: 'detention',
      date: '2024-02',
      dateApprox: true,
      placeName: '  sizo-1 ',
    });
    expect(second.place?.id).toBe(first.place?.id);
    expect(second.dateApprox).toBe(true);
    expect(entriesSince(vault, before).map((e) => e.action)).toEqual(['event.added']);
    expect(listPlaces(vault.db)).toHaveLength(1);
  });

  it('the signed hash binds the stored record: a row changed behind the vault no longer matches', async () => {
    const { vault, caseId, detainee } = await setup();
    const ev = addEvent(vault, { caseId, personId: detainee, type: 'contact_lost', date: '2024-03-02' });
    const signed = entriesSince(vault, custodySize(vault) - 1)[0]?.hash;
    expect(committedHash(vault.db, 'events', ev.id, eventRecord(getEvent(vault.db, ev.id)))).toBe(signed);
    // Without its salt the record no longer confirms itself: the first rule's hash is not the one signed.
    expect(recordHash(eventRecord(getEvent(vault.db, ev.id)))).not.toBe(signed);
    vault.db.prepare("UPDATE events SET date = '2024-04-02' WHERE id = ?").run(ev.id);
    expect(committedHash(vault.db, 'events', ev.id, eventRecord(getEvent(vault.db, ev.id)))).not.toBe(signed);
  });

  it('refuses bad input with a helpful error and writes nothing', async () => {
    const { vault, caseId, detainee } = await setup();
    const otherCase = seedCase(vault);
    const outsider = seedPerson(vault, otherCase, 'witness', 'W-009');
    const foreignItem = await seedItem(vault, otherCase);
    const good: NewEvent = { caseId, personId: detainee, type: 'arrest', date: '2024-01-05' };
    const bad: [Partial<NewEvent> & Record<string, unknown>, string, RegExp][] = [
      [{ type: 'kidnap' as NewEvent['type'] }, 'INVALID_INPUT', /type/],
      [{ date: '2024-13' }, 'INVALID_INPUT', /date/],
      [{ date: '05.01.2024' }, 'INVALID_INPUT', /YYYY/],
      [{ endDate: '2023-12' }, 'INVALID_INPUT', /before/],
      [{ caseId: 'no-such-case' }, 'NOT_FOUND', /case list/],
      [{ personId: 'no-such-person' }, 'NOT_FOUND', /person list/],
      [{ personId: outsider }, 'INVALID_INPUT', /W-009 has no role in this case/],
      [{ itemIds: ['no-such-item'] }, 'NOT_FOUND', /no-such-item/],
      [{ itemIds: [foreignItem] }, 'INVALID_INPUT', /another case/],
      [{ placeType: 'prison' }, 'INVALID_INPUT', /without the facility name/],
      [{ placeName: 'X', placeType: 'castle' as NewEvent['placeType'] }, 'INVALID_INPUT', /placeType/],
      [{ extra: 1 }, 'INVALID_INPUT', /extra|Unrecognized/],
    ];
    const before = custodySize(vault);
    for (const [change, code, message] of bad) {
      const err = (() => {
        try {
          addEvent(vault, { ...good, ...change } as NewEvent);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(isVigilError(err) && err.code, JSON.stringify(change)).toBe(code);
      expect((err as Error).message, JSON.stringify(change)).toMatch(message);
    }
    expect(custodySize(vault)).toBe(before);
    expect(vault.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    expect(vault.db.prepare('SELECT count(*) FROM places').pluck().get()).toBe(0);
    expect(vault.db.prepare("SELECT count(*) FROM search_index WHERE kind = 'event'").pluck().get()).toBe(0);
  });
});

describe('evidence/events/updateEvent', () => {
  it(
    'writes event.updated naming the changed fields, ' + 're-indexes, and refuses a change that changes nothing',
    async () => {
      const { vault, caseId, detainee } = await setup();
      const itemId = await seedItem(vault, caseId);
      const ev = addEvent(vault, {
        caseId,
        personId: detainee,
        type: 'hearing',
        date: '2024-05',
        description: 'first hearing',
      });
      const before = custodySize(vault);
      const updated = updateEvent(vault, ev.id, {
        date: '2024-05-14',
        description: 'hearing postponed',
        itemIds: [itemId],
        placeName: 'District Court',
        placeType: 'court',
      });
      expect(updated).toMatchObject({
        date: '2024-05-14',
        description: 'hearing postponed',
        itemIds: [itemId],
        place: { name: 'District Court', type: 'court' },
      });
      const entries = entriesSince(vault, before);
      expect(entries.map((e) => e.action)).toEqual(['place.added', 'event.updated']);
      expect(entries[1]).toMatchObject({
        subject: ev.id,
        hash: committedHash(vault.db, 'events', ev.id, eventRecord(updated)),
        data: { fields: ['date', 'placeId', 'description', 'itemIds'], hashFormat: 'salted-v1' },
      });
      expect(searchRow(vault, 'event', ev.id)?.body).toContain('postponed');
      expect(searchRow(vault, 'event', ev.id)?.body).not.toContain('first hearing');
      const cleared = updateEvent(vault, ev.id, { placeName: null, itemIds: [] });
      expect(cleared.place).toBeNull();
      expect(cleared.itemIds).toEqual([]);
      const size = custodySize(vault);
      expect(() => updateEvent(vault, ev.id, { date: '2024-05-14' })).toThrow(/Nothing to change/);
      expect(() => updateEvent(vault, ev.id, { endDate: '2024-04' })).toThrow(/before/);
      expect(() => updateEvent(vault, 'nope', { date: '2024' })).toThrow(/No event/);
      expect(custodySize(vault)).toBe(size);
      expect((await verifyVault(vault, { quick: true })).ok).toBe(true);
    },
  );
});

describe('evidence/events/addPlace', () => {
  it('adds a place once and returns the existing one (any letter case) without a new entry', async () => {
    const { vault } = await setup();
    const before = custodySize(vault);
    const place = addPlace(vault, { name: 'IK-2', type: 'penal_colony', region: 'North' });
    expect(entriesSince(vault, before)).toEqual([
      expect.objectContaining({
        action: 'place.added',
        subject: place.id,
        hash: committedHash(vault.db, 'places', place.id, place),
        data: { type: 'penal_colony', hashFormat: 'salted-v1' },
      }),
    ]);
    expect(addPlace(vault, { name: 'ik-2' })).toEqual(place);
    expect(custodySize(vault)).toBe(before + 1);
    expect(() => addPlace(vault, { name: '  ' })).toThrow(/needs a name/);
    expect(() => addPlace(vault, { name: 'Y', type: 'castle' as 'prison' })).toThrow(/type/);
  });
});
