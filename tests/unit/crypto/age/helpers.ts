import { createHash } from 'node:crypto';
import type { Transform } from 'node:stream';
import { isVigilError, type ErrorCode } from '../../../../shared/errors';

/** SHA-256 hex of bytes. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What a transform emitted before it ended or failed, and the error code if it failed. */
export interface StreamOutcome {
  output: Buffer;
  code: ErrorCode | 'NOT_VIGIL' | null;
}

/** Feeds `input` to a transform in pieces of `piece` bytes and collects everything it emits. */
export function runStream(stream: Transform, input: Uint8Array, piece = 64 * 1024): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    stream.on('data', (b: Buffer) => out.push(b));
    stream.on('end', () => resolve({ output: Buffer.concat(out), code: null }));
    stream.on('error', (err) =>
      resolve({ output: Buffer.concat(out), code: isVigilError(err) ? err.code : 'NOT_VIGIL' }),
    );
    const buf = Buffer.from(input);
    for (let i = 0; i < buf.length; i += piece) stream.write(buf.subarray(i, i + piece));
    stream.end();
  });
}

/** The error code a promise rejects with, or null when it resolves. */
export async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'NOT_VIGIL' | null> {
  try {
    await p;
    return null;
  } catch (err) {
    return isVigilError(err) ? err.code : 'NOT_VIGIL';
  }
}
