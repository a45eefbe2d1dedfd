/**
 * i18next set up with English, Ukrainian and Russian from the start. Each area
 * has its own namespace file (locales/<language>/<area>.json), so screens are
 * translated where they are written; a unit test checks every language has
 * every key English has.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCommon from './locales/en/common.json';
import enUnlock from './locales/en/unlock.json';
import enCases from './locales/en/cases.json';
import enPeople from './locales/en/people.json';
import enItems from './locales/en/items.json';
import enInterviews from './locales/en/interviews.json';
import enTimeline from './locales/en/timeline.json';
import enRequests from './locales/en/requests.json';
import enCustody from './locales/en/custody.json';
import enSearch from './locales/en/search.json';
import enExport from './locales/en/export.json';
import enSettings from './locales/en/settings.json';
import enReceive from './locales/en/receive.json';
import ukCommon from './locales/uk/common.json';
import ukUnlock from './locales/uk/unlock.json';
import ukCases from './locales/uk/cases.json';
import ukPeople from './locales/uk/people.json';
import ukItems from './locales/uk/items.json';
import ukInterviews from './locales/uk/interviews.json';
import ukTimeline from './locales/uk/timeline.json';
import ukRequests from './locales/uk/requests.json';
import ukCustody from './locales/uk/custody.json';
import ukSearch from './locales/uk/search.json';
import ukExport from './locales/uk/export.json';
import ukSettings from './locales/uk/settings.json';
import ukReceive from './locales/uk/receive.json';
import ruCommon from './locales/ru/common.json';
import ruUnlock from './locales/ru/unlock.json';
import ruCases from './locales/ru/cases.json';
import ruPeople from './locales/ru/people.json';
import ruItems from './locales/ru/items.json';
import ruInterviews from './locales/ru/interviews.json';
import ruTimeline from './locales/ru/timeline.json';
import ruRequests from './locales/ru/requests.json';
import ruCustody from './locales/ru/custody.json';
import ruSearch from './locales/ru/search.json';
import ruExport from './locales/ru/export.json';
import ruSettings from './locales/ru/settings.json';
import ruReceive from './locales/ru/receive.json';

/** The languages the interface speaks, with their own names (shown in the language menu). */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'uk', name: 'Українська' },
  { code: 'ru', name: 'Русский' },
] as const;

/** A language code of LANGUAGES. */
export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/** Every namespace (one per area). */
const NAMESPACES = [
  'common',
  'unlock',
  'cases',
  'people',
  'items',
  'interviews',
  'timeline',
  'requests',
  'custody',
  'search',
  'export',
  'settings',
  'receive',
] as const;

/** The bundled translations, by language then namespace. */
const RESOURCES = {
  en: {
    common: enCommon,
    unlock: enUnlock,
    cases: enCases,
    people: enPeople,
    items: enItems,
    interviews: enInterviews,
    timeline: enTimeline,
    requests: enRequests,
    custody: enCustody,
    search: enSearch,
    export: enExport,
    settings: enSettings,
    receive: enReceive,
  },
  uk: {
    common: ukCommon,
    unlock: ukUnlock,
    cases: ukCases,
    people: ukPeople,
    items: ukItems,
    interviews: ukInterviews,
    timeline: ukTimeline,
    requests: ukRequests,
    custody: ukCustody,
    search: ukSearch,
    export: ukExport,
    settings: ukSettings,
    receive: ukReceive,
  },
  ru: {
    common: ruCommon,
    unlock: ruUnlock,
    cases: ruCases,
    people: ruPeople,
    items: ruItems,
    interviews: ruInterviews,
    timeline: ruTimeline,
    requests: ruRequests,
    custody: ruCustody,
    search: ruSearch,
    export: ruExport,
    settings: ruSettings,
    receive: ruReceive,
  },
} as const;

/** Right-to-left languages; none ship yet, but the layout follows i18next's direction. */
export function directionOf(language: string): 'ltr' | 'rtl' {
  return i18next.dir(language) === 'rtl' ? 'rtl' : 'ltr';
}

/** Initialises i18next once; safe to call again. */
export async function initI18n(language: string = 'en'): Promise<typeof i18next> {
  if (!i18next.isInitialized) {
    await i18next.use(initReactI18next).init({
      resources: RESOURCES,
      lng: language,
      fallbackLng: 'en',
      ns: [...NAMESPACES],
      defaultNS: 'common',
      interpolation: { escapeValue: false }, // React escapes already
      returnNull: false,
    });
  }
  return i18next;
}
