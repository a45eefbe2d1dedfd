import { describe, expect, it } from 'vitest';
import { HostRpc, HostRpcError } from '../../../main/host/rpc';
import type { HostPort } from '../../../main/host/port';

/** Two ports joined in memory, delivering asynchronously as a real pipe does, with a structured clone. */
function pipePair(): { a: HostPort; b: HostPort; closeB: () => void; injectToA: (m: unknown) => void } {
  const listeners: { a: ((m: unknown) => void)[]; b: ((m: unknown) => void)[] } = { a: [], b: [] };
  const closers: (() => void)[] = [];
  const deliver = (to: 'a' | 'b', message: unknown): void => {
    const copy = structuredClone(message);
    setImmediate(() => listeners[to].forEach((l) => l(copy)));
  };
  const port = (self: 'a' | 'b', other: 'a' | 'b'): HostPort => ({
    post: (m) => deliver(other, m),
    onMessage: (l) => {
      listeners[self].push(l);
      return () => undefined;
    },
    onClose: (l) => closers.push(l),
  });
  return {
    a: port('a', 'b'),
    b: port('b', 'a'),
    closeB: () => closers.forEach((c) => c()),
    injectToA: (m) => deliver('a', m),
  };
}

describe('host/rpc', () => {
  it('answers requests and carries notes both ways', async () => {
    const { a, b } = pipePair();
    const left = new HostRpc(a);
    const right = new HostRpc(b);
    right.serve('double', async (n) => (n as number) * 2);
    const heard: unknown[] = [];
    left.listen('hello', (body) => heard.push(body));
    expect(await left.request('double', 21)).toBe(42);
    right.notify('hello', { bytes: new Uint8Array([1, 2]) });
    await new Promise((r) => setImmediate(r));
    expect(heard).toEqual([{ bytes: new Uint8Array([1, 2]) }]);
  });

  it('answers a failed handler with a fixed text, never the error (it may hold a path or a secret)', async () => {
    const { a, b } = pipePair();
    const left = new HostRpc(a);
    new HostRpc(b).serve('boom', async () => {
      throw new Error('/home/someone/secret passphrase');
    });
    const failure = await left.request('boom', null).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HostRpcError);
    expect(String((failure as Error).message)).not.toContain('secret');
    await expect(left.request('unknown-kind', null)).rejects.toThrow(/Unknown request kind/);
  });

  it('drops malformed messages and answers to requests never made', async () => {
    const { a, b, injectToA } = pipePair();
    const left = new HostRpc(a);
    const right = new HostRpc(b);
    right.serve('echo', async (x) => x);
    for (const junk of [null, 7, 'req', { t: 'req', id: 'x', kind: 'echo' }, { t: 'res', id: 999, ok: true }])
      injectToA(junk);
    expect(await left.request('echo', 'still fine')).toBe('still fine');
  });

  it('fails pending and later requests when the other side goes away', async () => {
    const { a, b, closeB } = pipePair();
    const left = new HostRpc(a);
    const right = new HostRpc(b);
    left.serve('never', () => new Promise(() => undefined));
    const pending = right.request('never', null);
    closeB();
    await expect(pending).rejects.toBeInstanceOf(HostRpcError);
    await expect(right.request('never', null)).rejects.toBeInstanceOf(HostRpcError);
  });
});
