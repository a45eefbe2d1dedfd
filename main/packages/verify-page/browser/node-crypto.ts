/**
 * The part of node:crypto that the verifying core uses, on the audited @noble libraries, for
 * the offline verifier page (build/build-verifier-page.mjs substitutes this module for
 * node:crypto there). Only what the checks reach is here; anything else throws, so a new use
 * fails loudly in the page's tests instead of silently differing. Tested against Node's own
 * in tests/unit/main/packages/verify-page/node-crypto.test.ts.
 */
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

type Input = Uint8Array | string;
type Encoding = 'hex' | 'base64' | 'buffer' | undefined;

function bytes(data: Input, enc?: string): Uint8Array {
  if (typeof data !== 'string') return data;
  return enc === undefined || enc === 'utf8' || enc === 'utf-8'
    ? new TextEncoder().encode(data)
    : Buffer.from(data, enc as BufferEncoding);
}

function out(digest: Uint8Array, enc: Encoding): Buffer | string {
  const b = Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength);
  return enc === undefined || enc === 'buffer' ? b : b.toString(enc);
}

interface Incremental {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

const HASHES: Record<string, () => Incremental> = {
  sha256: () => sha256.create(),
  sha512: () => sha512.create(),
  blake2b512: () => blake2b.create({ dkLen: 64 }),
};

function unsupported(what: string): Error {
  return new Error(`${what} is not available in the verifier page.`);
}

/** A hash or MAC in progress, with Node's chained interface. */
export interface HashLike {
  update(d: Input, enc?: string): HashLike;
  digest(enc?: Encoding): Buffer | string;
}

/** An incremental hash with Node's update/digest interface (SHA-256, SHA-512, BLAKE2b-512). */
export function createHash(alg: string): HashLike {
  const make = HASHES[alg];
  if (make === undefined) throw unsupported(`Hash ${alg}`);
  const h = make();
  const api: HashLike = {
    update(d: Input, enc?: string) {
      h.update(bytes(d, enc));
      return api;
    },
    digest: (enc?: Encoding) => out(h.digest(), enc),
  };
  return api;
}

/** One-shot hash, as node:crypto's hash(). */
export function hash(alg: string, data: Input, enc: Encoding = 'hex'): Buffer | string {
  return createHash(alg).update(data).digest(enc);
}

/** HMAC-SHA-256 with Node's interface. */
export function createHmac(alg: string, key: Uint8Array): HashLike {
  if (alg !== 'sha256') throw unsupported(`HMAC ${alg}`);
  const h = hmac.create(sha256, key);
  const api: HashLike = {
    update(d: Input) {
      h.update(bytes(d));
      return api;
    },
    digest: (enc?: Encoding) => out(h.digest(), enc),
  };
  return api;
}

/** HKDF-SHA-256, as node:crypto's hkdfSync (returns an ArrayBuffer). */
export function hkdfSync(alg: string, ikm: Uint8Array, salt: Uint8Array, info: Input, len: number): ArrayBuffer {
  if (alg !== 'sha256') throw unsupported(`HKDF ${alg}`);
  const key = hkdf(sha256, ikm, salt, bytes(info), len);
  return key.buffer.slice(key.byteOffset, key.byteOffset + key.byteLength) as ArrayBuffer;
}

/** Constant-time comparison of equal-length byte strings. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) throw new RangeError('Input buffers must have the same byte length');
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Random bytes from the browser's generator. */
export function randomBytes(n: number): Buffer {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(n)));
}

/** scrypt with Node's callback interface (age passphrase stanzas). */
export function scrypt(
  pass: Uint8Array,
  salt: Uint8Array,
  len: number,
  opts: { N: number; r: number; p: number },
  cb: (err: Error | null, key: Buffer) => void,
): void {
  scryptAsync(pass, salt, { N: opts.N, r: opts.r, p: opts.p, dkLen: len, maxmem: 2 ** 31 }).then(
    (key) => cb(null, Buffer.from(key)),
    (err: unknown) => cb(err instanceof Error ? err : new Error(String(err)), Buffer.alloc(0)),
  );
}

/**
 * ChaCha20-Poly1305 with Node's streaming interface. The pieces are collected and sealed or
 * opened at final(): age chunks are at most 64 KiB, so this holds one chunk, and nothing is
 * returned before the tag is checked.
 */
class ChaChaStream {
  private readonly parts: Uint8Array[] = [];
  private tag: Uint8Array | null = null;
  private result: Uint8Array | null = null;
  private pending: Buffer[] = [];

  constructor(
    private readonly key: Uint8Array,
    private readonly nonce: Uint8Array,
    private readonly decrypt: boolean,
  ) {}

  setAuthTag(tag: Uint8Array): this {
    this.tag = tag;
    return this;
  }

  /** Returns empty buffers; the bytes are filled in place at final(), as Node returns them eagerly. */
  update(data: Uint8Array): Buffer {
    this.parts.push(data);
    const b = Buffer.alloc(data.length);
    this.pending.push(b);
    return b;
  }

  final(): Buffer {
    const input = Buffer.concat(this.parts);
    const aead = chacha20poly1305(this.key, this.nonce);
    const res = this.decrypt
      ? aead.decrypt(Buffer.concat([input, this.tag ?? new Uint8Array(0)]))
      : aead.encrypt(input);
    let at = 0;
    for (const b of this.pending) {
      b.set(res.subarray(at, at + b.length));
      at += b.length;
    }
    this.result = res;
    this.pending = [];
    return Buffer.alloc(0);
  }

  getAuthTag(): Buffer {
    if (this.result === null || this.decrypt) throw new Error('No tag before final().');
    return Buffer.from(this.result.subarray(this.result.length - 16));
  }
}

/** A ChaCha20-Poly1305 cipher (Node's createCipheriv). */
export function createCipheriv(alg: string, key: Uint8Array, nonce: Uint8Array): ChaChaStream {
  if (alg !== 'chacha20-poly1305') throw unsupported(`Cipher ${alg}`);
  return new ChaChaStream(key, nonce, false);
}

/** A ChaCha20-Poly1305 decipher (Node's createDecipheriv); final() throws when the tag is wrong. */
export function createDecipheriv(alg: string, key: Uint8Array, nonce: Uint8Array): ChaChaStream {
  if (alg !== 'chacha20-poly1305') throw unsupported(`Cipher ${alg}`);
  return new ChaChaStream(key, nonce, true);
}

/** An X25519 key as the JWK-based core code builds it. */
interface X25519Key {
  type: 'private' | 'public';
  raw: Uint8Array;
  export(opts: { format: 'jwk' }): { x: string };
}

function keyObject(type: 'private' | 'public', raw: Uint8Array): X25519Key {
  return {
    type,
    raw,
    export: () => ({ x: Buffer.from(type === 'public' ? raw : x25519.getPublicKey(raw)).toString('base64url') }),
  };
}

/** An X25519 private key from a JWK (`d`). */
export function createPrivateKey(opts: { key: { d: string } }): X25519Key {
  return keyObject('private', Buffer.from(opts.key.d, 'base64url'));
}

/** An X25519 public key from a JWK (`x`), or the public half of a private key. */
export function createPublicKey(opts: X25519Key | { key: { x: string } }): X25519Key {
  if ('raw' in opts) return keyObject('public', x25519.getPublicKey(opts.raw));
  return keyObject('public', Buffer.from(opts.key.x, 'base64url'));
}

/** X25519 shared secret; throws on the all-zero result, as OpenSSL does. */
export function diffieHellman(opts: { privateKey: X25519Key; publicKey: X25519Key }): Buffer {
  const shared = x25519.getSharedSecret(opts.privateKey.raw, opts.publicKey.raw);
  if (shared.every((b) => b === 0)) throw new Error('X25519 produced the all-zero value.');
  return Buffer.from(shared);
}

/** Not needed to verify (only to seal); present so the sealing code bundles. */
export function generateKeyPairSync(): never {
  throw unsupported('Key generation');
}

/** Random UUIDs (record writers the verifying core imports, but the page never runs, name it). */
export function randomUUID(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * The browser's own Web Crypto: the timestamp check verifies TSA certificates and signatures with it, as Node's does.
 */
export const webcrypto = globalThis.crypto;
