import type { IpcMainInvokeEvent } from 'electron';

/** A stand-in for one renderer frame. */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

/** Builds an invoke event as ipcMain would deliver it; `frame: null` is a frame that went away. */
export function fakeEvent(options: {
  url?: string;
  contentsId?: number;
  subframe?: boolean;
  frame?: null;
}): IpcMainInvokeEvent {
  const main: FakeFrame = { url: options.url ?? 'vigil-app://app/index.html', parent: null };
  const frame = options.frame === null ? null : options.subframe ? { url: main.url, parent: main } : main;
  const sender = { id: options.contentsId ?? 1, mainFrame: main };
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Records what is registered, like ipcMain.handle. */
export function fakeIpcMain(): {
  handle: (channel: string, listener: Listener) => void;
  listeners: Map<string, Listener>;
} {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle: (channel, listener) => {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
  };
}
