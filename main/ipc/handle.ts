/**
 * Registers one contract channel with ipcMain: sender check, then dispatch
 * (parse, run, validate, map errors). Nothing is ever thrown back over IPC.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Channel } from '../../shared/channels';
import type { Res, Result } from '../../shared/contract';
import { preloadContract } from '../../shared/areas/app.contract';
import type { PRELOAD_CHANNELS } from '../../shared/areas/app.channels';
import type { PreloadHandler } from './app.ipc';
import { dispatch, dispatchWith, invalidInput, type CallSchemas, type DispatchOptions, type Handler } from './dispatch';

/** A channel only the preload calls. */
export type PreloadChannel = (typeof PRELOAD_CHANNELS)[number];
import type { SenderCheck } from './sender';

/** Answers when the sender is not our window. No dedicated code exists; INVALID_INPUT is the closest. */
const REFUSED_MESSAGE = 'This request was refused because it did not come from the Vigil window.';

/** Registers `fn` for `channel`; the listener always resolves to a Result. */
export function handle<C extends Channel>(
  ipcMain: Pick<IpcMain, 'handle'>,
  channel: C,
  fn: Handler<C>,
  isTrustedSender: SenderCheck,
  options: DispatchOptions = { validateResponse: true },
): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Result<Res<C>>> => {
    if (!isTrustedSender(event)) return invalidInput(REFUSED_MESSAGE);
    // The preload always sends exactly one argument; anything else did not come through it.
    if (args.length !== 1) return invalidInput(`A request to ${channel} must carry exactly one argument.`);
    return dispatch(channel, fn, args[0], options);
  });
}

/**
 * Registers one preload-only channel (not on window.vigil) the same way: sender check, one argument, schemas, errors as
 * data.
 */
export function handlePreload<C extends PreloadChannel>(
  ipcMain: Pick<IpcMain, 'handle'>,
  channel: C,
  fn: PreloadHandler<C>,
  isTrustedSender: SenderCheck,
  options: DispatchOptions,
): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) return invalidInput(REFUSED_MESSAGE);
    if (args.length !== 1) return invalidInput(`A request to ${channel} must carry exactly one argument.`);
    return dispatchPreload(channel, fn, args[0], options);
  });
}

/** Runs a preload-only channel's handler on an unparsed request (the E2E harness's drop binding calls this too). */
export function dispatchPreload<C extends PreloadChannel>(
  channel: C,
  fn: PreloadHandler<C>,
  raw: unknown,
  options: DispatchOptions,
): Promise<Result<unknown>> {
  // Indexing the const object with a generic key loses the schema's link to C (as in schemasOf).
  const schemas = preloadContract[channel] as unknown as CallSchemas<
    Parameters<PreloadHandler<C>>[0],
    Awaited<ReturnType<PreloadHandler<C>>>
  >;
  return dispatchWith(channel, schemas, fn, raw, options);
}

/** Where a forwarded request goes: the core host, which parses and validates it with dispatch(). */
export type Forward = (channel: string, raw: unknown) => Promise<Result<unknown>>;

/**
 * Registers `channel` to be forwarded, unparsed, to where the table runs (the hosted core): the sender check and the
 * one-argument rule stay here, in the process that knows the window; parsing happens in the host.
 */
export function handleForwarded(
  ipcMain: Pick<IpcMain, 'handle'>,
  channel: string,
  forward: Forward,
  isTrustedSender: SenderCheck,
): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) return invalidInput(REFUSED_MESSAGE);
    if (args.length !== 1) return invalidInput(`A request to ${channel} must carry exactly one argument.`);
    return forward(channel, args[0]);
  });
}
