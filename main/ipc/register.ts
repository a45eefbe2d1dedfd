/** Installs the whole handler table into ipcMain, one handle() per contract channel, and the preload-only channels. */
import type { IpcMain } from 'electron';
import { PRELOAD_CHANNELS } from '../../shared/areas/app.channels';
import { CHANNELS, type Channel } from '../../shared/channels';
import type { PreloadHandlers } from './app.ipc';
import type { DispatchOptions, HandlerTable } from './dispatch';
import { handle, handleForwarded, handlePreload, type Forward, type PreloadChannel } from './handle';
import type { SenderCheck } from './sender';

/**
 * Registers every channel of the contract, then the preload-only ones; a channel missing from a table fails to compile.
 */
export function registerHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  table: HandlerTable,
  isTrustedSender: SenderCheck,
  options: DispatchOptions,
  preload: PreloadHandlers,
): void {
  const registerOne = <C extends Channel>(channel: C): void => {
    handle(ipcMain, channel, table[channel], isTrustedSender, options);
  };
  for (const channel of CHANNELS) registerOne(channel);
  const registerPreload = <C extends PreloadChannel>(channel: C): void => {
    handlePreload(ipcMain, channel, preload[channel], isTrustedSender, options);
  };
  for (const channel of PRELOAD_CHANNELS) registerPreload(channel);
}

/**
 * Registers every channel of the contract and the preload-only ones to be forwarded to the hosted core after the
 * sender check: `call` for the window's channels, `preload` for the preload's.
 */
export function registerForwarded(
  ipcMain: Pick<IpcMain, 'handle'>,
  isTrustedSender: SenderCheck,
  forward: { call: Forward; preload: Forward },
): void {
  for (const channel of CHANNELS) handleForwarded(ipcMain, channel, forward.call, isTrustedSender);
  for (const channel of PRELOAD_CHANNELS) handleForwarded(ipcMain, channel, forward.preload, isTrustedSender);
}
