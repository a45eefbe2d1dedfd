/** Switching the interface language at once: i18next, and the document's lang and direction for the layout. */
import i18next from 'i18next';
import { directionOf, LANGUAGES, type LanguageCode } from '../../i18n';

/** The language to use: the saved one, else the system's when Vigil speaks it, else English. */
export function startLanguage(saved: LanguageCode | null, system: string): LanguageCode {
  if (saved !== null) return saved;
  const code = system.slice(0, 2).toLowerCase();
  return LANGUAGES.find((l) => l.code === code)?.code ?? 'en';
}

/** Changes the interface language now. */
export async function applyLanguage(code: LanguageCode): Promise<void> {
  await i18next.changeLanguage(code);
  document.documentElement.lang = code;
  document.documentElement.dir = directionOf(code);
}
