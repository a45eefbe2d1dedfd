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
  it(
    'exposes exactly one method per contract channel plus onEvent and grantDroppedFiles, all functions (no ' +
      'path-taking call)',
    () => {
      const expected = [...CHANNELS.map((channel) => methodName(channel)), 'onEvent', 'grantDroppedFiles'].sort();
      expect(Object.keys(exposed).sort()).toEqual(expected);
      for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
    },
  );

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

  it(
    "grantDroppedFiles sends the on-disk paths of dropped files to the preload-only channel and returns main's " +
      'grants',
    async () => {
      const grantDroppedFiles = exposed['grantDroppedFiles'] as (files: unknown) => Promise<unknown>;
      const answer = {
        ok: true,
        value: { files: [{ grant: 'grant-AAAAAAAAAAAAAAAAAAAAAA', name: 'file.pdf', label: '/dropped/file.pdf' }] },
      };
      electron.ipcRenderer.invoke.mockResolvedValueOnce(answer);
      await expect(grantDroppedFiles([{}])).resolves.toEqual(answer);
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('dialog:dropped-files', {
        paths: ['/dropped/file.pdf'],
      });
    },
  );

  it(
    'grantDroppedFiles asks main for nothing when no file ' + 'is on disk: a File the page made, or no File at all',
    async () => {
      const grantDroppedFiles = exposed['grantDroppedFiles'] as (files: unknown) => Promise<unknown>;
      electron.ipcRenderer.invoke.mockClear();
      electron.webUtils.getPathForFile.mockReturnValueOnce('');
      electron.webUtils.getPathForFile.mockImplementationOnce(() => {
        throw new TypeError('not a File');
      });
      await expect(grantDroppedFiles([{}, 42])).resolves.toEqual({ ok: true, value: { files: [] } });
      await expect(grantDroppedFiles('/etc/passwd')).resolves.toEqual({ ok: true, value: { files: [] } });
      expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('grantDroppedFiles turns a failed invoke into an INTERNAL Result, never a throw', async () => {
    const grantDroppedFiles = exposed['grantDroppedFiles'] as (files: unknown) => Promise<unknown>;
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('no handler'));
    await expect(grantDroppedFiles([{}])).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
