import { afterEach, describe, expect, it } from 'vitest';
import { ensurePromiseWithResolvers } from '../../../main/ingest/promise-with-resolvers';

const own = Object.getOwnPropertyDescriptor(Promise, 'withResolvers');
type WithResolvers = {
  withResolvers?: <T>() => { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };
};

describe('ingest/promise-with-resolvers/ensurePromiseWithResolvers', () => {
  afterEach(() => {
    if (own) Object.defineProperty(Promise, 'withResolvers', own);
    else Reflect.deleteProperty(Promise, 'withResolvers');
  });

  it('supplies Promise.withResolvers where the runtime lacks it (Node 20), and it resolves and rejects', async () => {
    Reflect.deleteProperty(Promise, 'withResolvers');
    ensurePromiseWithResolvers();
    const ctor = Promise as unknown as WithResolvers;
    const ok = ctor.withResolvers?.<number>();
    ok?.resolve(7);
    await expect(ok?.promise).resolves.toBe(7);
    const bad = ctor.withResolvers?.<number>();
    bad?.reject(new Error('no'));
    await expect(bad?.promise).rejects.toThrow('no');
  });

  it('keeps a runtime’s own', () => {
    const mine = (): null => null;
    Object.defineProperty(Promise, 'withResolvers', { value: mine, configurable: true, writable: true });
    ensurePromiseWithResolvers();
    expect((Promise as unknown as WithResolvers).withResolvers).toBe(mine);
  });
});
