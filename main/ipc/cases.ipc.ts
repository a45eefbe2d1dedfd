/** Handlers of the cases area: each maps one channel to one core call. */
import type { CASES_CHANNELS } from '../../shared/areas/cases.channels';
import type { Res } from '../../shared/contract';
import { caseCounts, createCase, getCase, listCases, updateCase } from '../evidence/cases';
import { getPerson } from '../evidence/people';
import { caseTimeline, type TimelineEvent } from '../evidence/timeline';
import { definedOnly } from '../evidence/validate';
import { caseProvenance } from '../packages/import';
import type { ReadDb } from '../vault/database';
import type { Handler } from './dispatch';
import { personEntry } from './people.ipc';
import type { AppServices } from './services';

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

/** The case, its events and the per-detainee analysis of `vigil timeline` (as of today), detainees by code. */
function caseOverview(db: ReadDb, id: string): Overview {
  const row = getCase(db, id);
  const timeline = caseTimeline(db, row.id);
  return {
    case: { ...row, counts: caseCounts(db, row.id) },
    asOf: timeline.asOf,
    events: timeline.events.map(overviewEvent),
    detainees: timeline.detainees.map((d) => {
      const { id: personId, code, name, consent } = personEntry(getPerson(db, d.person.id), row.id);
      return { person: { id: personId, code, name, consent }, incommunicado: d.incommunicado, requests: d.requests };
    }),
  };
}

/** The cases area's handlers. */
export function casesHandlers(s: AppServices): { [C in (typeof CASES_CHANNELS)[number]]: Handler<C> } {
  return {
    'cases:list': async (req) => listCases(s.session.requireVault().db, definedOnly(req)),
    'cases:get': async (req) => {
      const db = s.session.requireVault().db;
      const row = getCase(db, req.id);
      return { ...row, counts: caseCounts(db, row.id) };
    },
    'cases:create': async (req) => createCase(s.session.requireVault(), req),
    'cases:update': async (req) => updateCase(s.session.requireVault(), req.id, definedOnly(req.changes)),
    'cases:overview': async (req) => caseOverview(s.session.requireVault().db, req.id),
    'cases:provenance': async (req) => {
      const db = s.session.requireVault().db;
      return caseProvenance(db, getCase(db, req.id).id);
    },
  };
}
