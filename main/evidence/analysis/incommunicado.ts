/**
 * Incommunicado periods of one detainee, derived from their contact events.
 *
 * Rules (issue 3, kept here so every number can be explained):
 * - A period starts at a `contact_lost` event and ends at the next
 *   `contact_restored` event; it is open while there is none.
 * - Events are taken in order of the earliest day their date can mean. Among
 *   events on the same day, the one that changes the state goes first: while
 *   a period is open a `contact_restored`, otherwise a `contact_lost`. So a
 *   same-day pair reads as a change that was reversed that day and both
 *   events count; any other order would silently drop one of them. Remaining
 *   ties (same day, same type) go by createdAt, then id: the answer depends on
 *   the records alone, never on the order they were handed in.
 * - Only one period is open at a time: a second `contact_lost` inside an open
 *   period, or a `contact_restored` with none open, changes nothing and is
 *   named in a note.
 * - `days` counts from the earliest day of each bound. Events are ordered by
 *   that same day, so `days` is never negative, and it always lies between
 *   `minDays` and `maxDays`, the shortest and longest lengths the dates allow.
 * - Events after `asOf` are left out (with a note); an open period runs to `asOf`.
 */
import type { EventType } from '../../../shared/domain';
import { VigilError } from '../../../shared/errors';
import { dayToIso, earliestDay, fullDay, isDayPrecise, latestDay } from './dates';

/** A timeline event as the analysis needs it. */
export interface ContactEvent {
  id: string;
  type: EventType;
  date: string;
  dateApprox: boolean;
  createdAt: string;
}

/** One period without contact, with the events that produced it and a sentence saying so. */
export interface IncommunicadoPeriod {
  start: string;
  end: string | null;
  days: number;
  open: boolean;
  minDays: number;
  maxDays: number;
  approximate: boolean;
  startEventId: string;
  endEventId: string | null;
  explanation: string;
}

/** Every period of one detainee, the totals, whether contact is lost now, and notes on events that changed nothing. */
export interface IncommunicadoSummary {
  periods: IncommunicadoPeriod[];
  totalDays: number;
  longestDays: number;
  current: boolean;
  notes: string[];
}

interface Dated {
  event: ContactEvent;
  day: number;
}

const CONTACT_TYPES: ReadonlySet<EventType> = new Set<EventType>(['contact_lost', 'contact_restored']);
const FINAL_TYPES: ReadonlySet<EventType> = new Set<EventType>(['release', 'death']);

/** The incommunicado periods of one detainee as of a day ('YYYY-MM-DD'), reproducible from the events alone. */
export function incommunicado(events: ContactEvent[], asOf: string): IncommunicadoSummary {
  const asOfDay = fullDay(asOf, 'as-of date');
  const notes: string[] = [];
  const dated: Dated[] = [];
  for (const event of events) {
    if (!CONTACT_TYPES.has(event.type) && !FINAL_TYPES.has(event.type)) continue;
    const day = earliestDay(event.date);
    if (day > asOfDay) {
      if (CONTACT_TYPES.has(event.type))
        notes.push(`Event ${event.id} (${event.type}, ${event.date}) is after ${asOf} and was left out.`);
      continue;
    }
    dated.push({ event, day });
  }
  dated.sort(compareDated);
  const periods = walk(dated, asOf, asOfDay, notes);
  assertNoOverlap(periods);
  const open = periods.some((p) => p.open);
  return {
    periods,
    totalDays: periods.reduce((sum, p) => sum + p.days, 0),
    longestDays: periods.reduce((max, p) => Math.max(max, p.days), 0),
    current: open,
    notes,
  };
}

function compareDated(a: Dated, b: Dated): number {
  if (a.day !== b.day) return a.day - b.day;
  if (a.event.createdAt !== b.event.createdAt) return a.event.createdAt < b.event.createdAt ? -1 : 1;
  return a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;
}

/** Runs the state machine over sorted events, one day at a time. */
function walk(dated: Dated[], asOf: string, asOfDay: number, notes: string[]): IncommunicadoPeriod[] {
  const periods: IncommunicadoPeriod[] = [];
  let open: ContactEvent | null = null;
  for (let i = 0; i < dated.length;) {
    const day = dated[i]?.day;
    const lost: ContactEvent[] = [];
    const restored: ContactEvent[] = [];
    const final: ContactEvent[] = [];
    for (; i < dated.length && dated[i]?.day === day; i++) {
      const event = (dated[i] as Dated).event;
      (event.type === 'contact_lost' ? lost : event.type === 'contact_restored' ? restored : final).push(event);
    }
    if (lost.length > 0 && restored.length > 0) {
      notes.push(
        `Contact lost and restored on the same day (${describeIds(lost)} and ${describeIds(restored)}): read ` +
          `as a change reversed that day.`,
      );
    }
    let li = 0;
    let ri = 0;
    while (li < lost.length || ri < restored.length) {
      if (open) {
        const r = restored[ri];
        if (r) {
          periods.push(makePeriod(open, r, asOf, asOfDay));
          open = null;
          ri++;
          continue;
        }
        for (const l of lost.slice(li))
          notes.push(
            `Event ${l.id} (contact_lost, ${l.date}) falls inside the period already open since event ` +
              `${open.id} and does not start a new one.`,
          );
        li = lost.length;
      } else {
        const l = lost[li];
        if (l) {
          open = l;
          li++;
          continue;
        }
        for (const r of restored.slice(ri))
          notes.push(`Event ${r.id} (contact_restored, ${r.date}) has no open period to end and was ignored.`);
        ri = restored.length;
      }
    }
    if (open) {
      const start = open;
      for (const f of final)
        notes.push(
          `Event ${f.id} (${f.type}, ${f.date}) falls inside the open period started by event ${start.id}; a ` +
            `period ends only at a contact_restored event, so record one if contact resumed.`,
        );
    }
  }
  if (open) periods.push(makePeriod(open, null, asOf, asOfDay));
  return periods;
}

function describeIds(events: ContactEvent[]): string {
  return events.map((e) => e.id).join(', ');
}

function isImprecise(event: ContactEvent): boolean {
  return event.dateApprox || !isDayPrecise(event.date);
}

/** One period from its bounds; an open period (end null) runs to asOf. */
function makePeriod(start: ContactEvent, end: ContactEvent | null, asOf: string, asOfDay: number): IncommunicadoPeriod {
  const startFirst = earliestDay(start.date);
  const startLast = latestDay(start.date);
  const endFirst = end ? earliestDay(end.date) : asOfDay;
  // An imprecise end may reach past asOf; nothing after asOf is known yet.
  const endLast = end ? Math.min(latestDay(end.date), asOfDay) : asOfDay;
  const days = endFirst - startFirst;
  const minDays = Math.max(0, endFirst - startLast);
  const maxDays = endLast - startFirst;
  const approximate = isImprecise(start) || (end !== null && isImprecise(end));
  const lostPart = `Contact lost ${when(start)} (event ${start.id})`;
  const endPart = end
    ? `and restored ${when(end)} (event ${end.id}): ${plural(days)}`
    : `and not restored as of ${asOf}: ${plural(days)} so far`;
  const range = approximate
    ? `, counted from ${dayToIso(startFirst)} to ${dayToIso(endFirst)}; the dates allow ${minDays} to ` +
      `${plural(maxDays)}`
    : '';
  return {
    start: start.date,
    end: end ? end.date : null,
    days,
    open: end === null,
    minDays,
    maxDays,
    approximate,
    startEventId: start.id,
    endEventId: end ? end.id : null,
    explanation: `${lostPart} ${endPart}${range}.`,
  };
}

function when(event: ContactEvent): string {
  if (event.dateApprox) return `around ${event.date}`;
  return isDayPrecise(event.date) ? `on ${event.date}` : `in ${event.date}`;
}

function plural(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

/** Periods are built one after another, so none may begin before the previous one ended; anything else is a bug. */
export function assertNoOverlap(periods: IncommunicadoPeriod[]): void {
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const p of periods) {
    const startDay = earliestDay(p.start);
    if (startDay < previousEnd) {
      throw new VigilError(
        'INTERNAL',
        `Incommunicado periods overlap at event ${p.startEventId}; this is a bug in the analysis.`,
      );
    }
    previousEnd = startDay + p.days;
  }
}
