import { Transform, type TransformCallback } from 'node:stream';
import { AgeDecryptor, toVigilError } from './decryptor';
import { STREAM_HIGH_WATER_MARK } from './encrypt-stream';
import type { AgeIdentity } from './types';

class AgeDecryptStream extends Transform {
  private readonly dec: AgeDecryptor;
  private readonly sink = (p: Buffer): void => {
    this.push(p);
  };

  constructor(identities: AgeIdentity[]) {
    super({ readableHighWaterMark: STREAM_HIGH_WATER_MARK, writableHighWaterMark: STREAM_HIGH_WATER_MARK });
    this.dec = new AgeDecryptor(identities);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.dec.write(chunk, this.sink).then(
      () => done(),
      (err: unknown) => done(toVigilError(err)),
    );
  }

  override _flush(done: TransformCallback): void {
    try {
      this.dec.end(this.sink);
      done();
    } catch (err) {
      done(toVigilError(err));
    }
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.dec.wipe();
    cb(err);
  }
}

/** A Transform that takes an age v1 file and emits its plaintext; fails with a VigilError (AGE_*). */
export function createAgeDecryptStream(identities: AgeIdentity[]): Transform {
  return new AgeDecryptStream(identities);
}
