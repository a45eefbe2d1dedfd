/**
 * The words of the case report in each interface language. The core has no
 * i18next: a report is a document made once, and the compiler checks here that
 * every language has every word (ReportLabels).
 */
import { REPORT_LANGUAGES } from '../../shared/areas/reports.contract';
import type { ReportLabels } from './label-set';
import { enLabels } from './labels-en';
import { ruLabels } from './labels-ru';
import { ukLabels } from './labels-uk';

export { REPORT_LANGUAGES };
/** One of REPORT_LANGUAGES: the languages of the interface. */
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

const LABELS: Record<ReportLanguage, ReportLabels> = { en: enLabels, uk: ukLabels, ru: ruLabels };

/** The words of a report in `lang`. */
export function reportLabels(lang: ReportLanguage): ReportLabels {
  return LABELS[lang];
}
