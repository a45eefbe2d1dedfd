/**
 * The only module that touches window.vigil (installed by the preload, or by
 * the E2E harness in a plain browser page). Everything else imports from here.
 */
import type { Res, Result, VigilApi } from '../../shared/contract';

declare global {
  interface Window {
    vigil: VigilApi;
  }
}

/** window.vigil, or a clear failure when the page runs without the Vigil core behind it. */
export function vigil(): VigilApi {
  if (typeof window.vigil !== 'object' || window.vigil === null) {
    throw new Error('window.vigil is missing: this page must be opened by the Vigil app, not directly in a browser.');
  }
  return window.vigil;
}

/** The application's name and version. */
export function appInfo(): Promise<Result<Res<'app:info'>>> {
  return vigil().appInfo({});
}
