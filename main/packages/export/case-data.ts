import { datePrecision } from '../../../shared/domain';
import { getCase } from '../../evidence/cases';
import type { ItemSummary } from '../../evidence/items';
import { listPeople, type PersonRow } from '../../evidence/people';
import { listRequests, type RequestRow } from '../../evidence/requests';
import { caseTimeline, type Timeline } from '../../evidence/timeline';
import type { ReadDb } from '../../vault/database';
import { csvText } from './csv';
import type { NamePolicy } from './names';
import type { ProfileSettings } from './profile';

/** One item as it goes into the package: the item exported (maybe a derivative) and its place in data/. */
export interface PlannedItem {
  item: ItemSummary;
  /** The original, when `item` is a derivative made or chosen for this export. */
  original: ItemSummary | null;
  /** Path under data/, e.g. items/001-letter.txt. */
  path: string;
}

/** The case as the package shows it (case.json), plus what the other files need. */
export interface CaseExport {
  json: Record<string, unknown>;
  people: PersonRow[];
  timeline: Timeline;
  requests: RequestRow[];
}

function personJson(p: PersonRow, caseId: string, policy: NamePolicy, s: ProfileSettings): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: p.id,
    code: p.code,
    roles: p.roles.filter((r) => r.caseId === caseId).map((r) => r.role),
  };
  if (policy.named(p)) {
    out.name = p.name;
    out.aliases = p.aliases;
  }
  out.consent = { named: p.consent.named, shareWith: p.consent.shareWith, date: p.consent.date };
  if (s.contactDetails) {
    out.contact = policy.named(p) ? p.contact : policy.text(p.contact);
    out.notes = policy.text(p.notes);
  }
  return out;
}

function requestJson(r: RequestRow, policy: NamePolicy): Record<string, unknown> {
  return {
    id: r.id,
    personCode: r.personCode,
    requesterCode: r.requesterCode,
    date: r.date,
    recipient: policy.text(r.recipient),
    channel: policy.text(r.channel),
    about: policy.text(r.about),
    responseDate: r.responseDate,
    response: r.response,
    responseNote: policy.text(r.responseNote),
  };
}

/**
 * case.json's profile report: what the profile changed, and protected names found in the exported originals (by code).
 */
interface ProfileReport {
  changes: string[];
  namesInOriginals: Record<string, unknown>[];
}

/**
 * Builds case.json: the case, people by code (names as the profile allows), events, requests, analysis and the profile
 * report.
 */
export function buildCaseExport(
  db: ReadDb,
  caseId: string,
  policy: NamePolicy,
  s: ProfileSettings,
  items: PlannedItem[],
  report: ProfileReport,
): CaseExport {
  const c = getCase(db, caseId);
  const people = listPeople(db, { caseId });
  const timeline = caseTimeline(db, caseId);
  const requests = listRequests(db, caseId);
  const namedIds = new Set(people.filter((p) => policy.named(p)).map((p) => p.id));
  const events = timeline.events.map((e) => ({
    ...e,
    person: namedIds.has(e.person.id)
      ? { ...e.person, name: people.find((p) => p.id === e.person.id)?.name ?? '' }
      : { id: e.person.id, code: e.person.code },
    description: policy.text(e.description),
  }));
  const detainees = timeline.detainees.map((d) => ({ ...d, person: { id: d.person.id, code: d.person.code } }));
  const json = {
    format: 'vigil-case/1',
    case: {
      id: c.id,
      title: policy.text(c.title),
      reference: c.reference,
      summary: policy.text(c.summary),
      status: c.status,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    },
    people: people.map((p) => personJson(p, caseId, policy, s)),
    items: items.map(({ item, original, path }) => ({
      id: item.id,
      title: policy.text(item.title),
      kind: item.kind,
      path: `data/${path}`,
      sha256: item.sha256,
      size: item.size,
      derivativeOf: original?.id ?? item.derivativeOf,
      derivativeKind: item.derivativeKind,
      ...(s.contactDetails
        ? {
            acquisition: Object.fromEntries(
              Object.entries(item.acquisition as Record<string, unknown>).map(([k, v]) => [
                k,
                typeof v === 'string' ? policy.text(v) : v,
              ]),
            ),
          }
        : {}),
    })),
    events,
    requests: requests.map((r) => requestJson(r, policy)),
    analysis: { asOf: timeline.asOf, detainees },
    profile: { name: s.name, changes: report.changes, namesInOriginals: report.namesInOriginals },
  };
  return { json, people, timeline, requests };
}

/** The evidence register (RFC 4180, CRLF line ends; cells that would run as formulas start with '). */
export function registerCsv(items: PlannedItem[], people: PersonRow[], policy: NamePolicy): string {
  const codes = new Map(people.map((p) => [p.id, p.code]));
  const rows = [['id', 'title', 'kind', 'date', 'date_precision', 'source_code', 'sha256', 'size', 'path']];
  for (const { item, path } of items) {
    const source = item.sourcePersonId === null ? '' : (codes.get(item.sourcePersonId) ?? '');
    rows.push([
      item.id,
      policy.text(item.title),
      item.kind,
      item.date ?? '',
      item.date ? datePrecision(item.date) : '',
      source,
      item.sha256,
      String(item.size),
      `data/${path}`,
    ]);
  }
  return csvText(rows);
}
