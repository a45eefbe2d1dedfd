import type { Transform } from 'node:stream';
import { createAgeDecryptStream } from './decrypt-stream';
import { createAgeEncryptStream } from './encrypt-stream';
import type { AgeIdentity, AgeRecipient } from './types';

export type { AgeIdentity, AgeRecipient } from './types';
export { CHUNK_SIZE } from './types';
export {
  parseRecipient,
  parseIdentity,
  identitiesInText,
  encodeRecipient,
  encodeIdentity,
  generateX25519Identity,
} from './keys';
export { x25519PublicKey } from './x25519';
export { DEFAULT_SCRYPT_LOG_N, DEFAULT_MAX_SCRYPT_LOG_N } from './scrypt';
export { createAgeEncryptStream } from './encrypt-stream';
export { chunksIn, sealBatchInPlace, sealedLength, startAgeFile, type AgeFileStart } from './batch-seal';
export { createAgeDecryptStream } from './decrypt-stream';
export { openAgeFile, type AgeFileReader } from './reader';

function runThrough(stream: Transform, input: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    stream.on('data', (b: Buffer) => out.push(b));
    stream.on('end', () => resolve(Buffer.concat(out)));
    stream.on('error', reject);
    stream.end(Buffer.from(input.buffer, input.byteOffset, input.byteLength));
  });
}

/** Encrypts a whole buffer to an age v1 file. */
export function ageEncrypt(plaintext: Uint8Array, recipients: AgeRecipient[]): Promise<Buffer> {
  return runThrough(createAgeEncryptStream(recipients), plaintext);
}

/** Decrypts a whole age v1 file; rejects with AGE_NO_IDENTITY_MATCH or AGE_MALFORMED. */
export function ageDecrypt(file: Uint8Array, identities: AgeIdentity[]): Promise<Buffer> {
  return runThrough(createAgeDecryptStream(identities), file);
}
