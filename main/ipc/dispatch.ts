/**
 * The transport-free core of every IPC call: parse the request against the
 * contract, run the handler, check the answer, and turn any failure into data.
 * ipcMain (handle.ts) and the Playwright E2E binding both go through here, so
 * the page sees the same behaviour in both.
 */
import { CHANNELS, isChannel, type Channel } from '../../shared/channels';
import { schemasOf, type ReqParsed, type Res, type Result } from '../../shared/contract';
import { isVigilError, type ErrorInfo } from '../../shared/errors';
import { brokenTextAt } from '../crypto/canonical-json';
import type { z } from 'zod';

/** One channel's implementation: receives the parsed request, returns the answer. */
export type Handler<C extends Channel> = (req: ReqParsed<C>) => Promise<Res<C>>;

/** One handler per channel of the contract. */
export type HandlerTable = { [C in Channel]: Handler<C> };

/** How dispatch behaves. */
export interface DispatchOptions {
  /** Check answers against the contract (dev and tests); a mismatch becomes INTERNAL. */
  validateResponse: boolean;
  /** Sees unexpected errors before they are reduced to a generic message (for a log). */
  onInternalError?: (error: unknown, channel: string) => void;
}

const INTERNAL_MESSAGE =
  'Something unexpected went wrong inside Vigil. Try again; if it keeps happening, restart Vigil and report ' +
  'the problem.';

const MAX_ISSUES_REPORTED = 3;

/** Reduces any thrown value to what may cross IPC: a VigilError's own info, anything else INTERNAL. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (isVigilError(error)) return error.toInfo();
  // Unknown errors may carry paths, keys or stack traces: none of that leaves the main process.
  return { code: 'INTERNAL', message: INTERNAL_MESSAGE };
}

/** A failed Result with INVALID_INPUT. */
export function invalidInput(message: string): { ok: false; error: ErrorInfo } {
  return { ok: false, error: { code: 'INVALID_INPUT', message } };
}

// Deeper than any request the contract allows: such a request fails its schema anyway.
const MAX_DEPTH = 64;

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, MAX_ISSUES_REPORTED)
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(request)'}: ${issue.message}`)
    .join('; ');
}

/** Runs one channel's handler on an unparsed request; never throws. */
export function dispatch<C extends Channel>(
  channel: C,
  fn: Handler<C>,
  raw: unknown,
  options: DispatchOptions,
): Promise<Result<Res<C>>> {
  return dispatchWith(channel, schemasOf(channel), fn, raw, options);
}

/** The request and response schemas one call is checked against. */
export interface CallSchemas<Q, A> {
  req: z.ZodType<Q>;
  res: z.ZodType<A>;
}

/** dispatch() over explicit schemas (also for the preload-only channels, which are not on window.vigil). */
export async function dispatchWith<Q, A>(
  channel: string,
  schemas: CallSchemas<Q, A>,
  fn: (req: Q) => Promise<A>,
  raw: unknown,
  options: DispatchOptions,
): Promise<Result<A>> {
  const broken = brokenTextAt(raw, MAX_DEPTH);
  if (broken !== null)
    return invalidInput(
      `The request to ${channel} holds a broken character (an unpaired UTF-16 surrogate) at ${broken}; nothing ` +
        `was done. Type the text again.`,
    );
  const parsed = schemas.req.safeParse(raw);
  if (!parsed.success) {
    return invalidInput(
      `The request to ${channel} was malformed (${describeIssues(parsed.error.issues)}). This is a bug in the ` +
        `Vigil window; reload it and try again.`,
    );
  }
  let value: A;
  try {
    value = await fn(parsed.data);
  } catch (error) {
    if (!isVigilError(error)) options.onInternalError?.(error, channel);
    return { ok: false, error: toErrorInfo(error) };
  }
  if (options.validateResponse) {
    const checked = schemas.res.safeParse(value);
    if (!checked.success) {
      options.onInternalError?.(checked.error, channel);
      return { ok: false, error: toErrorInfo(checked.error) };
    }
  }
  return { ok: true, value };
}

/** Looks up an untrusted channel name in the table and dispatches to it (for the E2E page binding). */
export async function dispatchByName(
  table: HandlerTable,
  channel: unknown,
  raw: unknown,
  options: DispatchOptions,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return invalidInput(
      `There is no request channel named ${JSON.stringify(String(channel)).slice(0, 80)}. Known channels: ` +
        `${CHANNELS.join(', ')}.`,
    );
  }
  return dispatchTo(table, channel, raw, options);
}

function dispatchTo<C extends Channel>(
  table: HandlerTable,
  channel: C,
  raw: unknown,
  options: DispatchOptions,
): Promise<Result<Res<C>>> {
  const fn: Handler<C> = table[channel];
  return dispatch(channel, fn, raw, options);
}
