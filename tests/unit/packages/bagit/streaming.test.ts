import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createAgeDecryptStream, createAgeEncryptStream, generateX25519Identity } from '../../../../main/crypto/age';
import { validateBag } from '../../../../main/packages/bagit/bag-validate';
import { readBagFromTar } from '../../../../main/packages/bagit/bag-from-tar';
import { writeBag } from '../../../../main/packages/bagit/bag-writer';
import { INFO, memEntry } from '../helpers';

const MiB = 1024 * 1024;
const SIZE = 300 * MiB;
const CHUNK = 64 * 1024;

/** SIZE bytes made on the fly (never held in memory), with every chunk different. */
function generated(): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= SIZE) {
        this.push(null);
        return;
      }
      const chunk = Buffer.alloc(Math.min(CHUNK, SIZE - sent), (sent / CHUNK) % 251);
      chunk.writeUInt32BE(sent / CHUNK, 0);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

async function expectedSha256(): Promise<string> {
  const h = createHash('sha256');
  for await (const c of generated() as AsyncIterable<Buffer>) h.update(c);
  return h.digest('hex');
}

describe('packages/bagit/writeBag (streaming)', () => {
  it(
    'passes 300 MiB through writeBag → age encrypt → age decrypt → readBagFromTar with flat memory',
    { timeout: 240_000 },
    async () => {
      const id = generateX25519Identity();
      const enc = createAgeEncryptStream([{ kind: 'x25519', publicKey: id.publicKey }]);
      const dec = createAgeDecryptStream([{ kind: 'x25519', secretKey: id.secretKey }]);
      enc.pipe(dec);
      global.gc?.();
      const base = process.memoryUsage().rss;
      let peak = base;
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
      try {
        const entries = [{ path: 'items/big.bin', size: SIZE, source: generated }, memEntry('case.json', '{}')];
        const [written, bag] = await Promise.all([writeBag(enc, 'bag', entries, INFO), readBagFromTar(dec)]);
        peak = Math.max(peak, process.memoryUsage().rss);
        expect(peak - base).toBeLessThan(100 * MiB);
        expect(written.payloadOxum).toBe(`${SIZE + 2}.2`);
        expect(written.manifestSha256.get('data/items/big.bin')).toBe(await expectedSha256());
        expect(bag.name).toBe('bag');
        const check = await validateBag(bag);
        expect(check.problems).toEqual([]);
        expect(check.payloadBytes).toBe(SIZE + 2);
      } finally {
        clearInterval(timer);
      }
    },
  );
});
