/**
 * Registers one contract channel with ipcMain: sender check, then dispatch
 * (parse, run, validate, map errors). Nothing is ever thrown back over IPC.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Channel } from '../../shared/channels';
import type { Res, Result } from '../../shared/contract';
import { dispatch, invalidInput, type DispatchOptions, type Handler } from './dispatch';
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
