/**
 * The crypto engine of the RFC 3161 code: pkijs over Node's WebCrypto (OpenSSL underneath), set
 * once for the process. No network and no system trust store: trust comes only from the
 * certificates a person gives.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

/** OIDs the timestamp code reads and writes. */
export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  extKeyUsage: '2.5.29.37',
  keyUsage: '2.5.29.15',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

let engine: pkijs.CryptoEngine | null = null;

/** The pkijs engine over Node's WebCrypto, installed as pkijs's global engine on first use. */
export function tspEngine(): pkijs.CryptoEngine {
  if (engine === null) {
    // Node's webcrypto is the standard Crypto object; its TypeScript type lives under node:crypto.
    const crypto = webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
    engine = new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto });
    pkijs.setEngine('node-webcrypto', engine);
  }
  return engine;
}

/** SHA-256 of `bytes`. */
export function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/** Lowercase hex of the bytes of an ASN.1 INTEGER as a number: leading zero bytes dropped, at least one byte kept. */
export function integerHex(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return Buffer.from(bytes.subarray(i)).toString('hex');
}
