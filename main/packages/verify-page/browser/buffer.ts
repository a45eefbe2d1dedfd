/**
 * The Buffer of the offline verifier page: the `buffer` package (Node's Buffer for browsers),
 * injected by build/build-verifier-page.mjs wherever the core names Buffer. That package
 * predates the 'base64url' encoding the core's X25519 code uses, so it is added here.
 */
import { Buffer as Base } from 'buffer';

const B = Base as unknown as typeof Buffer;
const baseFrom = B.from.bind(B) as (...args: unknown[]) => Buffer;
const baseToString = B.prototype.toString;

function toBase64(url: string): string {
  const b = url.replace(/-/g, '+').replace(/_/g, '/');
  return b + '='.repeat((4 - (b.length % 4)) % 4);
}

B.from = ((value: unknown, enc?: unknown, len?: unknown) => {
  if (typeof value === 'string' && enc === 'base64url') return baseFrom(toBase64(value), 'base64');
  return baseFrom(value, enc, len);
}) as typeof B.from;

B.prototype.toString = function toString(this: Buffer, enc?: BufferEncoding, start?: number, end?: number): string {
  if (enc === 'base64url')
    return baseToString.call(this, 'base64', start, end).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return baseToString.call(this, enc, start, end);
};

export { B as Buffer };
