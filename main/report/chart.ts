/**
 * The incommunicado chart as vector graphics: the very layout the case
 * overview draws (shared/chart-layout.ts), measured with the report's font —
 * the periods without contact as shaded bands over a time axis, the detainee's
 * events as marks with their labels, and the report's day.
 */
import { layoutChart, type ChartLayout } from '../../shared/chart-layout';
import type { IncommunicadoPeriod } from '../evidence/analysis/incommunicado';
import type { ReportLabels } from './label-set';
import { COLORS, type ReportPdf } from './pdf-doc';
import type { ReportEvent } from './report-data';

const LABEL_SIZE = 7;
const TICK_SIZE = 6.5;

/** pdfkit places text by its top; the layout gives SVG baselines. */
function top(baseline: number, size: number): number {
  return baseline - size * 0.8;
}

function drawBands(pdf: ReportPdf, layout: ChartLayout, ox: number, oy: number, labels: ReportLabels): void {
  const doc = pdf.doc;
  for (const b of layout.bands) {
    doc.save();
    doc.rect(ox + b.x, oy + 12, b.width, layout.axisY - 12);
    doc
      .fillOpacity(b.open ? 0.24 : 0.14)
      .strokeOpacity(0.5)
      .lineWidth(0.7);
    if (b.open) doc.dash(3, { space: 2 });
    doc.fillAndStroke(COLORS.red, COLORS.red);
    doc.restore();
    const text = labels.bandDays(b.days);
    doc.font('bold').fontSize(LABEL_SIZE);
    if (doc.widthOfString(text) + 4 < b.width) {
      doc
        .fillColor(COLORS.text)
        .text(text, ox + b.x, oy + top(24, LABEL_SIZE), { width: b.width, align: 'center', lineBreak: false });
    }
    doc.font('regular');
  }
}

function drawAxis(pdf: ReportPdf, layout: ChartLayout, ox: number, oy: number, labels: ReportLabels): void {
  const doc = pdf.doc;
  const axis = oy + layout.axisY;
  doc
    .lineWidth(1)
    .strokeColor(COLORS.muted)
    .moveTo(ox, axis)
    .lineTo(ox + layout.width, axis)
    .stroke();
  doc.fontSize(TICK_SIZE).fillColor(COLORS.muted);
  for (const tick of layout.ticks) {
    doc
      .moveTo(ox + tick.x, axis)
      .lineTo(ox + tick.x, axis + 4)
      .stroke();
    const w = doc.widthOfString(tick.label);
    doc.text(tick.label, ox + tick.x - w / 2, axis + 6, { lineBreak: false });
  }
  doc.save().dash(1.5, { space: 2 }).strokeColor(COLORS.text).lineWidth(0.7);
  doc
    .moveTo(ox + layout.todayX, oy + 12)
    .lineTo(ox + layout.todayX, axis + 16)
    .stroke();
  doc.restore();
  const w = doc.widthOfString(labels.chartAsOf);
  const x = Math.min(Math.max(ox, ox + layout.todayX - w / 2), ox + layout.width - w);
  doc.fillColor(COLORS.text).text(labels.chartAsOf, x, axis + 17, { lineBreak: false });
}

function drawMarks(
  pdf: ReportPdf,
  layout: ChartLayout,
  ox: number,
  oy: number,
  events: Map<string, ReportEvent>,
): void {
  const doc = pdf.doc;
  const axis = oy + layout.axisY;
  const labelY = (row: number): number => layout.axisY - 20 - row * layout.rowHeight;
  doc.fontSize(LABEL_SIZE);
  for (const m of layout.marks) {
    const type = events.get(m.id)?.type;
    const contact = type === 'contact_lost' || type === 'contact_restored';
    if (m.row !== null) {
      doc
        .lineWidth(0.4)
        .strokeColor(COLORS.rule)
        .moveTo(ox + m.x, axis)
        .lineTo(ox + m.labelX, oy + labelY(m.row) + 3)
        .stroke();
      const w = doc.widthOfString(m.label);
      doc
        .fillColor(COLORS.text)
        .text(m.label, ox + m.labelX - w / 2, oy + top(labelY(m.row), LABEL_SIZE), { lineBreak: false });
    }
    doc.lineWidth(1.4).circle(ox + m.x, axis, 3);
    if (contact) doc.fillAndStroke(COLORS.red, COLORS.red);
    else doc.fillAndStroke('#ffffff', COLORS.teal);
  }
}

/** Draws the chart of one detainee's events and periods as of `asOf`, full width, at the current position. */
export function drawIncommunicadoChart(
  pdf: ReportPdf,
  events: ReportEvent[],
  periods: IncommunicadoPeriod[],
  asOf: string,
  labels: ReportLabels,
): void {
  const doc = pdf.doc;
  doc.font('regular').fontSize(LABEL_SIZE);
  const layout = layoutChart(
    events.map((e) => ({ id: e.id, date: e.date, label: labels.eventTypes[e.type] })),
    periods,
    asOf,
    { width: pdf.width, labelWidth: (label) => doc.widthOfString(label) },
  );
  pdf.ensure(layout.height + 8);
  const ox = pdf.left;
  const oy = doc.y;
  drawBands(pdf, layout, ox, oy, labels);
  drawAxis(pdf, layout, ox, oy, labels);
  drawMarks(pdf, layout, ox, oy, new Map(events.map((e) => [e.id, e])));
  doc.fillColor(COLORS.text).strokeColor(COLORS.text).lineWidth(1);
  doc.x = ox;
  doc.y = oy + layout.height;
}
