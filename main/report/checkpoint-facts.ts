/**
 * The checkpoint a report is tied to, with what a reader needs to check its
 * signature without Vigil: the signed body, the bare Ed25519 signature, and the
 * signer's key as minisign prints it and as OpenSSL reads it (DER
 * SubjectPublicKeyInfo in base64: one line, unlike PEM, whose dashed lines
 * PDF text extraction joins as if hyphenated).
 */
import { VigilError } from '../../shared/errors';
import { minisignKeyId, minisignPublicKeyLine } from '../crypto/minisign';
import { parseCheckpoint } from '../custody';
import type { StoredCheckpoint } from '../custody/checkpoint-store';
import { keyFingerprint } from '../vault/identity';

/** The checkpoint as the report prints it. */
export interface ReportCheckpoint {
  size: number;
  rootHex: string;
  rootBase64: string;
  /** The whole signed note, as `vigil checkpoint` prints it. */
  note: string;
  /** The signed text: origin, size and root lines, each ending in LF. */
  body: string;
  /** The Ed25519 signature alone (the note's signature without its 4-byte key id), base64. */
  signatureBase64: string;
  madeAt: string;
  signer: { publicKeyHex: string; minisignKeyLine: string; fingerprint: string; spkiBase64: string };
}

/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw 32-byte key follows. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * An Ed25519 public key as base64 DER SubjectPublicKeyInfo, which `openssl pkeyutl -pubin -keyform DER` reads once
 * decoded.
 */
function ed25519SpkiBase64(publicKey: Uint8Array): string {
  return Buffer.concat([ED25519_SPKI_PREFIX, publicKey]).toString('base64');
}

/** The report's view of a stored checkpoint: its parts, and its signer's key in the forms minisign and OpenSSL read. */
export function checkpointFacts(stored: StoredCheckpoint): ReportCheckpoint {
  const parsed = parseCheckpoint(stored.note);
  const [sig] = parsed.signatures;
  if (!sig) throw new VigilError('INTERNAL', 'The checkpoint just made carries no signature.');
  const publicKey = Buffer.from(stored.signer, 'hex');
  const keyLine = minisignPublicKeyLine(minisignKeyId(publicKey), publicKey);
  return {
    size: parsed.size,
    rootHex: parsed.root.toString('hex'),
    rootBase64: parsed.root.toString('base64'),
    note: stored.note,
    body: parsed.body,
    signatureBase64: sig.signature.toString('base64'),
    madeAt: stored.createdAt,
    signer: {
      publicKeyHex: stored.signer,
      minisignKeyLine: keyLine,
      fingerprint: keyFingerprint(keyLine),
      spkiBase64: ed25519SpkiBase64(publicKey),
    },
  };
}
