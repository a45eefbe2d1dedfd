import { Readable, Transform } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chunkwise } from '../../../../main/packages/tar/byte-source';

describe('packages/tar/chunkwise', () => {
  it('hands out each chunk as pushed, never joined into a copy', async () => {
    const parts = [Buffer.from('a'), Buffer.from('bb'), Buffer.from('ccc')];
    const seen: Buffer[] = [];
    for await (const c of chunkwise(Readable.from(parts, { objectMode: false }))) seen.push(c as Buffer);
    expect(seen.map((b) => b.toString())).toEqual(['a', 'bb', 'ccc']);
  });

  it('reports a failure of the input, also one that happened before it was called', async () => {
    const failing = new Transform({ transform: (_c, _e, done) => done(new Error('boom')) });
    failing.on('error', () => undefined);
    failing.write(Buffer.from('x'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(failing.destroyed).toBe(true);
    const read = async (): Promise<void> => {
      for await (const _ of chunkwise(failing)) void _;
    };
    await expect(read()).rejects.toThrow('boom');
  });

  it('destroys the input when the reader stops early', async () => {
    const endless = new Readable({
      read() {
        this.push(Buffer.alloc(10));
      },
    });
    const it = chunkwise(endless)[Symbol.asyncIterator]();
    await it.next();
    await it.return?.();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(endless.destroyed).toBe(true);
  });
});
