import { describe, expect, it, vi } from 'vitest';
import { handle } from '../../../main/ipc/handle';
import { createSenderCheck } from '../../../main/ipc/sender';
import { VigilError } from '../../../shared/errors';
import { fakeEvent, fakeIpcMain } from './fakes';

const isTrustedSender = createSenderCheck({
  origins: ['vigil-app://app'],
  isOwnContents: (contents) => contents.id === 1,
});
const info = { name: 'vigil', version: '0.1.0' };

function setUp(fn: () => Promise<typeof info>) {
  const ipcMain = fakeIpcMain();
  const spy = vi.fn(fn);
  handle(ipcMain, 'app:info', spy, isTrustedSender);
  const listener = ipcMain.listeners.get('app:info');
  if (listener === undefined) throw new Error('app:info was not registered');
  return { listener, spy };
}

describe('ipc/handle/handle', () => {
  it('answers our own window with ok and the value', async () => {
    const { listener } = setUp(async () => info);
    await expect(listener(fakeEvent({}), {})).resolves.toEqual({ ok: true, value: info });
  });

  it('refuses a foreign frame, a subframe and another window without running the handler', async () => {
    const { listener, spy } = setUp(async () => info);
    for (const event of [
      fakeEvent({ url: 'https://example.org/' }),
      fakeEvent({ subframe: true }),
      fakeEvent({ contentsId: 9 }),
      fakeEvent({ frame: null }),
    ]) {
      const result = (await listener(event, {})) as { ok: boolean; error?: { code: string } };
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('INVALID_INPUT');
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses malformed requests and extra arguments with INVALID_INPUT, never a throw', async () => {
    const { listener, spy } = setUp(async () => info);
    await expect(listener(fakeEvent({}), { nope: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await expect(listener(fakeEvent({}))).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await expect(listener(fakeEvent({}), {}, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it('maps a VigilError to its info', async () => {
    const { listener } = setUp(async () => {
      throw new VigilError('VAULT_LOCKED', 'The vault is locked. Unlock it and try again.');
    });
    await expect(listener(fakeEvent({}), {})).resolves.toEqual({
      ok: false,
      error: { code: 'VAULT_LOCKED', message: 'The vault is locked. Unlock it and try again.' },
    });
  });

  it('maps an unknown error to INTERNAL without its message or stack', async () => {
    const { listener } = setUp(async () => {
      throw new TypeError('cannot read key of /secret/path');
    });
    const result = (await listener(fakeEvent({}), {})) as { ok: false; error: { code: string; message: string } };
    expect(result.error.code).toBe('INTERNAL');
    expect(result.error.message).not.toMatch(/secret|TypeError|at /);
  });
});
