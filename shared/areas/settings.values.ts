/** Plain values of the settings area, with no zod, so the renderer can import them without the schema library. */

/** The interface languages. */
export const SETTINGS_LANGUAGES = ['en', 'uk', 'ru'] as const;

/** Auto-lock bounds in minutes: it can be made long (a working day's stretch) but never switched off. */
export const AUTO_LOCK_MIN_MINUTES = 1;
/** Eight hours. */
export const AUTO_LOCK_MAX_MINUTES = 480;
/** The auto-lock time of a fresh install. */
export const AUTO_LOCK_DEFAULT_MINUTES = 10;
