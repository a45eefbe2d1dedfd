import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VigilError } from '../../../shared/errors';
import { CHUNK_SIZE } from '../../../main/crypto/age';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { serveItemMedia } from '../../../main/media/serve-media';
import type { Vault } from '../../../main/vault/vault';
import { newTestVault, tempDir } from '../../helpers/vault';

let vault: Vault;
let content: Buffer;
let itemId = '';
const source = { requireVault: (): Vault => vault };

async function body(stream: Readable | null): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream ?? []) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

// Per test: test temp folders are removed after each test.
beforeEach(async () => {
  ({ vault } = await newTestVault());
  // Three chunks and a bit: ranges can straddle the age chunk boundaries.
  content = randomBytes(3 * CHUNK_SIZE + 1234);
  const file = path.join(tempDir(), 'clip.mp3');
  writeFileSync(file, content);
  itemId = (await addFileItem(vault, file, { extract: false })).id;
});

afterEach(async () => {
  await vault.close();
});

describe('media/serve-media/serveItemMedia', () => {
  it('serves the whole item with 200, its length, ranges accepted, no-store and nosniff', async () => {
    const reply = await serveItemMedia(source, itemId, undefined);
    expect(reply.status).toBe(200);
    expect(reply.headers).toMatchObject({
      'content-length': String(content.length),
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-type': 'application/octet-stream',
    });
    expect((await body(reply.body)).equals(content)).toBe(true);
  });

  it('serves ranges across and at chunk boundaries with 206 and Content-Range', async () => {
    const cases: [string, number, number][] = [
      [`bytes=${CHUNK_SIZE - 10}-${CHUNK_SIZE + 9}`, CHUNK_SIZE - 10, CHUNK_SIZE + 10],
      [`bytes=${CHUNK_SIZE}-${2 * CHUNK_SIZE - 1}`, CHUNK_SIZE, 2 * CHUNK_SIZE],
      [`bytes=${2 * CHUNK_SIZE - 1}-${2 * CHUNK_SIZE}`, 2 * CHUNK_SIZE - 1, 2 * CHUNK_SIZE + 1],
      [`bytes=${3 * CHUNK_SIZE}-`, 3 * CHUNK_SIZE, content.length],
      ['bytes=-500', content.length - 500, content.length],
      ['bytes=0-0', 0, 1],
    ];
    for (const [header, start, end] of cases) {
      const reply = await serveItemMedia(source, itemId, header);
      expect(reply.status, header).toBe(206);
      expect(reply.headers['content-range'], header).toBe(`bytes ${start}-${end - 1}/${content.length}`);
      expect(reply.headers['content-length'], header).toBe(String(end - start));
      expect((await body(reply.body)).equals(content.subarray(start, end)), header).toBe(true);
    }
  });

  it('answers 416 with the size for invalid or unsatisfiable ranges', async () => {
    for (const header of [`bytes=${content.length}-`, 'bytes=9-3', 'bytes=-0', 'pages=1-2']) {
      const reply = await serveItemMedia(source, itemId, header);
      expect(reply.status, header).toBe(416);
      expect(reply.headers['content-range'], header).toBe(`bytes */${content.length}`);
      expect(reply.body).toBeNull();
    }
  });

  it('answers 404 for an unknown item and 403 while the vault is locked', async () => {
    expect((await serveItemMedia(source, '00000000-0000-4000-8000-000000000000', undefined)).status).toBe(404);
    const locked = {
      requireVault: (): Vault => {
        throw new VigilError('VAULT_LOCKED', 'locked');
      },
    };
    const reply = await serveItemMedia(locked, itemId, undefined);
    expect(reply.status).toBe(403);
    expect((await body(reply.body)).toString()).not.toContain(content.subarray(0, 8).toString());
  });

  it('records the first view of an item in the custody log, not every range request', async () => {
    const count = (): number =>
      vault.db
        .prepare("SELECT count(*) FROM custody_log WHERE instr(entry, 'item.opened') > 0")
        .pluck()
        .get() as number;
    expect(count()).toBe(0);
    await body((await serveItemMedia(source, itemId, 'bytes=0-9')).body);
    await body((await serveItemMedia(source, itemId, 'bytes=10-19')).body);
    await body((await serveItemMedia(source, itemId, undefined)).body);
    expect(count()).toBe(1);
  });

  it('answers HEAD without a body', async () => {
    const reply = await serveItemMedia(source, itemId, 'bytes=0-99', { head: true });
    expect(reply.status).toBe(206);
    expect(reply.body).toBeNull();
  });
});
