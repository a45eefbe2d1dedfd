import { createHash, hkdfSync } from 'node:crypto';
import { encodeRecipient, x25519PublicKey, type AgeIdentity } from '../crypto/age';
import {
  encodeMinisignPublicKey,
  keyIdHex,
  minisignKeyId,
  minisignPublicKeyLine,
  type MinisignKey,
} from '../crypto/minisign';
import { wipe } from '../crypto/sodium';
import type { Vault } from './vault';

/** HKDF info for the member's age identity; fixed, changing it changes every member's recipient. */
const MEMBER_AGE_IDENTITY_INFO = 'vigil/v1/member-age-identity';

/** What a member hands out so others can send them packages and check their signatures. */
interface MemberIdentity {
  /** The member's age X25519 recipient, "age1…", to encrypt packages to. */
  ageRecipient: string;
  /** The matching secret; the caller wipes `secretKey` when done. */
  ageIdentity: AgeIdentity;
  /** The member's minisign .pub text (their custody signing key in minisign form). */
  minisignPublicKey: string;
  /** The minisign key id as minisign prints it (16 upper-case hex digits). */
  minisignKeyId: string;
  /** Short fingerprints to read out over a separate channel. */
  fingerprints: { age: string; minisign: string };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 15 bytes = 120 bits = 24 Crockford digits: six whole groups of four, short enough to read over a phone. */
const FINGERPRINT_BYTES = 15;

/**
 * A fingerprint of a public key's text: SHA-256, the first 15 bytes, in
 * Crockford base32 (no I, L, O, U to misread) grouped by four. The text is
 * the canonical key line ("age1…", or the minisign base64 line), so both
 * sides compute it from what they were given.
 */
export function keyFingerprint(keyText: string): string {
  const bytes = createHash('sha256').update(keyText.trim(), 'utf8').digest().subarray(0, FINGERPRINT_BYTES);
  let bits = 0;
  let value = 0;
  let digits = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      digits += CROCKFORD[(value >>> bits) & 31] ?? '';
    }
    value &= (1 << bits) - 1;
  }
  return (digits.match(/.{4}/g) ?? []).join(' ');
}

/**
 * The acting member's minisign signing key: their Ed25519 custody key, so a
 * package's keys.txt names the same identity that signed the custody log.
 * The secret key is the signer's own buffer: do not wipe it (locking does).
 */
export function memberMinisignKey(vault: Vault): MinisignKey {
  const { publicKey, secretKey } = vault.requireSigner().keyPair();
  return { keyId: minisignKeyId(publicKey), publicKey, secretKey };
}

/**
 * The acting member's receiving and signing identity. The age secret is
 * HKDF-SHA256(signing seed, info "vigil/v1/member-age-identity"): stored
 * encrypted exactly as the signing key is, and rotated with it.
 */
export function memberIdentity(vault: Vault): MemberIdentity {
  const key = memberMinisignKey(vault);
  // libsodium's 64-byte Ed25519 secret key is the 32-byte seed followed by the public key.
  const seed = key.secretKey.slice(0, 32);
  const secretKey = new Uint8Array(hkdfSync('sha256', seed, new Uint8Array(0), MEMBER_AGE_IDENTITY_INFO, 32));
  wipe(seed);
  const ageRecipient = encodeRecipient(x25519PublicKey(secretKey));
  return {
    ageRecipient,
    ageIdentity: { kind: 'x25519', secretKey },
    minisignPublicKey: encodeMinisignPublicKey(key.keyId, key.publicKey),
    minisignKeyId: keyIdHex(key.keyId),
    fingerprints: {
      age: keyFingerprint(ageRecipient),
      minisign: keyFingerprint(minisignPublicKeyLine(key.keyId, key.publicKey)),
    },
  };
}

/** Runs `fn` with the acting member's age identity (to open packages sent to them), wiping its secret afterwards. */
export async function withOwnAgeIdentity<T>(vault: Vault, fn: (identity: AgeIdentity) => Promise<T>): Promise<T> {
  const { ageIdentity } = memberIdentity(vault);
  try {
    return await fn(ageIdentity);
  } finally {
    if (ageIdentity.kind === 'x25519') wipe(ageIdentity.secretKey);
  }
}
