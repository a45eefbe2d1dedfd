/**
 * What a case report holds, as plain data: gathered from the vault under a
 * profile's name policy (the export's, so a report hides exactly the people a
 * package of the same profile hides), then drawn by render.ts and printed by
 * `vigil report --json`. Names of protected people never enter this object.
 */
import type { REPORT_PROFILES } from '../../shared/areas/reports.contract';
import type { CaseStatus, EventType, ItemKind, PersonRole, ResponseKind } from '../../shared/domain';
import { earliestDay, fullDay } from '../evidence/analysis/dates';
import type { IncommunicadoSummary } from '../evidence/analysis/incommunicado';
import { isAnswered, type RequestStats } from '../evidence/analysis/requests';
import { getCase } from '../evidence/cases';
import { listPeople, type PersonRow } from '../evidence/people';
import { listRequests, type RequestRow } from '../evidence/requests';
import { caseTimeline, type Place, type TimelineEvent } from '../evidence/timeline';
import { selectItems } from '../packages/export/items';
import type { NamePolicy } from '../packages/export/names';
import { profileSettings } from '../packages/export/profile';
import type { ReadDb } from '../vault/database';
import type { ReportCheckpoint } from './checkpoint-facts';
import type { ReportLanguage } from './labels';

/** The profiles a report can be made under: the export's built-in two. */
export type ReportProfile = (typeof REPORT_PROFILES)[number];

/** A person as the report names them: by code, and by name only when the profile allows it. */
export interface ReportPerson {
  id: string;
  code: string;
  name: string | null;
}

/** One event of the chronology. */
export interface ReportEvent {
  id: string;
  person: ReportPerson;
  type: EventType;
  date: string;
  dateApprox: boolean;
  endDate: string | null;
  place: string | null;
  description: string;
  /** Numbers of the exhibits that support it. */
  exhibits: number[];
}

/** One request of the register, with the days it took or has waited. */
export interface ReportRequest {
  date: string;
  about: string;
  by: string | null;
  recipient: string;
  channel: string;
  response: ResponseKind | null;
  responseDate: string | null;
  /** Days from sending to a real answer; null when none came. */
  daysToAnswer: number | null;
  /** Days waited so far (as of the report's day) when no real answer came; null otherwise. */
  waitingDays: number | null;
}

/** One exhibit: an original of the case, numbered as a package of the whole case numbers it. */
interface ReportExhibit {
  number: number;
  id: string;
  title: string;
  kind: ItemKind;
  date: string | null;
  dateApprox: boolean;
  source: string | null;
  sha256: string;
  size: number;
}

/** The analysis of one detainee, as the overview shows it. */
export interface ReportDetainee {
  person: ReportPerson;
  incommunicado: IncommunicadoSummary;
  requests: RequestStats;
}

/** Everything a case report holds. */
export interface ReportData {
  format: 'vigil-report/1';
  lang: ReportLanguage;
  profile: ReportProfile;
  asOf: string;
  madeAt: string;
  case: { id: string; reference: string | null; title: string; summary: string; status: CaseStatus };
  people: (ReportPerson & { roles: PersonRole[] })[];
  events: ReportEvent[];
  detainees: ReportDetainee[];
  requests: ReportRequest[];
  exhibits: ReportExhibit[];
  checkpoint: ReportCheckpoint;
}

/** What the data is gathered with. */
interface ReportInput {
  caseId: string;
  lang: ReportLanguage;
  profile: ReportProfile;
  asOf: string;
  madeAt: string;
  policy: NamePolicy;
  checkpoint: ReportCheckpoint;
}

function reportPerson(p: Pick<PersonRow, 'id' | 'code' | 'name' | 'consent'>, policy: NamePolicy): ReportPerson {
  return { id: p.id, code: p.code, name: policy.named(p) ? p.name : null };
}

function placeText(place: Place | null, policy: NamePolicy): string | null {
  if (place === null) return null;
  return policy.text(place.region ? `${place.name}, ${place.region}` : place.name);
}

function reportRequest(r: RequestRow, asOfDay: number, policy: NamePolicy): ReportRequest {
  // As the overview's statistics do: an answer that came after the report's day is not known yet.
  const known = r.responseDate !== null && earliestDay(r.responseDate) <= asOfDay;
  const answered = known && isAnswered(r) && r.responseDate !== null;
  const sent = earliestDay(r.date);
  return {
    date: r.date,
    about: r.personCode,
    by: r.requesterCode,
    recipient: policy.text(r.recipient),
    channel: policy.text(r.channel),
    response: known ? r.response : null,
    responseDate: known ? r.responseDate : null,
    daysToAnswer: answered && r.responseDate !== null ? earliestDay(r.responseDate) - sent : null,
    waitingDays: answered ? null : Math.max(0, asOfDay - sent),
  };
}

/** The case's originals as numbered exhibits (the export's selection and order under the same profile). */
function exhibits(db: ReadDb, caseId: string, input: ReportInput, people: Map<string, PersonRow>): ReportExhibit[] {
  const { items } = selectItems(db, caseId, undefined, profileSettings(input.profile));
  return items.map((item, i) => ({
    number: i + 1,
    id: item.id,
    title: input.policy.text(item.title),
    kind: item.kind,
    date: item.date,
    dateApprox: item.dateApprox,
    source: item.sourcePersonId === null ? null : (people.get(item.sourcePersonId)?.code ?? null),
    sha256: item.sha256,
    size: item.size,
  }));
}

function reportEvent(
  e: TimelineEvent,
  person: ReportPerson,
  numbers: Map<string, number>,
  policy: NamePolicy,
): ReportEvent {
  return {
    id: e.id,
    person,
    type: e.type,
    date: e.date,
    dateApprox: e.dateApprox,
    endDate: e.endDate,
    place: placeText(e.place, policy),
    description: policy.text(e.description),
    exhibits: e.itemIds.map((id) => numbers.get(id)).filter((n): n is number => n !== undefined),
  };
}

/** Gathers the report of a case as of a day, under the profile's name policy. */
export function buildReportData(db: ReadDb, input: ReportInput): ReportData {
  const { policy } = input;
  const c = getCase(db, input.caseId);
  const asOfDay = fullDay(input.asOf, 'as-of date');
  const caseRows = listPeople(db, { caseId: c.id });
  const everyone = new Map(listPeople(db).map((p) => [p.id, p]));
  const personOf = (id: string): ReportPerson => {
    const p = everyone.get(id);
    return p ? reportPerson(p, policy) : { id, code: '?', name: null };
  };
  const timeline = caseTimeline(db, c.id, { asOf: input.asOf });
  const items = exhibits(db, c.id, input, everyone);
  const numbers = new Map(items.map((x) => [x.id, x.number]));
  return {
    format: 'vigil-report/1',
    lang: input.lang,
    profile: input.profile,
    asOf: input.asOf,
    madeAt: input.madeAt,
    case: {
      id: c.id,
      reference: c.reference,
      title: policy.text(c.title),
      summary: policy.text(c.summary),
      status: c.status,
    },
    people: caseRows.map((p) => ({
      ...reportPerson(p, policy),
      roles: [...new Set(p.roles.filter((r) => r.caseId === c.id).map((r) => r.role))],
    })),
    events: timeline.events
      .filter((e) => earliestDay(e.date) <= asOfDay)
      .map((e) => reportEvent(e, personOf(e.person.id), numbers, policy)),
    detainees: timeline.detainees.map((d) => ({
      person: personOf(d.person.id),
      incommunicado: d.incommunicado,
      requests: d.requests,
    })),
    requests: listRequests(db, c.id)
      .filter((r) => earliestDay(r.date) <= asOfDay)
      .map((r) => reportRequest(r, asOfDay, policy)),
    exhibits: items,
    checkpoint: input.checkpoint,
  };
}
