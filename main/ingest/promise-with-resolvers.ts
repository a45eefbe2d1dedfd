/**
 * pdf.js 6 calls Promise.withResolvers, which Node has from 22 on; the command line and
 * the tests also run on Node 20, where pdf.js's legacy build no longer supplies it.
 * Installed in the extraction process only, before pdf.js loads; a runtime that has
 * it (Electron's Node 22, Node 22+) keeps its own.
 */

/** What Promise.withResolvers returns. */
interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

/** Defines Promise.withResolvers (ES2024) when the runtime lacks it. */
export function ensurePromiseWithResolvers(): void {
  const ctor = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };
  if (typeof ctor.withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>(): Resolvers<T> {
      let resolve!: Resolvers<T>['resolve'];
      let reject!: Resolvers<T>['reject'];
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
