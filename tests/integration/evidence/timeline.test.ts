import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerTimelineCommands } from '../../../main/cli/commands/timeline';
import { addEvent } from '../../../main/evidence/events';
import { addRequest, answerRequest } from '../../../main/evidence/requests';
import { caseTimeline, todayIso } from '../../../main/evidence/timeline';
import { openVault } from '../../../main/vault/open';
import { verifyVault } from '../../../main/checks/verify-vault';
import type { Vault } from '../../../main/vault/vault';
import { newTestVault, TEST_PASSPHRASE } from '../../helpers/vault';
import { custodySize, entriesSince, seedCase, seedItem, seedPerson } from './timeline-fixture';

const open: Vault[] = [];
afterEach(async () => {
  for (const v of open.splice(0)) await v.close();
});

interface Fixture {
  vault: Vault;
  dir: string;
  caseId: string;
  d1: string;
  d2: string;
  mother: string;
  itemId: string;
}

/** A case with two detainees and a relative, events for each, and requests about the first detainee. */
async function buildCase(): Promise<Fixture> {
  const { vault, dir } = await newTestVault();
  open.push(vault);
  const caseId = seedCase(vault, 'UA-2024-001');
  const d1 = seedPerson(vault, caseId, 'detainee', 'D-001', 'Secret Name');
  const d2 = seedPerson(vault, caseId, 'detainee', 'D-002');
  const mother = seedPerson(vault, caseId, 'relative', 'R-001');
  const itemId = await seedItem(vault, caseId);
  const add = (
    personId: string,
    type: Parameters<typeof addEvent>[1]['type'],
    date: string,
    extra: Partial<Parameters<typeof addEvent>[1]> = {},
  ): void => {
    addEvent(vault, { caseId, personId, type, date, ...extra });
  };
  add(d1, 'contact_restored', '2024-03-15');
  add(d1, 'arrest', '2024-01-10', { placeName: 'SIZO-1', placeType: 'pretrial_detention', itemIds: [itemId] });
  add(d1, 'contact_lost', '2024-02-01');
  add(d1, 'transfer', '2024-02', { placeName: 'IK-6', placeType: 'penal_colony', placeRegion: 'North' });
  add(d1, 'contact_lost', '2024-05-01');
  add(d2, 'contact_lost', '2024-04-01');
  add(d2, 'contact_restored', '2024-04-11');
  // The relative's events must not count for any detainee.
  add(mother, 'contact_lost', '2024-01-01');
  const other = seedCase(vault);
  seedPerson(vault, other, 'detainee', 'D-099');
  const r1 = addRequest(vault, {
    caseId,
    personId: d1,
    requesterId: mother,
    date: '2024-02-05',
    recipient: 'Prison service',
  });
  answerRequest(vault, r1.id, { date: '2024-02-15', response: 'denial' });
  const r2 = addRequest(vault, { caseId, personId: d1, date: '2024-02-20', recipient: 'Prosecutor' });
  answerRequest(vault, r2.id, { date: '2024-04-01', response: 'none' });
  addRequest(vault, { caseId, personId: d1, date: '2024-05-02', recipient: 'Ombudsman' });
  return { vault, dir, caseId, d1, d2, mother, itemId };
}

describe('evidence/timeline/caseTimeline', () => {
  it('lists the events in date order and analyses each detainee on their own events', async () => {
    const { vault, caseId, d1, d2, itemId } = await buildCase();
    const t = caseTimeline(vault.db, caseId, { asOf: '2024-06-01' });
    expect(t.caseId).toBe(caseId);
    expect(t.asOf).toBe('2024-06-01');
    expect(t.events.map((e) => `${e.date} ${e.person.code} ${e.type}`)).toEqual([
      '2024-01-01 R-001 contact_lost',
      '2024-01-10 D-001 arrest',
      '2024-02 D-001 transfer',
      '2024-02-01 D-001 contact_lost',
      '2024-03-15 D-001 contact_restored',
      '2024-04-01 D-002 contact_lost',
      '2024-04-11 D-002 contact_restored',
      '2024-05-01 D-001 contact_lost',
    ]);
    expect(t.events[1]).toMatchObject({
      place: { name: 'SIZO-1', type: 'pretrial_detention', region: '' },
      itemIds: [itemId],
    });
    expect(t.events[2]?.place).toMatchObject({ name: 'IK-6', type: 'penal_colony', region: 'North' });
    expect(t.detainees.map((d) => d.person)).toEqual([
      { id: d1, code: 'D-001' },
      { id: d2, code: 'D-002' },
    ]);
    const [first, second] = t.detainees;
    expect(first?.incommunicado.periods.map((p) => [p.start, p.end, p.days, p.open])).toEqual([
      ['2024-02-01', '2024-03-15', 43, false],
      ['2024-05-01', null, 31, true],
    ]);
    expect(first?.incommunicado).toMatchObject({ totalDays: 74, longestDays: 43, current: true, notes: [] });
    expect(first?.requests).toEqual({
      sent: 3,
      answered: 1,
      unanswered: 2,
      medianResponseDays: 10,
      byResponse: { none: 1, token: 0, denial: 1, substantive: 0, pending: 1 },
    });
    expect(second?.incommunicado).toMatchObject({ totalDays: 10, longestDays: 10, current: false });
    expect(second?.requests.sent).toBe(0);
  });

  it('names people by code, and by name only when asked to reveal', async () => {
    const { vault, caseId } = await buildCase();
    const hidden = JSON.stringify(caseTimeline(vault.db, caseId, { asOf: '2024-06-01' }));
    expect(hidden).not.toContain('Secret Name');
    const shown = caseTimeline(vault.db, caseId, { asOf: '2024-06-01', revealNames: true });
    expect(shown.detainees[0]?.person).toMatchObject({ code: 'D-001', name: 'Secret Name' });
    expect(shown.events.find((e) => e.person.code === 'D-001')?.person.name).toBe('Secret Name');
  });

  it('is reproducible for a fixed asOf, defaults to today, and refuses a bad case or date', async () => {
    const { vault, caseId } = await buildCase();
    expect(caseTimeline(vault.db, caseId, { asOf: '2024-06-01' })).toEqual(
      caseTimeline(vault.db, caseId, { asOf: '2024-06-01' }),
    );
    expect(caseTimeline(vault.db, caseId).asOf).toBe(todayIso());
    const early = caseTimeline(vault.db, caseId, { asOf: '2024-04-05' });
    expect(early.detainees[1]?.incommunicado).toMatchObject({ current: true, totalDays: 4 });
    // As of 2024-02-10 only the first request was sent, and its answer had come.
    expect(caseTimeline(vault.db, caseId, { asOf: '2024-02-10' }).detainees[0]?.requests).toMatchObject({
      sent: 1,
      answered: 0,
      byResponse: { pending: 1, denial: 0 },
    });
    expect(caseTimeline(vault.db, caseId, { asOf: '2024-02-15' }).detainees[0]?.requests).toMatchObject({
      sent: 1,
      answered: 1,
      medianResponseDays: 10,
    });
    expect(early.detainees[0]?.requests).toMatchObject({
      sent: 2,
      answered: 1,
      unanswered: 1,
      byResponse: { none: 1, denial: 1, pending: 0 },
    });
    expect(() => caseTimeline(vault.db, 'no-such-case')).toThrow(/No case/);
    expect(() => caseTimeline(vault.db, caseId, { asOf: '2024-06' })).toThrow(/full date/);
  });
});

describe('cli/commands/timeline/registerTimelineCommands', () => {
  let printed = '';
  beforeEach(() => {
    vi.stubEnv('VIGIL_PASSPHRASE', TEST_PASSPHRASE);
    vi.stubEnv('VIGIL_INSECURE_TEST_KDF', '1');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function vigil(...args: string[]): Promise<string> {
    const program = new Command('vigil').exitOverride();
    registerTimelineCommands(program);
    printed = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    try {
      await program.parseAsync(['node', 'vigil', ...args]);
    } finally {
      spy.mockRestore();
    }
    return printed;
  }

  it('records events and requests and prints the timeline JSON in the shape of the issue', async () => {
    const fx = await buildCase();
    await fx.vault.close();
    open.splice(0);
    const { dir } = fx;
    const ev = JSON.parse(
      await vigil(
        'event',
        'add',
        dir,
        '--case',
        'UA-2024-001',
        '--person',
        'd-002',
        '--type',
        'contact_lost',
        '--date',
        '2024-05',
        '--approx',
        '--facility',
        'IK-2',
        '--facility-type',
        'prison',
        '--region',
        'East',
        '--note',
        'No letters since May.',
        '--item',
        fx.itemId,
        '--json',
      ),
    ) as Record<string, unknown>;
    expect(ev).toMatchObject({
      caseId: fx.caseId,
      person: { id: fx.d2, code: 'D-002' },
      type: 'contact_lost',
      date: '2024-05',
      dateApprox: true,
      place: { name: 'IK-2', type: 'prison', region: 'East' },
      itemIds: [fx.itemId],
    });
    const req = JSON.parse(
      await vigil(
        'request',
        'add',
        dir,
        '--case',
        fx.caseId,
        '--person',
        'D-002',
        '--by',
        'R-001',
        '--date',
        '2024-05-10',
        '--to',
        'Prison service',
        '--channel',
        'post',
        '--json',
      ),
    ) as { id: string };
    const answered = JSON.parse(
      await vigil(
        'request',
        'answer',
        dir,
        req.id.slice(0, 8),
        '--date',
        '2024-05-30',
        '--response',
        'token',
        '--json',
      ),
    ) as Record<string, unknown>;
    expect(answered).toMatchObject({
      id: req.id,
      response: 'token',
      responseDate: '2024-05-30',
      requesterCode: 'R-001',
    });
    expect(await vigil('request', 'list', dir, '--case', 'UA-2024-001')).toMatch(
      /2024-05-10 +about D-002 by R-001 to Prison service \(post\): token on 2024-05-30/,
    );

    const json = JSON.parse(await vigil('timeline', dir, 'UA-2024-001', '--as-of', '2024-06-01', '--json')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['events', 'detainees']));
    const detainees = json.detainees as {
      person: unknown;
      incommunicado: { periods: Record<string, unknown>[] };
      requests: Record<string, unknown>;
    }[];
    expect(detainees).toHaveLength(2);
    for (const d of detainees) {
      expect(d.person).toEqual({ id: expect.any(String), code: expect.any(String) });
      expect(d.incommunicado).toEqual(
        expect.objectContaining({
          periods: expect.any(Array),
          totalDays: expect.any(Number),
          longestDays: expect.any(Number),
          current: expect.any(Boolean),
        }),
      );
      for (const p of d.incommunicado.periods)
        expect(p).toEqual(
          expect.objectContaining({
            start: expect.any(String),
            end: p.open ? null : expect.any(String),
            days: expect.any(Number),
            open: expect.any(Boolean),
          }),
        );
      expect(d.requests).toEqual(
        expect.objectContaining({
          sent: expect.any(Number),
          answered: expect.any(Number),
          unanswered: expect.any(Number),
        }),
      );
      expect(d.requests).toHaveProperty('medianResponseDays');
    }
    expect(detainees[1]?.incommunicado.periods.at(-1)).toMatchObject({
      start: '2024-05',
      end: null,
      days: 31,
      open: true,
      approximate: true,
    });
    expect(detainees[1]?.requests).toMatchObject({ sent: 1, answered: 1, medianResponseDays: 20 });
    expect((json.events as unknown[]).length).toBe(9);

    const text = await vigil('timeline', dir, fx.caseId, '--as-of', '2024-06-01');
    expect(text).toContain('Timeline of case');
    expect(text).toContain('Contact lost on 2024-02-01 (event');
    expect(text).toMatch(/Without contact: 74 days in all, longest 43 days; contact lost now: yes/);
    expect(text).toMatch(/Requests: 3 sent, 1 answered, 2 unanswered; median 10 days/);
    expect(text).not.toContain('Secret Name');
    expect(await vigil('timeline', dir, fx.caseId, '--as-of', '2024-06-01', '--reveal-names')).toContain(
      'Secret Name (D-001)',
    );

    await expect(
      vigil(
        'event',
        'add',
        dir,
        '--case',
        fx.caseId,
        '--person',
        'D-001',
        '--type',
        'abduction',
        '--date',
        '2024-01-01',
      ),
    ).rejects.toThrow(/type/);
    await expect(
      vigil('request', 'answer', dir, req.id, '--date', '2024-05-01', '--response', 'token'),
    ).rejects.toThrow(/before the request date/);
    await expect(vigil('timeline', dir, 'UA-404')).rejects.toThrow(/No case "UA-404"/);

    const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
    open.push(vault);
    expect(entriesSince(vault, custodySize(vault) - 4).map((e) => e.action)).toEqual([
      'place.added',
      'event.added',
      'request.added',
      'request.answered',
    ]);
    expect((await verifyVault(vault, { quick: true })).ok).toBe(true);
  });
});
