/** Request channels of the app area: version, file dialogs, clipboard (names only, no zod). */

/** Request channels of this area. */
export const APP_CHANNELS = [
  'app:info',
  'dialog:open-files',
  'dialog:choose-folder',
  'dialog:save-file',
  'clipboard:write-secret',
] as const;

/**
 * Channels only the preload calls, never exposed on window.vigil: the preload
 * turns files dropped on the window into grants (it alone can read their paths).
 */
export const PRELOAD_CHANNELS = ['dialog:dropped-files'] as const;

/** Events of this area: `app:menu` carries a native menu choice the page acts on. */
export const APP_EVENTS = ['app:menu'] as const;
