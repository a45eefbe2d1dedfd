/** What the cases channels answer: a case with its counts, the overview of its timeline, its provenance. */
import type { ReqParsed, Res } from '../../shared/contract';
import { caseCounts, createCase, getCase, listCases, updateCase } from '../evidence/cases';
import { getPerson } from '../evidence/people';
import { caseTimeline, type TimelineEvent } from '../evidence/timeline';
import { definedOnly } from '../evidence/validate';
import { caseProvenance } from '../packages/import';
import type { ReadDb } from '../vault/database';
import type { Vault } from '../vault/vault';
import { personEntry } from './people';

type Overview = Res<'cases:overview'>;

function overviewEvent(e: TimelineEvent): Overview['events'][number] {
  const place = e.place ? { name: e.place.name, type: e.place.type, region: e.place.region } : null;
  return {
    id: e.id,
    personId: e.person.id,
    type: e.type,
    date: e.date,
    dateApprox: e.dateApprox,
    endDate: e.endDate,
    place,
  };
}

/** cases:list — the cases, filtered as asked. */
export function casesList(db: ReadDb, req: ReqParsed<'cases:list'>): Res<'cases:list'> {
  return listCases(db, definedOnly(req));
}

/** cases:get — a case with its counts (also the head of `vigil case show --json`). */
export function casesGet(db: ReadDb, req: ReqParsed<'cases:get'>): Res<'cases:get'> {
  const row = getCase(db, req.id);
  return { ...row, counts: caseCounts(db, row.id) };
}

/** cases:create — a new case. */
export function casesCreate(vault: Vault, req: ReqParsed<'cases:create'>): Res<'cases:create'> {
  return createCase(vault, req);
}

/** cases:update — changes to a case. */
export function casesUpdate(vault: Vault, req: ReqParsed<'cases:update'>): Res<'cases:update'> {
  return updateCase(vault, req.id, definedOnly(req.changes));
}

/**
 * cases:overview — the case, its events and the per-detainee analysis of `vigil timeline` (as of today), detainees
 * by code.
 */
export function casesOverview(db: ReadDb, req: ReqParsed<'cases:overview'>): Overview {
  const head = casesGet(db, req);
  const timeline = caseTimeline(db, head.id);
  return {
    case: head,
    asOf: timeline.asOf,
    events: timeline.events.map(overviewEvent),
    detainees: timeline.detainees.map((d) => {
      const { id: personId, code, name, consent } = personEntry(getPerson(db, d.person.id), head.id);
      return { person: { id: personId, code, name, consent }, incommunicado: d.incommunicado, requests: d.requests };
    }),
  };
}

/** cases:provenance — the packages the case was imported from. */
export function casesProvenance(db: ReadDb, req: ReqParsed<'cases:provenance'>): Res<'cases:provenance'> {
  return caseProvenance(db, getCase(db, req.id).id);
}
