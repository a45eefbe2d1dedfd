/**
 * The security policy of the process and of the default session: sandbox for
 * every renderer, no permissions, and no network request to anywhere — the app
 * is offline by design; only its own scheme is loaded.
 */
import type { App, Session } from 'electron';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, MEDIA_SCHEME } from './origin';
import { lockNavigation } from './navigation';

/** The page's Content-Security-Policy: sent by the protocol handler and repeated in index.html. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  `img-src 'self' blob: data: ${MEDIA_SCHEME}:`,
  `media-src 'self' ${MEDIA_SCHEME}:`,
  "font-src 'self'",
  // vigil-media: the PDF viewer fetches a document's bytes to draw it with pdf.js.
  `connect-src 'self' ${MEDIA_SCHEME}:`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What the request filter lets through besides the app's own scheme. */
export interface NetworkPolicy {
  /** Allow devtools:// (development only). */
  allowDevTools: boolean;
  /** The renderer dev server origin, e.g. 'http://localhost:5173' (development only). */
  devServerOrigin?: string | undefined;
}

function isOwnOrigin(url: URL, policy: NetworkPolicy): boolean {
  if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST && url.username === '' && url.port === '';
  // Decrypted evidence from the app's own media handler (which checks the page that asks).
  if (url.protocol === `${MEDIA_SCHEME}:`) return url.host === 'media' && url.username === '' && url.port === '';
  if (policy.devServerOrigin === undefined) return false;
  const dev = new URL(policy.devServerOrigin);
  // Vite's hot reload talks over ws:// to the same host and port as the page.
  const sameScheme = url.protocol === dev.protocol || (dev.protocol === 'http:' && url.protocol === 'ws:');
  return sameScheme && url.host === dev.host;
}

/** True when the renderer may load `rawUrl`; every other request is cancelled. */
export function isAllowedRequestUrl(rawUrl: string, policy: NetworkPolicy): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  switch (url.protocol) {
    case 'data:':
      return true; // inline images; no connection is made
    case 'blob:':
      // blob:<origin>/<uuid> made by our own page; never a blob of another origin
      return (
        rawUrl.startsWith(`blob:${APP_ORIGIN}/`) ||
        (policy.devServerOrigin !== undefined && rawUrl.startsWith(`blob:${policy.devServerOrigin}/`))
      );
    case 'devtools:':
      return policy.allowDevTools;
    default:
      return isOwnOrigin(url, policy);
  }
}

/** Applies the permission, request and download policy to a session (the default one). */
export function applySessionPolicy(ses: Session, policy: NetworkPolicy): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, policy) });
  });
  // Chromium fetches spellcheck dictionaries from the internet; the vault must not.
  ses.setSpellCheckerEnabled(false);
  ses.on('will-download', (event) => {
    event.preventDefault();
  });
}

/** Process-wide hardening; must run before the app is ready. */
export function hardenProcess(app: Pick<App, 'enableSandbox' | 'on'>): void {
  app.enableSandbox();
  // Any webContents at all (not only our window) gets the navigation lock.
  app.on('web-contents-created', (_event, contents) => {
    lockNavigation(contents);
  });
}
