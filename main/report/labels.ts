/**
 * The words of the case report in each interface language. The core has no
 * i18next: a report is a document made once, and the compiler checks here that
 * every language has every word (ReportLabels).
 */
import { REPORT_LANGUAGES } from '../../shared/areas/reports.contract';
import type { CaseStatus, EventType, ItemKind, PersonRole, ResponseKind } from '../../shared/domain';
import { enLabels } from './labels-en';
import { ruLabels } from './labels-ru';
import { ukLabels } from './labels-uk';

export { REPORT_LANGUAGES };
/** One of REPORT_LANGUAGES: the languages of the interface. */
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** Every word and sentence of a report. */
export interface ReportLabels {
  docTitle: string;
  reference: string;
  noReference: string;
  caseTitle: string;
  status: string;
  statuses: Record<CaseStatus, string>;
  summary: string;
  asOf: string;
  made: string;
  profile: string;
  profiles: { protected: string; full: string };
  checkpoint: string;
  checkpointLine: (size: number, madeAt: string) => string;
  root: string;
  rootBase64: string;
  signerKey: string;
  fingerprint: string;
  people: string;
  code: string;
  roles: string;
  name: string;
  nameHidden: string;
  roleNames: Record<PersonRole, string>;
  chronology: string;
  noEvents: string;
  date: string;
  person: string;
  event: string;
  place: string;
  description: string;
  exhibitsShort: string;
  eventTypes: Record<EventType, string>;
  until: string;
  detainee: (code: string) => string;
  contactLostNow: (since: string, days: number, asOf: string) => string;
  contactNotLost: (asOf: string) => string;
  totals: (total: number, periods: number, longest: number) => string;
  noPeriods: string;
  chartTitle: string;
  chartLegend: string;
  chartAsOf: string;
  bandDays: (days: number) => string;
  periods: string;
  from: string;
  to: string;
  days: string;
  ongoing: string;
  daysApprox: (days: number, min: number, max: number) => string;
  requestStats: string;
  sent: string;
  answered: string;
  unansweredNow: string;
  medianDays: string;
  none: string;
  analysisNotes: string;
  register: string;
  noRequests: string;
  about: string;
  by: string;
  recipient: string;
  channel: string;
  answer: string;
  answeredOn: string;
  responseKinds: Record<ResponseKind, string>;
  noAnswer: string;
  waiting: (days: number) => string;
  exhibits: string;
  exhibitsIntro: string;
  noExhibits: string;
  number: string;
  kind: string;
  source: string;
  title: string;
  itemKinds: Record<ItemKind, string>;
  custody: string;
  custodyIntro: (size: number) => string;
  checkpointNote: string;
  verifyTitle: string;
  stepFile: (file: string) => string;
  stepCheckpoint: string;
  stepLog: (size: number) => string;
  stepExhibit: string;
  page: (n: number, total: number) => string;
}

const LABELS: Record<ReportLanguage, ReportLabels> = { en: enLabels, uk: ukLabels, ru: ruLabels };

/** The words of a report in `lang`. */
export function reportLabels(lang: ReportLanguage): ReportLabels {
  return LABELS[lang];
}
