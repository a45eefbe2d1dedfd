import { describe, expect, it, vi } from 'vitest';

// The contract has no events yet; give the preload one so the subscription path can be exercised.
vi.mock('../../../shared/channels', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../shared/channels')>()),
  EVENTS: ['test:tick'],
  isEventName: (value: unknown) => value === 'test:tick',
}));

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electron);

describe('preload/index/onEvent', () => {
  it('hands the callback the payload only, and unsubscribes the same listener', async () => {
    await import('../../../main/preload/index');
    const api = electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as {
      onEvent: (name: string, cb: (payload: unknown) => void) => () => void;
    };
    const cb = vi.fn();
    const unsubscribe = api.onEvent('test:tick', cb);
    expect(electron.ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [name, listener] = electron.ipcRenderer.on.mock.calls[0] as [
      string,
      (event: unknown, payload: unknown) => void,
    ];
    expect(name).toBe('test:tick');
    listener({ sender: 'the IpcRendererEvent must not reach the page' }, { done: 3 });
    expect(cb).toHaveBeenCalledWith({ done: 3 });
    expect(cb.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('test:tick', listener);
  });

  it('requires a callback function', async () => {
    await import('../../../main/preload/index');
    const api = electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as {
      onEvent: (name: string, cb: unknown) => unknown;
    };
    expect(() => api.onEvent('test:tick', 'not a function')).toThrow(/callback/);
  });
});
