/** The report's first sections: the cover, the people, the chronology and the analysis per detainee. */
import type { IncommunicadoSummary } from '../evidence/analysis/incommunicado';
import type { RequestStats } from '../evidence/analysis/requests';
import { drawIncommunicadoChart } from './chart';
import type { ReportLabels } from './label-set';
import { COLORS, type ReportPdf } from './pdf-doc';
import type { ReportData, ReportDetainee, ReportEvent, ReportPerson } from './report-data';

/** How a person is named in the report: the name with the code when the profile allows it, else the code. */
function personLabel(p: ReportPerson): string {
  return p.name === null ? p.code : `${p.name} (${p.code})`;
}

/** An exhibit's number as printed: 001. */
export function exhibitNumber(n: number): string {
  return String(n).padStart(3, '0');
}

function dateText(date: string, approx: boolean, endDate: string | null, l: ReportLabels): string {
  return `${approx ? '~' : ''}${date}${endDate ? ` ${l.until} ${endDate}` : ''}`;
}

/** The cover: reference, title, the report's day, profile and checkpoint, the summary and the people. */
export function drawCover(pdf: ReportPdf, data: ReportData, l: ReportLabels): void {
  const doc = pdf.doc;
  doc
    .font('bold')
    .fontSize(11)
    .fillColor(COLORS.muted)
    .text(l.docTitle.toUpperCase(), pdf.left, doc.y, { width: pdf.width, characterSpacing: 1 });
  doc.moveDown(0.4);
  doc
    .font('bold')
    .fontSize(22)
    .fillColor(COLORS.text)
    .text(data.case.reference ?? l.noReference, { width: pdf.width });
  doc.moveDown(0.2);
  doc.font('regular').fontSize(14).text(data.case.title, { width: pdf.width });
  doc.moveDown(0.8);
  const cp = data.checkpoint;
  pdf.facts([
    [l.status, l.statuses[data.case.status]],
    [l.asOf, data.asOf],
    [l.made, data.madeAt],
    [l.profile, l.profiles[data.profile]],
    [l.checkpoint, l.checkpointLine(cp.size, cp.madeAt)],
    [l.root, cp.rootHex],
    [l.fingerprint, cp.signer.fingerprint],
    ...data.detainees.map((d): [string, string] => [
      l.detainee(personLabel(d.person)),
      contactNow(d.incommunicado, data.asOf, l),
    ]),
  ]);
  if (data.case.summary.trim() !== '') {
    pdf.heading(l.summary, 2);
    pdf.paragraph(data.case.summary);
  }
  pdf.heading(l.people, 2);
  pdf.table(
    [
      { header: l.code, weight: 1 },
      { header: l.roles, weight: 2 },
      { header: l.name, weight: 4 },
    ],
    data.people.map((p) => ({
      cells: [p.code, p.roles.map((r) => l.roleNames[r]).join(', '), p.name ?? l.nameHidden],
    })),
  );
}

/** Every event of the case in order, with the exhibits that support it. */
export function drawChronology(pdf: ReportPdf, data: ReportData, l: ReportLabels): void {
  pdf.tableChapter(
    { title: l.chronology, empty: l.noEvents },
    [
      { header: l.date, weight: 1.3 },
      { header: l.person, weight: 1 },
      { header: l.event, weight: 1.3 },
      { header: l.place, weight: 1.7 },
      { header: l.description, weight: 3.4 },
      { header: l.exhibitsShort, weight: 0.75 },
    ],
    data.events.map((e) => ({
      cells: [
        dateText(e.date, e.dateApprox, e.endDate, l),
        personLabel(e.person),
        l.eventTypes[e.type],
        e.place ?? '',
        e.description,
        e.exhibits.map(exhibitNumber).join(', '),
      ],
    })),
  );
}

/** Whether contact is lost on the report's day, and since when: the overview's headline figure. */
function contactNow(s: IncommunicadoSummary, asOf: string, l: ReportLabels): string {
  const open = s.periods.find((p) => p.open);
  return open ? l.contactLostNow(open.start, open.days, asOf) : l.contactNotLost(asOf);
}

function drawContact(pdf: ReportPdf, s: IncommunicadoSummary, asOf: string, l: ReportLabels): void {
  const open = s.periods.some((p) => p.open);
  pdf.paragraph(contactNow(s, asOf, l), { bold: true, ...(open ? { color: COLORS.red } : {}) });
  pdf.paragraph(s.periods.length === 0 ? l.noPeriods : l.totals(s.totalDays, s.periods.length, s.longestDays));
}

function drawPeriods(pdf: ReportPdf, s: IncommunicadoSummary, l: ReportLabels): void {
  if (s.periods.length === 0) return;
  pdf.heading(l.periods, 2);
  pdf.table(
    [
      { header: l.from, weight: 1 },
      { header: l.to, weight: 1 },
      { header: l.days, weight: 2 },
    ],
    s.periods.map((p) => ({
      cells: [p.start, p.end ?? l.ongoing, p.approximate ? l.daysApprox(p.days, p.minDays, p.maxDays) : String(p.days)],
    })),
  );
}

function drawRequestStats(pdf: ReportPdf, r: RequestStats, l: ReportLabels): void {
  pdf.heading(l.requestStats, 2);
  pdf.facts(
    [
      [l.sent, String(r.sent)],
      [l.answered, String(r.answered)],
      [l.unansweredNow, String(r.unanswered)],
      [l.medianDays, r.medianResponseDays === null ? l.none : String(r.medianResponseDays)],
      [
        l.answer,
        (['token', 'denial', 'substantive', 'none'] as const)
          .map((k) => `${l.responseKinds[k]}: ${r.byResponse[k]}`)
          .join(' · '),
      ],
    ],
    9,
  );
}

function drawDetainee(
  pdf: ReportPdf,
  d: ReportDetainee,
  events: ReportEvent[],
  data: ReportData,
  l: ReportLabels,
): void {
  pdf.doc.addPage();
  pdf.heading(l.detainee(personLabel(d.person)));
  drawContact(pdf, d.incommunicado, data.asOf, l);
  pdf.heading(l.chartTitle, 2);
  drawIncommunicadoChart(pdf, events, d.incommunicado.periods, data.asOf, l);
  pdf.paragraph(l.chartLegend, { size: 7.5, color: COLORS.muted });
  drawPeriods(pdf, d.incommunicado, l);
  drawRequestStats(pdf, d.requests, l);
  if (d.incommunicado.notes.length > 0) {
    pdf.heading(l.analysisNotes, 2);
    for (const note of d.incommunicado.notes) pdf.paragraph(note, { size: 8 });
  }
}

/** One section per detainee: contact now, the chart over their events, the periods and the request statistics. */
export function drawDetainees(pdf: ReportPdf, data: ReportData, l: ReportLabels): void {
  for (const d of data.detainees) {
    drawDetainee(
      pdf,
      d,
      data.events.filter((e) => e.person.id === d.person.id),
      data,
      l,
    );
  }
}
