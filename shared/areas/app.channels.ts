/** Request channels of the app area: version, file dialogs, clipboard (names only, no zod). */

/** Request channels of this area. */
export const APP_CHANNELS = ['app:info', 'dialog:open-files', 'dialog:choose-folder', 'dialog:save-file', 'clipboard:write-secret'] as const;

/** Events of this area: `app:menu` carries a native menu choice the page acts on. */
export const APP_EVENTS = ['app:menu'] as const;
