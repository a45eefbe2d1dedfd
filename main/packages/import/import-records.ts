import { z } from 'zod';
import { isVigilError, VigilError } from '../../../shared/errors';
import { createCase } from '../../evidence/cases';
import { addEvent } from '../../evidence/events';
import { createInterview } from '../../evidence/interviews';
import { addPerson, addRole } from '../../evidence/people';
import { addRequest, answerRequest } from '../../evidence/requests';
import { reviseTranscript } from '../../evidence/transcripts';
import type { Vault } from '../../vault/vault';
import type { BagFiles } from '../bagit/bag-files';
import type { CaseJson } from './case-json';

/** How the sender's ids and codes map to the new records in this vault. */
export interface IdMaps {
  people: Map<string, string>;
  codes: Map<string, string>;
  items: Map<string, string>;
  /** Filled when given: the sender's event, request and interview ids (update packages find them later). */
  events?: Map<string, string>;
  requests?: Map<string, string>;
  interviews?: Map<string, string>;
}

/** Creates the case; a reference already used in this vault gets an "-imported" suffix. */
export function importCase(vault: Vault, c: CaseJson['case']): string {
  const taken = (ref: string): boolean =>
    vault.db.prepare('SELECT 1 FROM cases WHERE reference = ?').get(ref) !== undefined;
  let reference = c.reference ?? null;
  if (reference !== null && taken(reference)) {
    let n = 1;
    while (taken(`${reference}-imported${n > 1 ? `-${n}` : ''}`)) n++;
    reference = `${reference}-imported${n > 1 ? `-${n}` : ''}`;
  }
  const row = createCase(vault, {
    title: c.title,
    ...(reference === null ? {} : { reference }),
    ...(c.summary === undefined ? {} : { summary: c.summary }),
  });
  return row.id;
}

/** Adds the people by code; names only when the package carries them. A code taken here gets a new one. */
export function importPeople(vault: Vault, caseId: string, people: CaseJson['people'], maps: IdMaps): void {
  for (const p of people) {
    const [role = 'other', ...more] = p.roles;
    const base = {
      caseId,
      role,
      name: p.name ?? p.code,
      ...(p.aliases ? { aliases: p.aliases } : {}),
      consent: { named: p.consent?.named ?? false, shareWith: p.consent?.shareWith ?? [] },
    };
    let row;
    try {
      row = addPerson(vault, { ...base, code: p.code });
    } catch (err) {
      if (!isVigilError(err)) throw err;
      row = addPerson(vault, base);
    }
    for (const r of more) addRole(vault, row.id, caseId, r);
    maps.people.set(p.id, row.id);
    maps.codes.set(p.code, row.id);
  }
}

/** Adds the timeline events and the request register, linked to the new people and items. */
export function importEventsAndRequests(
  vault: Vault,
  caseId: string,
  data: CaseJson,
  maps: IdMaps,
): { events: number; requests: number } {
  let events = 0;
  for (const e of data.events) {
    const personId = maps.people.get(e.person.id);
    if (personId === undefined) continue;
    const itemIds = (e.itemIds ?? []).map((id) => maps.items.get(id)).filter((id): id is string => id !== undefined);
    const place = e.place
      ? { placeName: e.place.name, placeType: e.place.type, placeRegion: e.place.region ?? '' }
      : {};
    const ev = addEvent(vault, {
      caseId,
      personId,
      type: e.type,
      date: e.date,
      dateApprox: e.dateApprox ?? false,
      endDate: e.endDate ?? null,
      description: e.description ?? '',
      itemIds,
      ...place,
    });
    if (e.id !== undefined) maps.events?.set(e.id, ev.id);
    events++;
  }
  let requests = 0;
  for (const r of data.requests) {
    const personId = maps.codes.get(r.personCode);
    if (personId === undefined) continue;
    const requesterId = r.requesterCode ? (maps.codes.get(r.requesterCode) ?? null) : null;
    const row = addRequest(vault, {
      caseId,
      personId,
      requesterId,
      date: r.date,
      recipient: r.recipient,
      ...(r.channel ? { channel: r.channel } : {}),
      ...(r.about ? { about: r.about } : {}),
    });
    if (r.response && r.responseDate)
      answerRequest(vault, row.id, { date: r.responseDate, response: r.response, note: r.responseNote ?? '' });
    if (r.id !== undefined) maps.requests?.set(r.id, row.id);
    requests++;
  }
  return { events, requests };
}

const transcriptSchema = z.object({
  interviewId: z.string().max(100).optional(),
  segments: z
    .array(
      z.object({
        speaker: z.string(),
        startMs: z.number().nullable(),
        endMs: z.number().nullable(),
        text: z.string(),
        translation: z.string().nullable(),
      }),
    )
    .max(100_000),
});
const BASE_NAME = /^([A-Za-z]{1,4}-\d{1,6})-(.+)-[0-9a-f]{8}\.json$/;

/** A transcript read from the package, with the interviewee code and date from its file name. */
export interface PackagedTranscript {
  code: string;
  date: string | null;
  segments: z.output<typeof transcriptSchema>['segments'];
  /** The sender's interview id, when the file names it. */
  interviewId?: string;
  /** The file as parsed, before checking: what the package's record of the interview is hashed from. */
  raw: unknown;
}

/** Reads and checks every data/transcripts/*.json before anything is written; PACKAGE_INVALID if one is malformed. */
export async function loadTranscripts(bag: BagFiles): Promise<PackagedTranscript[]> {
  const dir = 'data/transcripts/';
  const names = (await bag.list())
    .map((f) => f.path)
    .filter((p) => p.startsWith(dir) && !p.slice(dir.length).includes('/'))
    .map((p) => p.slice(dir.length));
  const out: PackagedTranscript[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const m = BASE_NAME.exec(name);
    let parsed: unknown = null;
    try {
      parsed = JSON.parse((await bag.read(`${dir}${name}`))?.toString('utf8') ?? '');
    } catch {
      // reported below
    }
    const checked = transcriptSchema.safeParse(parsed);
    if (m === null || !checked.success)
      throw new VigilError(
        'PACKAGE_INVALID',
        `The transcript data/transcripts/${name} cannot be read as a Vigil transcript; nothing was imported.`,
      );
    const date = m[2] ?? '';
    out.push({
      code: m[1] ?? '',
      date: /^\d{4}(-\d{2}){0,2}$/.test(date) ? date : null,
      segments: checked.data.segments,
      ...(checked.data.interviewId === undefined ? {} : { interviewId: checked.data.interviewId }),
      raw: parsed,
    });
  }
  return out;
}

/**
 * Adds each transcript as revision 1 of a new interview with its interviewee (skipped when the interviewee is not in
 * the package).
 */
export function importTranscripts(
  vault: Vault,
  transcripts: PackagedTranscript[],
  caseId: string,
  packageId: string,
  maps: IdMaps,
): number {
  let count = 0;
  for (const t of transcripts) {
    const intervieweeId = maps.codes.get(t.code);
    if (intervieweeId === undefined || t.segments.length === 0) continue;
    const iv = createInterview(vault, { caseId, intervieweeId, ...(t.date === null ? {} : { date: t.date }) });
    reviseTranscript(vault, iv.id, t.segments, `imported from package ${packageId}`);
    if (t.interviewId !== undefined) maps.interviews?.set(t.interviewId, iv.id);
    count++;
  }
  return count;
}
