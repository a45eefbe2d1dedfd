/** Installs the whole handler table into ipcMain, one handle() per contract channel. */
import type { IpcMain } from 'electron';
import { CHANNELS, type Channel } from '../../shared/channels';
import type { DispatchOptions, HandlerTable } from './dispatch';
import { handle } from './handle';
import type { SenderCheck } from './sender';

/** Registers every channel of the contract; a channel missing from the table fails to compile. */
export function registerHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  table: HandlerTable,
  isTrustedSender: SenderCheck,
  options: DispatchOptions,
): void {
  const registerOne = <C extends Channel>(channel: C): void => {
    handle(ipcMain, channel, table[channel], isTrustedSender, options);
  };
  for (const channel of CHANNELS) registerOne(channel);
}
