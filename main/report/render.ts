/** Draws a case report's data as a PDF, in the report's language. */
import { reportFonts } from './fonts';
import { reportLabels } from './labels';
import { ReportPdf } from './pdf-doc';
import type { ReportData } from './report-data';
import { drawChronology, drawCover, drawDetainees } from './sections-case';
import { drawCustody, drawExhibits, drawRegister } from './sections-records';

/** The PDF of a report; `fileName` is the name the verification steps give the file. */
export async function renderReportPdf(data: ReportData, fileName: string): Promise<Buffer> {
  const l = reportLabels(data.lang);
  const reference = data.case.reference ?? l.noReference;
  const pdf = new ReportPdf(reportFonts(), {
    title: `${l.docTitle} ${reference}`,
    subject: data.case.title,
    lang: data.lang,
    created: new Date(data.madeAt),
  });
  drawCover(pdf, data, l);
  drawChronology(pdf, data, l);
  drawDetainees(pdf, data, l);
  drawRegister(pdf, data, l);
  drawExhibits(pdf, data, l);
  drawCustody(pdf, data, l, fileName);
  const root = data.checkpoint.rootHex.slice(0, 16);
  return pdf.finish((n, total) => `${reference} · ${l.page(n, total)} · checkpoint ${data.checkpoint.size} / ${root}…`);
}
