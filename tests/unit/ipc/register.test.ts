import { describe, expect, it } from 'vitest';
import { registerForwarded, registerHandlers } from '../../../main/ipc/register';
import { createSenderCheck } from '../../../main/ipc/sender';
import { preloadHandlers } from '../../../main/ipc/app.ipc';
import { PRELOAD_CHANNELS } from '../../../shared/areas/app.channels';
import { CHANNELS } from '../../../shared/channels';
import { testServices } from '../../helpers/app-services';
import { fakeEvent, fakeIpcMain } from './fakes';

describe('ipc/register/registerHandlers', () => {
  it('registers every channel once, and the preload-only ones, each behind the sender check', async () => {
    const ipcMain = fakeIpcMain();
    const { table, services, dispose } = await testServices();
    const check = createSenderCheck({ origins: ['vigil-app://app'], isOwnContents: () => true });
    registerHandlers(ipcMain, table, check, { validateResponse: true }, preloadHandlers(services));
    expect([...ipcMain.listeners.keys()].sort()).toEqual([...CHANNELS, ...PRELOAD_CHANNELS].sort());
    const dropped = ipcMain.listeners.get('dialog:dropped-files');
    await expect(
      dropped?.(fakeEvent({ url: 'https://example.org/' }), { paths: ['/etc/hostname'] }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const listener = ipcMain.listeners.get('app:info');
    await expect(listener?.(fakeEvent({}), {})).resolves.toEqual({
      ok: true,
      value: { name: 'Vigil', version: '0.0.0-test' },
    });
    await expect(listener?.(fakeEvent({ url: 'https://example.org/' }), {})).resolves.toMatchObject({ ok: false });
    await dispose();
  });
});

describe('ipc/register/registerForwarded', () => {
  it('forwards every channel unparsed after the sender check; foreign senders and extra arguments stop here', async () => {
    const ipcMain = fakeIpcMain();
    const check = createSenderCheck({ origins: ['vigil-app://app'], isOwnContents: () => true });
    const seen: [string, string, unknown][] = [];
    registerForwarded(ipcMain, check, {
      call: async (channel, raw) => {
        seen.push(['call', channel, raw]);
        return { ok: true, value: {} };
      },
      preload: async (channel, raw) => {
        seen.push(['preload', channel, raw]);
        return { ok: true, value: { files: [] } };
      },
    });
    expect([...ipcMain.listeners.keys()].sort()).toEqual([...CHANNELS, ...PRELOAD_CHANNELS].sort());
    const create = ipcMain.listeners.get('cases:create');
    // Unparsed: the host validates; a malformed request reaches it as sent.
    await expect(create?.(fakeEvent({}), { title: 42 })).resolves.toEqual({ ok: true, value: {} });
    await expect(create?.(fakeEvent({ url: 'https://example.org/' }), {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expect(create?.(fakeEvent({}), {}, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await ipcMain.listeners.get('dialog:dropped-files')?.(fakeEvent({}), { paths: ['/x'] });
    expect(seen).toEqual([
      ['call', 'cases:create', { title: 42 }],
      ['preload', 'dialog:dropped-files', { paths: ['/x'] }],
    ]);
  });
});
