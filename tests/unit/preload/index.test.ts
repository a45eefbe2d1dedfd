import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, methodName } from '../../../shared/channels';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() },
  webUtils: { getPathForFile: vi.fn(() => '/dropped/file.pdf') },
}));
vi.mock('electron', () => electron);

let exposed: Record<string, unknown> = {};

beforeAll(async () => {
  await import('../../../main/preload/index');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
  expect(key).toBe('vigil');
  exposed = api;
});

describe('preload/index', () => {
  it('exposes exactly one method per contract channel plus onEvent and pathForFile, all functions', () => {
    const expected = [...CHANNELS.map((channel) => methodName(channel)), 'onEvent', 'pathForFile'].sort();
    expect(Object.keys(exposed).sort()).toEqual(expected);
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
  });

  it('never hands out ipcRenderer or any of its methods', () => {
    const leaked = Object.values(electron.ipcRenderer) as unknown[];
    for (const value of Object.values(exposed)) {
      expect(value).not.toBe(electron.ipcRenderer);
      expect(leaked).not.toContain(value);
    }
    expect(Object.isFrozen(exposed)).toBe(true);
  });

  it('invokes the matching channel with the request and returns its Result', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { name: 'vigil', version: '0.1.0' } });
    const appInfo = exposed['appInfo'] as (req: unknown) => Promise<unknown>;
    await expect(appInfo({})).resolves.toEqual({ ok: true, value: { name: 'vigil', version: '0.1.0' } });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('app:info', {});
  });

  it('turns a rejected invoke or a malformed answer into an INTERNAL Result, never a throw', async () => {
    const appInfo = exposed['appInfo'] as (req: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'app:info'"));
    await expect(appInfo({})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    electron.ipcRenderer.invoke.mockResolvedValueOnce('not a result');
    await expect(appInfo({})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses to subscribe to an event the contract does not name', () => {
    const onEvent = exposed['onEvent'] as (name: unknown, cb: unknown) => unknown;
    expect(() => onEvent('ipc:anything', () => undefined)).toThrow(/no Vigil event/);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });

  it('pathForFile answers the path of a dropped file, and null for a file that is not on disk', () => {
    const pathForFile = exposed['pathForFile'] as (file: unknown) => string | null;
    expect(pathForFile({})).toBe('/dropped/file.pdf');
    electron.webUtils.getPathForFile.mockReturnValueOnce('');
    expect(pathForFile({})).toBeNull();
    electron.webUtils.getPathForFile.mockImplementationOnce(() => {
      throw new TypeError('not a File');
    });
    expect(pathForFile(42)).toBeNull();
  });
});
