import type { Command } from 'commander';
import type { EventType, PlaceType, ResponseKind } from '../../../shared/domain';
import type { IncommunicadoSummary } from '../../evidence/analysis/incommunicado';
import type { RequestStats } from '../../evidence/analysis/requests';
import { addEvent, eventTypeWords } from '../../evidence/events';
import { getItem } from '../../evidence/items';
import { addRequest, answerRequest, listRequests, resolveRequestId, type RequestRow } from '../../evidence/requests';
import { resolveCaseId, resolvePersonId } from '../../evidence/resolve';
import { caseTimeline, type Timeline, type TimelineEvent, type TimelinePerson } from '../../evidence/timeline';
import { collect, vaultOptions } from '../options';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';

type JsonOpts = SecretOptions & { json?: boolean };

interface EventAddOpts extends JsonOpts {
  case: string;
  person: string;
  type: string;
  date: string;
  end?: string;
  approx?: boolean;
  facility?: string;
  facilityType?: string;
  region?: string;
  note?: string;
  item?: string[];
}

interface RequestAddOpts extends JsonOpts {
  case: string;
  person: string;
  date: string;
  to: string;
  by?: string;
  channel?: string;
  about?: string;
}

/** `vigil event add`, `vigil request add|answer|list` and `vigil timeline`. */
export function registerTimelineCommands(program: Command): void {
  registerEvent(program);
  registerRequest(program);
  vaultOptions(
    program
      .command('timeline <dir> <case>')
      .description('the events of a case in order, incommunicado periods and request statistics per detainee'),
  )
    .option(
      '--as-of <date>',
      'count open periods up to this day (YYYY-MM-DD) instead of today, for reproducible figures',
    )
    .option('--reveal-names', 'show real names instead of protective codes')
    .action(async (dir: string, ref: string, opts: JsonOpts & { asOf?: string; revealNames?: boolean }) => {
      const timeline = await withVault(dir, opts, (vault) =>
        caseTimeline(vault.db, resolveCaseId(vault.db, ref), {
          ...(opts.asOf ? { asOf: opts.asOf } : {}),
          revealNames: Boolean(opts.revealNames),
        }),
      );
      if (opts.json) return outJson(timeline);
      printTimeline(timeline);
    });
}

function registerEvent(program: Command): void {
  const events = program.command('event').description('the detention timeline: record events');
  vaultOptions(events.command('add <dir>').description('record an event of the detention timeline'))
    .requiredOption('--case <case>', 'the case (id or reference)')
    .requiredOption('--person <person>', 'the person it happened to (id or code)')
    .requiredOption(
      '--type <type>',
      'arrest, detention, transfer, visit_denied, letter_withheld, contact_lost, contact_restored, ' +
        'disciplinary_cell, hearing, release, death or other',
    )
    .requiredOption('--date <date>', 'YYYY, YYYY-MM or YYYY-MM-DD (the precision is kept)')
    .option('--end <date>', 'when it ended, for events that last')
    .option('--approx', 'the date is approximate')
    .option('--facility <name>', 'the facility (created if new)')
    .option(
      '--facility-type <type>',
      'for a new facility: penal_colony, prison, pretrial_detention, police_station, court, hospital or other',
    )
    .option('--region <region>', 'for a new facility: its region')
    .option('--note <text>', 'what happened')
    .option('--item <id>', 'a supporting item, by id or a unique prefix of 8 or more characters (repeatable)', collect)
    .action(async (dir: string, opts: EventAddOpts) => {
      const ev = await withVault(dir, opts, (vault) => {
        const caseId = resolveCaseId(vault.db, opts.case);
        return addEvent(vault, {
          caseId,
          personId: resolvePersonId(vault.db, opts.person),
          type: opts.type as EventType,
          date: opts.date,
          dateApprox: Boolean(opts.approx),
          ...(opts.end ? { endDate: opts.end } : {}),
          ...(opts.facility ? { placeName: opts.facility } : {}),
          ...(opts.facilityType ? { placeType: opts.facilityType as PlaceType } : {}),
          ...(opts.region !== undefined ? { placeRegion: opts.region } : {}),
          ...(opts.note ? { description: opts.note } : {}),
          ...(opts.item ? { itemIds: opts.item.map((i) => getItem(vault.db, i).id) } : {}),
        });
      });
      if (opts.json) return outJson(ev);
      out(`Recorded event ${ev.id}: ${eventLine(ev)}`);
    });
}

function registerRequest(program: Command): void {
  const requests = program
    .command('request')
    .description('the request register: requests to the authorities and their answers');
  vaultOptions(requests.command('add <dir>').description('record a request sent by family or lawyers'))
    .requiredOption('--case <case>', 'the case (id or reference)')
    .requiredOption('--person <person>', 'the detainee the request is about (id or code)')
    .requiredOption('--date <date>', 'when it was sent: YYYY, YYYY-MM or YYYY-MM-DD')
    .requiredOption('--to <recipient>', 'to whom it was sent')
    .option('--by <person>', 'who sent it (id or code of a relative or lawyer)')
    .option('--channel <channel>', 'how it was sent, e.g. post, email, in person')
    .option('--about <text>', 'what was asked')
    .action(async (dir: string, opts: RequestAddOpts) => {
      const row = await withVault(dir, opts, (vault) =>
        addRequest(vault, {
          caseId: resolveCaseId(vault.db, opts.case),
          personId: resolvePersonId(vault.db, opts.person),
          ...(opts.by ? { requesterId: resolvePersonId(vault.db, opts.by) } : {}),
          date: opts.date,
          recipient: opts.to,
          ...(opts.channel ? { channel: opts.channel } : {}),
          ...(opts.about ? { about: opts.about } : {}),
        }),
      );
      if (opts.json) return outJson(row);
      out(`Recorded request ${row.id}: ${requestLine(row)}`);
    });

  vaultOptions(requests.command('answer <dir> <request>').description('record the answer to a request'))
    .requiredOption('--date <date>', 'when the answer came (or when none was concluded)')
    .requiredOption('--response <kind>', 'none, token, denial or substantive')
    .option('--note <text>', 'what the answer said')
    .action(async (dir: string, ref: string, opts: JsonOpts & { date: string; response: string; note?: string }) => {
      const row = await withVault(dir, opts, (vault) =>
        answerRequest(vault, resolveRequestId(vault.db, ref), {
          date: opts.date,
          response: opts.response as ResponseKind,
          ...(opts.note ? { note: opts.note } : {}),
        }),
      );
      if (opts.json) return outJson(row);
      out(`Recorded the answer to request ${row.id}: ${requestLine(row)}`);
    });

  vaultOptions(requests.command('list <dir>').description('the requests of a case in date order'))
    .requiredOption('--case <case>', 'the case (id or reference)')
    .option('--person <person>', 'only requests about this detainee (id or code)')
    .action(async (dir: string, opts: JsonOpts & { case: string; person?: string }) => {
      const rows = await withVault(dir, opts, (vault) => {
        const caseId = resolveCaseId(vault.db, opts.case);
        return listRequests(vault.db, caseId, opts.person ? resolvePersonId(vault.db, opts.person) : undefined);
      });
      if (opts.json) return outJson(rows);
      if (rows.length === 0)
        return out(
          'No requests recorded for this case. Add one with: vigil request add <vault> --case C --person P ' +
            '--date D --to RECIPIENT',
        );
      for (const r of rows) out(`${r.id}  ${requestLine(r)}`);
    });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function personLabel(p: TimelinePerson): string {
  return p.name === undefined ? p.code : `${p.name} (${p.code})`;
}

function eventLine(ev: TimelineEvent): string {
  const date = `${ev.dateApprox ? '~' : ''}${ev.date}${ev.endDate ? ` to ${ev.endDate}` : ''}`;
  const place = ev.place ? ` at ${ev.place.name}${ev.place.region ? ` (${ev.place.region})` : ''}` : '';
  const items = ev.itemIds.length > 0 ? `  [${ev.itemIds.length} item${ev.itemIds.length === 1 ? '' : 's'}]` : '';
  const note = ev.description ? ` — ${oneLine(ev.description)}` : '';
  return `${date.padEnd(12)} ${personLabel(ev.person).padEnd(8)} ${eventTypeWords(ev.type)}${place}${note}${items}`;
}

function requestLine(r: RequestRow): string {
  const by = r.requesterCode ? ` by ${r.requesterCode}` : '';
  const answer = r.response === null ? 'no answer recorded' : `${r.response} on ${r.responseDate ?? '?'}`;
  return (
    `${r.date.padEnd(10)} about ${r.personCode}${by} to ` +
    `${oneLine(r.recipient)}${r.channel ? ` (${r.channel})` : ''}: ${answer}`
  );
}

function printTimeline(t: Timeline): void {
  out(`Timeline of case ${t.caseId} as of ${t.asOf}: ${t.events.length} event${t.events.length === 1 ? '' : 's'}`);
  for (const ev of t.events) out(`  ${eventLine(ev)}`);
  if (t.detainees.length === 0)
    out('\nNo detainee in this case: the analysis is made per person with the role "detainee".');
  for (const d of t.detainees) {
    out(`\nDetainee ${personLabel(d.person)}`);
    printIncommunicado(d.incommunicado);
    printRequestStats(d.requests);
  }
}

function printIncommunicado(s: IncommunicadoSummary): void {
  if (s.periods.length === 0) out('  No period without contact recorded.');
  for (const p of s.periods) out(`  ${p.open ? 'OPEN ' : ''}${p.explanation}`);
  if (s.periods.length > 0) {
    out(
      `  Without contact: ${s.totalDays} days in all, longest ${s.longestDays} days; contact lost now: ` +
        `${s.current ? 'yes' : 'no'}`,
    );
  }
  for (const note of s.notes) out(`  note: ${note}`);
}

function printRequestStats(r: RequestStats): void {
  const median = r.medianResponseDays === null ? 'no answers yet' : `median ${r.medianResponseDays} days to an answer`;
  const kinds = Object.entries(r.byResponse)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  out(`  Requests: ${r.sent} sent, ${r.answered} answered, ${r.unanswered} unanswered; ${median} (${kinds})`);
}
