/** Where the app's own page lives: the custom scheme that serves the built renderer. */

/** The privileged scheme that serves out/renderer. */
export const APP_SCHEME = 'vigil-app';

/** The only host of APP_SCHEME; any other host is refused. */
export const APP_HOST = 'app';

/** The origin of the app's page. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page the main window loads in production. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The scheme that will stream decrypted audio and video (later work). It is named
 * here so the CSP (media-src) and the request filter agree on it from the start.
 */
export const MEDIA_SCHEME = 'vigil-media';
