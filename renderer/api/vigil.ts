/**
 * The only module that touches window.vigil (installed by the preload, or by
 * the E2E harness in a plain browser page). Everything else imports from here.
 */
import { methodName, type Channel, type EventName } from '../../shared/channels';
import type { EventPayload, GrantedPath, Req, Res, Result, Unsubscribe, VigilApi } from '../../shared/contract';
import type { ErrorCode, ErrorInfo } from '../../shared/errors';

declare global {
  interface Window {
    vigil: VigilApi;
  }
}

/** window.vigil, or a clear failure when the page runs without the Vigil core behind it. */
function vigil(): VigilApi {
  if (typeof window.vigil !== 'object' || window.vigil === null) {
    throw new Error('window.vigil is missing: this page must be opened by the Vigil app, not directly in a browser.');
  }
  return window.vigil;
}

/** Calls channel C; the answer is a Result, never a throw. */
export function call<C extends Channel>(channel: C, req: Req<C>): Promise<Result<Res<C>>> {
  const method = vigil()[methodName(channel)] as unknown as (req: Req<C>) => Promise<Result<Res<C>>>;
  return method(req);
}

/** A failed answer as an Error, for code that prefers throws (queries, mutations). */
export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.code = info.code;
  }
}

/** Calls channel C and returns its value, or throws ApiError with the core's code and message. */
export async function request<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
  const result = await call(channel, req);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** Subscribes to event E; returns the unsubscribe function. */
export function onEvent<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): Unsubscribe {
  return vigil().onEvent(name, cb);
}

/**
 * Read grants for files dropped on the window (the page never sees their paths); files that cannot be added get none.
 */
export async function grantDroppedFiles(files: readonly File[]): Promise<GrantedPath[]> {
  const result = await vigil().grantDroppedFiles(files);
  if (!result.ok) throw new ApiError(result.error);
  return result.value.files;
}

/** A fresh id for a long operation (progress and cancel refer to it). */
export function newTaskId(): string {
  // getRandomValues, not randomUUID: the latter exists only in secure contexts, and the E2E page is served over http.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
