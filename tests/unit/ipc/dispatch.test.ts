import { describe, expect, it, vi } from 'vitest';
import { dispatch, dispatchByName, toErrorInfo, type HandlerTable } from '../../../main/ipc/dispatch';
import { VigilError } from '../../../shared/errors';

const strict = { validateResponse: true };
const info = { name: 'vigil', version: '0.1.0' };

describe('ipc/dispatch/dispatch', () => {
  it('passes a valid request to the handler and wraps the answer', async () => {
    const fn = vi.fn(async () => info);
    await expect(dispatch('app:info', fn, {}, strict)).resolves.toEqual({ ok: true, value: info });
    expect(fn).toHaveBeenCalledWith({});
  });

  it('refuses malformed requests with INVALID_INPUT without calling the handler', async () => {
    const fn = vi.fn(async () => info);
    for (const bad of [undefined, null, 'x', [], { unexpected: true }]) {
      const result = await dispatch('app:info', fn, bad, strict);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
    }
    expect(fn).not.toHaveBeenCalled();
  });

  it('refuses text with an unpaired surrogate anywhere in a request, naming where, before the handler runs', async () => {
    const fn = vi.fn(async () => ({ id: 'x' }));
    for (const [req, where] of [
      [{ title: 'Olena \uD800 Petrenko' }, 'title'],
      [{ title: 'ok', changes: { notes: ['fine', 'tail \uDC00'] } }, 'changes.notes.1'],
      [{ ['key \uD83D']: 'x' }, '(a key)'],
      ['\uDFFF', '(value)'],
    ] as const) {
      const result = await dispatch('cases:create', fn as never, req, strict);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      if (!result.ok) expect(result.error.message).toContain(`unpaired UTF-16 surrogate) at ${where}`);
    }
    expect(fn).not.toHaveBeenCalled();
    // A pair (an emoji) is whole text and goes through.
    await expect(
      dispatch('cases:create', fn as never, { title: 'Case \uD83D\uDE00' }, { validateResponse: false }),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  it('passes a VigilError through as its code and message', async () => {
    const fn = vi.fn(async () => {
      throw new VigilError('VAULT_LOCKED', 'The vault is locked. Unlock it and try again.');
    });
    await expect(dispatch('app:info', fn, {}, strict)).resolves.toEqual({
      ok: false,
      error: { code: 'VAULT_LOCKED', message: 'The vault is locked. Unlock it and try again.' },
    });
  });

  it('reduces any other error to INTERNAL with a generic message, and reports it to the hook', async () => {
    const secret = new Error('EACCES /home/someone/vault/key=deadbeef');
    const onInternalError = vi.fn();
    const result = await dispatch(
      'app:info',
      async () => Promise.reject(secret),
      {},
      { validateResponse: true, onInternalError },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INTERNAL');
    expect(result.error.message).not.toContain('deadbeef');
    expect(result.error.message).not.toContain('/home');
    expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
    expect(onInternalError).toHaveBeenCalledWith(secret, 'app:info');
  });

  it('catches an answer that breaks the contract when validating, and lets it through when not', async () => {
    const broken = vi.fn(async () => ({ name: 'vigil' }) as unknown as typeof info);
    const checked = await dispatch('app:info', broken, {}, strict);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error.code).toBe('INTERNAL');
    const unchecked = await dispatch('app:info', broken, {}, { validateResponse: false });
    expect(unchecked.ok).toBe(true);
  });
});

describe('ipc/dispatch/dispatchByName', () => {
  // Only app:info is called; the other channels are never reached.
  const table = { 'app:info': async () => info } as unknown as HandlerTable;

  it('dispatches a known channel', async () => {
    await expect(dispatchByName(table, 'app:info', {}, strict)).resolves.toEqual({ ok: true, value: info });
  });

  it('refuses unknown and non-string channel names', async () => {
    for (const channel of ['app:nope', 'toString', '__proto__', 7, undefined]) {
      const result = await dispatchByName(table, channel, {}, strict);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
    }
  });
});

describe('ipc/dispatch/toErrorInfo', () => {
  it('keeps VigilError info and hides everything else', () => {
    expect(toErrorInfo(new VigilError('NOT_FOUND', 'No such item.'))).toEqual({
      code: 'NOT_FOUND',
      message: 'No such item.',
    });
    expect(toErrorInfo('a string').code).toBe('INTERNAL');
    expect(toErrorInfo({ code: 'WRONG_PASSPHRASE', message: 'forged' }).code).toBe('INTERNAL');
  });
});
