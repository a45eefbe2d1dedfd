/** RFC 3161 TimeStampReq over a checkpoint's bytes: SHA-256 imprint, a random nonce, certReq true. */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { integerHex, OID, sha256, tspEngine } from './engine';

/**
 * Bytes of the request nonce: 128 bits, of which 126 are random (the top two are fixed so the INTEGER is positive and
 * minimally encoded).
 */
const NONCE_BYTES = 16;

/**
 * A timestamp request: its DER (the .tsq file), the SHA-256 it asks to timestamp and its nonce (hex, as an integer).
 */
interface TimestampRequest {
  der: Buffer;
  imprint: string;
  nonce: string;
}

/** A fresh nonce: positive, minimally encoded (first byte 0x40–0x7f), unpredictable. */
function freshNonce(): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  nonce[0] = ((nonce[0] ?? 0) & 0x3f) | 0x40;
  return nonce;
}

/**
 * Makes a TimeStampReq (RFC 3161 §2.4.1) for `data`: version 1, messageImprint SHA-256 (with
 * NULL parameters, as `openssl ts -query` writes it), no policy, a random nonce, certReq TRUE
 * (so the reply carries the TSA's certificate), no extensions.
 */
export function makeTimestampRequest(data: Uint8Array): TimestampRequest {
  tspEngine();
  const digest = sha256(data);
  const nonce = freshNonce();
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  const der = Buffer.from(req.toSchema().toBER(false));
  return { der, imprint: digest.toString('hex'), nonce: integerHex(nonce) };
}
