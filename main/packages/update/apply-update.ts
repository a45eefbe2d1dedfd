/**
 * Applies an update package to the case its base brought in (DESIGN §6, "Update packages"):
 * new people, items, events, requests and interviews are added as a full import adds them;
 * changed ones are brought to the package's values through the same evidence functions a
 * person's edit uses (so each change has its own custody entry). Runs inside the import's
 * transaction; returns each record it added or changed, for `received_records`.
 */
import { VigilError } from '../../../shared/errors';
import { getCase, updateCase } from '../../evidence/cases';
import { updateEvent, type EventChanges } from '../../evidence/events';
import type { AddedItem } from '../../evidence/item-ingest';
import { addRole, getPerson, updatePerson } from '../../evidence/people';
import { answerRequest, getRequest } from '../../evidence/requests';
import { getEvent } from '../../evidence/timeline';
import { getRevision, reviseTranscript } from '../../evidence/transcripts';
import type { Vault } from '../../vault/vault';
import type { CaseJson } from '../import/case-json';
import {
  importEventsAndRequests,
  importPeople,
  importTranscripts,
  type IdMaps,
  type PackagedTranscript,
} from '../import/import-records';
import type { PackageRecord } from './package-records';
import { recordKey, type RecordKind } from './record-set';
import type { ReceivedChange, ReceivedRecord } from './received-records';

/** What the update carries, as the import read it. */
interface UpdateArrival {
  caseId: string;
  packageId: string;
  data: CaseJson;
  records: Map<string, PackageRecord>;
  transcripts: PackagedTranscript[];
  /** The sender's item id of each stored item, by its path in the bag, and the order they were stored. */
  senderIds: Map<string, string>;
  order: string[];
}

type FullMaps = Required<IdMaps>;

/** The sender's ids of the records the case already holds, mapped to this vault's. */
function mapsOf(state: Map<string, ReceivedRecord>): FullMaps {
  const maps: FullMaps = {
    people: new Map(),
    codes: new Map(),
    items: new Map(),
    events: new Map(),
    requests: new Map(),
    interviews: new Map(),
  };
  const byKind: Record<RecordKind, Map<string, string> | null> = {
    case: null,
    person: maps.people,
    item: maps.items,
    event: maps.events,
    request: maps.requests,
    interview: maps.interviews,
  };
  for (const r of state.values()) {
    if (r.localId === null) continue;
    byKind[r.kind]?.set(r.senderId, r.localId);
    const code = (r.record as { code?: unknown } | null)?.code;
    if (r.kind === 'person' && typeof code === 'string') maps.codes.set(code, r.localId);
  }
  return maps;
}

function applyCase(vault: Vault, caseId: string, c: CaseJson['case']): void {
  const local = getCase(vault.db, caseId);
  const changes = {
    ...(c.title !== local.title ? { title: c.title } : {}),
    ...(c.summary !== undefined && c.summary !== local.summary ? { summary: c.summary } : {}),
  };
  if (Object.keys(changes).length > 0) updateCase(vault, caseId, changes);
}

function applyPerson(
  vault: Vault,
  caseId: string,
  localId: string,
  p: CaseJson['people'][number],
  maps: FullMaps,
): void {
  const local = getPerson(vault.db, localId);
  const name = p.name ?? p.code;
  const aliases = p.aliases ?? [];
  const consent = { named: p.consent?.named ?? false, shareWith: p.consent?.shareWith ?? [] };
  const codeFree =
    vault.db.prepare('SELECT 1 FROM people WHERE code = ? AND id <> ?').get(p.code, localId) === undefined;
  const changes = {
    ...(p.code !== local.code && codeFree ? { code: p.code } : {}),
    ...(name !== local.name ? { name } : {}),
    ...(JSON.stringify(aliases) !== JSON.stringify(local.aliases) ? { aliases } : {}),
    ...(consent.named !== local.consent.named ||
    JSON.stringify(consent.shareWith) !== JSON.stringify(local.consent.shareWith)
      ? { consent }
      : {}),
  };
  if (Object.keys(changes).length > 0) updatePerson(vault, localId, changes);
  const held = new Set(local.roles.filter((r) => r.caseId === caseId).map((r) => r.role));
  for (const role of p.roles) if (!held.has(role)) addRole(vault, localId, caseId, role);
  maps.codes.set(p.code, localId);
}

function applyEvent(vault: Vault, localId: string, e: CaseJson['events'][number], maps: FullMaps): void {
  const local = getEvent(vault.db, localId);
  const itemIds = (e.itemIds ?? [])
    .map((id) => maps.items.get(id))
    .filter((id): id is string => id !== undefined)
    .sort();
  const place = e.place ?? null;
  const samePlace =
    place === null
      ? local.place === null
      : local.place !== null &&
        local.place.name === place.name &&
        local.place.type === place.type &&
        local.place.region === (place.region ?? '');
  const changes: EventChanges = {
    ...(e.type !== local.type ? { type: e.type } : {}),
    ...(e.date !== local.date ? { date: e.date } : {}),
    ...((e.dateApprox ?? false) !== local.dateApprox ? { dateApprox: e.dateApprox ?? false } : {}),
    ...((e.endDate ?? null) !== local.endDate ? { endDate: e.endDate ?? null } : {}),
    ...((e.description ?? '') !== local.description ? { description: e.description ?? '' } : {}),
    ...(JSON.stringify(itemIds) !== JSON.stringify([...local.itemIds].sort()) ? { itemIds } : {}),
    ...(samePlace
      ? {}
      : place === null
        ? { placeName: null }
        : { placeName: place.name, placeType: place.type, placeRegion: place.region ?? '' }),
  };
  if (Object.keys(changes).length > 0) updateEvent(vault, localId, changes);
}

function applyRequest(vault: Vault, localId: string, r: CaseJson['requests'][number]): void {
  const local = getRequest(vault.db, localId);
  if (!r.response || !r.responseDate) return;
  if (
    r.response === local.response &&
    r.responseDate === local.responseDate &&
    (r.responseNote ?? '') === local.responseNote
  )
    return;
  answerRequest(vault, localId, { date: r.responseDate, response: r.response, note: r.responseNote ?? '' });
}

function applyTranscript(vault: Vault, localId: string, t: PackagedTranscript, packageId: string): void {
  const current = getRevision(vault.db, localId).segments.map((s) => ({
    speaker: s.speaker,
    startMs: s.startMs,
    endMs: s.endMs,
    text: s.text,
    translation: s.translation,
  }));
  if (JSON.stringify(current) === JSON.stringify(t.segments)) return;
  reviseTranscript(vault, localId, t.segments, `imported from package ${packageId}`);
}

/** Splits a list into the records the case holds already (changed) and new ones (added), by sender id. */
function split<T>(
  list: T[],
  kind: RecordKind,
  idOf: (x: T) => string | undefined,
  state: Map<string, ReceivedRecord>,
): { added: T[]; changed: [T, string][] } {
  const added: T[] = [];
  const changed: [T, string][] = [];
  for (const x of list) {
    const held = state.get(recordKey(kind, idOf(x) ?? ''));
    if (held === undefined) added.push(x);
    else if (held.localId !== null) changed.push([x, held.localId]);
  }
  return { added, changed };
}

/** Applies the update (see the file comment); `recordItems` records the staged new items in the case. */
export function applyUpdate(
  vault: Vault,
  a: UpdateArrival,
  state: Map<string, ReceivedRecord>,
  recordItems: (caseId: string) => AddedItem[],
): { changes: ReceivedChange[]; items: number; transcripts: number; events: number; requests: number; people: number } {
  const maps = mapsOf(state);
  applyCase(vault, a.caseId, a.data.case);
  const people = split(a.data.people, 'person', (p) => p.id, state);
  importPeople(vault, a.caseId, people.added, maps);
  for (const [p, localId] of people.changed) applyPerson(vault, a.caseId, localId, p, maps);
  for (const [path, senderId] of a.senderIds) {
    const held = state.get(recordKey('item', senderId));
    if (held !== undefined)
      throw new VigilError(
        'PACKAGE_INVALID',
        `The update carries item ${senderId} (${path}) again; an item's content never changes, so it is sent ` +
          `once. Nothing was imported.`,
      );
  }
  const items = recordItems(a.caseId);
  items.forEach((item, i) => {
    const sender = a.senderIds.get(a.order[i] ?? '');
    if (sender !== undefined) maps.items.set(sender, item.id);
  });
  const events = split(a.data.events, 'event', (e) => e.id, state);
  const requests = split(a.data.requests, 'request', (r) => r.id, state);
  const added = importEventsAndRequests(
    vault,
    a.caseId,
    { ...a.data, events: events.added, requests: requests.added },
    maps,
  );
  for (const [e, localId] of events.changed) applyEvent(vault, localId, e, maps);
  for (const [r, localId] of requests.changed) applyRequest(vault, localId, r);
  const interviews = split(a.transcripts, 'interview', (t) => t.interviewId, state);
  const transcripts = importTranscripts(vault, interviews.added, a.caseId, a.packageId, maps);
  for (const [t, localId] of interviews.changed) applyTranscript(vault, localId, t, a.packageId);
  return {
    changes: receivedChanges(a.records, a.caseId, state, maps),
    items: items.length,
    transcripts: transcripts + interviews.changed.length,
    people: a.data.people.length,
    events: added.events + events.changed.length,
    requests: added.requests + requests.changed.length,
  };
}

/**
 * Each record of the package whose hash differs from what the case held (`state`; empty for a
 * full import), with the record of this vault it became (null when it was not brought in).
 */
export function receivedChanges(
  records: Map<string, PackageRecord>,
  caseId: string,
  state: Map<string, ReceivedRecord>,
  maps: IdMaps,
): ReceivedChange[] {
  const local: Record<RecordKind, (id: string) => string | undefined> = {
    case: () => caseId,
    person: (id) => maps.people.get(id),
    item: (id) => maps.items.get(id),
    event: (id) => maps.events?.get(id),
    request: (id) => maps.requests?.get(id),
    interview: (id) => maps.interviews?.get(id),
  };
  const out: ReceivedChange[] = [];
  for (const [key, r] of records) {
    const held = state.get(key);
    if (held?.hash === r.hash) continue;
    out.push({
      kind: r.kind,
      senderId: r.id,
      localId: local[r.kind](r.id) ?? held?.localId ?? null,
      hash: r.hash,
      record: r.record,
      change: held === undefined ? 'added' : 'changed',
    });
  }
  return out;
}
