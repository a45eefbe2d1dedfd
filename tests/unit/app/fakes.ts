import { vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

/** A webContents stand-in that records its listeners and window-open handler. */
export function fakeWebContents(id = 1) {
  const listeners = new Map<string, Handler[]>();
  let openHandler: Handler | undefined;
  return {
    id,
    listeners,
    on: vi.fn((event: string, listener: Handler) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    }),
    setWindowOpenHandler: vi.fn((handler: Handler) => {
      openHandler = handler;
    }),
    openWindow: (url: string) => openHandler?.({ url, disposition: 'new-window' }),
    send: vi.fn(),
    isDestroyed: () => false,
    /** Fires `event` and says whether every listener prevented it. */
    fire(event: string, ...args: unknown[]): boolean {
      const preventDefault = vi.fn();
      const all = listeners.get(event) ?? [];
      for (const listener of all) listener({ preventDefault }, ...args);
      return all.length > 0 && preventDefault.mock.calls.length === all.length;
    },
  };
}

/** A session stand-in that records every policy handler. */
export function fakeSession() {
  const handlers: Record<string, Handler> = {};
  return {
    handlers,
    setPermissionRequestHandler: vi.fn((h: Handler) => (handlers['request'] = h)),
    setPermissionCheckHandler: vi.fn((h: Handler) => (handlers['check'] = h)),
    setDevicePermissionHandler: vi.fn((h: Handler) => (handlers['device'] = h)),
    setSpellCheckerEnabled: vi.fn(),
    on: vi.fn((event: string, h: Handler) => (handlers[event] = h)),
    webRequest: { onBeforeRequest: vi.fn((h: Handler) => (handlers['beforeRequest'] = h)) },
  };
}
