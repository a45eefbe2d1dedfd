import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ageEncrypt,
  CHUNK_SIZE,
  createAgeDecryptStream,
  generateX25519Identity,
  openAgeFile,
  parseIdentity,
  parseRecipient,
  type AgeIdentity,
} from '../../../../main/crypto/age';
import { findHeaderEnd } from '../../../../main/crypto/age/header';
import { codeOf, runStream } from './helpers';

const ENC = CHUNK_SIZE + 16;
const me = generateX25519Identity();
const other = generateX25519Identity();
const ids: AgeIdentity[] = [parseIdentity(me.identity)];
// Three full chunks and a short last one.
const plain = randomBytes(3 * CHUNK_SIZE + 1000);
let file: Buffer;
let headerEnd: number;
let payloadStart: number;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  // The other recipient's stanza comes first: damage to it can only be caught by the header MAC.
  file = await ageEncrypt(plain, [parseRecipient(other.recipient), parseRecipient(me.recipient)]);
  headerEnd = findHeaderEnd(file);
  payloadStart = headerEnd + 16;
});

function flip(at: number): Buffer {
  const copy = Buffer.from(file);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

/** Replaces one base64 character of the header with another valid one, so only meaning changes. */
function flipB64Char(at: number): Buffer {
  const copy = Buffer.from(file);
  copy[at] = copy[at] === 0x41 ? 0x42 : 0x41;
  return copy;
}

async function fileOutcome(bytes: Buffer): Promise<string | null> {
  const p = path.join(tmp, `t-${Math.random().toString(36).slice(2)}.age`);
  fs.writeFileSync(p, bytes);
  return codeOf(
    (async () => {
      const reader = await openAgeFile(p, ids);
      try {
        await reader.read(0, reader.size);
      } finally {
        await reader.close();
      }
    })(),
  );
}

type Case = [string, () => Buffer, number];

// [name, mutated file, how much plaintext the stream may release before it fails]
const cases = (): Case[] => {
  const otherBody = file.indexOf('\n', file.indexOf('-> X25519')) + 5;
  const mac = file.lastIndexOf('--- ', headerEnd) + 10;
  const list: Case[] = [
    ['header intro', () => flip(3), 0],
    ["another recipient's stanza body (header MAC)", () => flipB64Char(otherBody), 0],
    ['header MAC', () => flipB64Char(mac), 0],
    ['payload nonce', () => flip(headerEnd + 5), 0],
    ['truncated inside the header', () => file.subarray(0, headerEnd - 10), 0],
    ['truncated inside the nonce', () => file.subarray(0, headerEnd + 7), 0],
    ['truncated after the nonce', () => file.subarray(0, payloadStart), 0],
    ['truncated at a chunk boundary', () => file.subarray(0, payloadStart + 3 * ENC), 3 * CHUNK_SIZE],
    ['truncated mid-chunk', () => file.subarray(0, payloadStart + 2 * ENC + 500), 2 * CHUNK_SIZE],
    ['truncated inside the last tag', () => file.subarray(0, file.length - 3), 3 * CHUNK_SIZE],
    ['one byte appended', () => Buffer.concat([file, Buffer.from([0])]), 3 * CHUNK_SIZE],
    ['a chunk of garbage appended', () => Buffer.concat([file, randomBytes(ENC)]), 3 * CHUNK_SIZE],
    [
      'two chunks swapped',
      () =>
        Buffer.concat([
          file.subarray(0, payloadStart),
          file.subarray(payloadStart + ENC, payloadStart + 2 * ENC),
          file.subarray(payloadStart, payloadStart + ENC),
          file.subarray(payloadStart + 2 * ENC),
        ]),
      0,
    ],
  ];
  for (let i = 0; i < 4; i++) {
    const start = payloadStart + i * ENC;
    const end = Math.min(start + ENC, file.length);
    list.push([`chunk ${i} ciphertext`, () => flip(start + 100), i * CHUNK_SIZE]);
    list.push([`chunk ${i} tag`, () => flip(end - 1), i * CHUNK_SIZE]);
  }
  return list;
};

describe('crypto/age/createAgeDecryptStream tampering', () => {
  it('the untouched file decrypts (so the cases below test the damage, not the setup)', async () => {
    const r = await runStream(createAgeDecryptStream(ids), file);
    expect(r.code).toBeNull();
    expect(r.output.equals(plain)).toBe(true);
  });

  it('rejects every kind of damage with AGE_MALFORMED and releases only authenticated chunks before it', async () => {
    const all = cases();
    expect(all.length).toBe(21);
    for (const [name, mutate, released] of all) {
      const r = await runStream(createAgeDecryptStream(ids), mutate(), 50_000);
      expect(r.code, name).toBe('AGE_MALFORMED');
      expect(r.output.length, name).toBe(released);
      expect(r.output.equals(plain.subarray(0, released)), name).toBe(true);
    }
  });

  it("a damaged stanza for our own key is indistinguishable from another key's: AGE_NO_IDENTITY_MATCH", async () => {
    const ours = file.indexOf('\n', file.lastIndexOf('-> X25519')) + 5;
    expect((await runStream(createAgeDecryptStream(ids), flipB64Char(ours))).code).toBe('AGE_NO_IDENTITY_MATCH');
  });
});

describe('crypto/age/openAgeFile tampering', () => {
  it('rejects every kind of damage with AGE_MALFORMED', async () => {
    expect(await fileOutcome(file)).toBeNull();
    for (const [name, mutate] of cases()) expect(await fileOutcome(mutate()), name).toBe('AGE_MALFORMED');
  });

  it('catches truncation and appended data when opening, before any range is read', async () => {
    for (const bytes of [file.subarray(0, payloadStart + 3 * ENC), Buffer.concat([file, Buffer.from([0])])]) {
      const p = path.join(tmp, 'open-only.age');
      fs.writeFileSync(p, bytes);
      expect(await codeOf(openAgeFile(p, ids))).toBe('AGE_MALFORMED');
    }
  });
});
