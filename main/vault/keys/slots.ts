import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MAX_PASSPHRASE_CHARS } from '../../../shared/domain';
import { VigilError, assertNever, isVigilError } from '../../../shared/errors';
import { loadSodium, wipe, type Sodium } from '../../crypto/sodium';
import {
  decoySealedKey,
  KDF_BOUNDS,
  KEY_BYTES,
  sealedKeySchema,
  sealedSlotSchema,
  uuidSchema,
  type KeySlot,
  type Sealed,
  type StoredSlot,
  type VaultHeader,
} from './header';
import { normalizeRecoveryCode } from './recovery-code';

/** Argon2id cost of one slot. */
export type KdfLimits = { opslimit: number; memlimit: number };

/**
 * A slot opened with the right secret; the caller owns (and must wipe) the key material.
 * `signingSeed` is there when the slot's second sealed key opened: a passphrase slot's
 * signing seed (a recovery slot's is random bytes, which never open).
 */
export interface UnlockedSlot {
  slot: StoredSlot;
  masterKey: Uint8Array;
  signingSeed?: Uint8Array;
}

/** A slot with its role, as openSlot checks it (a recovery slot's signing key may be random bytes). */
const keySlotShape = sealedSlotSchema.extend({
  kind: z.enum(['passphrase', 'recovery']),
  memberId: uuidSchema,
  wrappedSigningKey: sealedKeySchema.optional(),
});

const WRONG_PASSPHRASE_MESSAGE =
  'The passphrase is not correct for this vault. Check the keyboard layout and Caps Lock and try again, or ' +
  'unlock with your recovery code.';
const WRONG_RECOVERY_MESSAGE =
  'The recovery code is not correct for this vault. Compare it with the printed copy group by group; it may ' +
  'belong to another vault.';

/** The limits new slots get: libsodium's MODERATE (about 1 s and 256 MiB). */
export async function defaultKdfLimits(): Promise<KdfLimits> {
  const sodium = await loadSodium();
  return { opslimit: sodium.crypto_pwhash_OPSLIMIT_MODERATE, memlimit: sodium.crypto_pwhash_MEMLIMIT_MODERATE };
}

/** libsodium's minimum limits: for tests only, never for a real vault. */
export async function minimumKdfLimits(): Promise<KdfLimits> {
  const sodium = await loadSodium();
  return { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: sodium.crypto_pwhash_MEMLIMIT_MIN };
}

/**
 * The bytes hashed for a passphrase. Normalised to NFC because the same passphrase
 * arrives composed ("é" as one code point) from most keyboards but decomposed
 * ("e" + accent) from some macOS input paths and pasted text; without this a
 * member could be locked out by moving to another computer.
 */
function passphraseBytes(passphrase: string): Uint8Array {
  if (passphrase.length === 0)
    throw new VigilError('INVALID_INPUT', 'The passphrase is empty. Type the passphrase for this vault.');
  if (passphrase.length > MAX_PASSPHRASE_CHARS) {
    throw new VigilError(
      'INVALID_INPUT',
      `The passphrase is longer than ${MAX_PASSPHRASE_CHARS} characters, which Vigil does not take (the window ` +
        `could not type it). Choose a shorter one.`,
    );
  }
  return new TextEncoder().encode(passphrase.normalize('NFC'));
}

/** The bytes hashed for a recovery code: its canonical form, so spacing, case and look-alikes do not matter. */
function recoveryCodeBytes(code: string): Uint8Array {
  return new TextEncoder().encode(normalizeRecoveryCode(code));
}

/** Associated data binding a sealed key to its vault, slot and role, so slots cannot be swapped or moved. */
function slotAssociatedData(vaultId: string, slotId: string, role: 'master' | 'signing'): Uint8Array {
  const base = `vigil/v1/slot/${vaultId}/${slotId}`;
  return new TextEncoder().encode(role === 'signing' ? `${base}/signing` : base);
}

/** Refuses limits outside what a header may hold (and what libsodium accepts). */
function checkLimits(limits: KdfLimits): void {
  const { opslimit, memlimit } = limits;
  const ok =
    Number.isInteger(opslimit) &&
    Number.isInteger(memlimit) &&
    opslimit >= KDF_BOUNDS.opsMin &&
    opslimit <= KDF_BOUNDS.opsMax &&
    memlimit >= KDF_BOUNDS.memMin &&
    memlimit <= KDF_BOUNDS.memMax;
  if (!ok)
    throw new VigilError('INVALID_INPUT', `Argon2id limits out of range (opslimit ${opslimit}, memlimit ${memlimit}).`);
}

/** Refuses a malformed vault or member id. */
function checkUuid(value: string, what: string): void {
  if (!uuidSchema.safeParse(value).success) throw new VigilError('INVALID_INPUT', `The ${what} is not a valid UUID.`);
}

/** Refuses key material of the wrong size. */
function checkKey(key: Uint8Array, what: string): void {
  if (key.length !== KEY_BYTES)
    throw new VigilError('INVALID_INPUT', `The ${what} must be ${KEY_BYTES} bytes, not ${key.length}.`);
}

/** The key-encryption key of a secret under given Argon2id parameters. */
function deriveKek(sodium: Sodium, secret: Uint8Array, salt: Uint8Array, limits: KdfLimits): Uint8Array {
  return sodium.crypto_pwhash(
    KEY_BYTES,
    secret,
    salt,
    limits.opslimit,
    limits.memlimit,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
}

/** Seals a key under the KEK with a fresh random nonce. */
function seal(sodium: Sodium, plaintext: Uint8Array, ad: Uint8Array, kek: Uint8Array): Sealed {
  const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, kek);
  return { nonce: Buffer.from(nonce).toString('base64'), ciphertext: Buffer.from(ciphertext).toString('base64') };
}

/** Opens a sealed key, or null when the KEK, AD or any byte is wrong. */
function unseal(sodium: Sodium, sealed: Sealed, ad: Uint8Array, kek: Uint8Array): Uint8Array | null {
  try {
    const nonce = new Uint8Array(Buffer.from(sealed.nonce, 'base64'));
    const ciphertext = new Uint8Array(Buffer.from(sealed.ciphertext, 'base64'));
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, kek);
  } catch {
    return null;
  }
}

/** Arguments shared by both slot kinds once the secret is in bytes. */
interface NewSlot {
  vaultId: string;
  memberId: string;
  masterKey: Uint8Array;
  signingSeed?: Uint8Array;
  limits?: KdfLimits;
}

/** Builds a slot of either kind; the secret bytes are wiped before returning. */
async function createSlot(kind: KeySlot['kind'], a: NewSlot, secret: Uint8Array): Promise<KeySlot> {
  const sodium = await loadSodium();
  let kek: Uint8Array | undefined;
  try {
    checkUuid(a.vaultId, 'vault id');
    checkUuid(a.memberId, 'member id');
    checkKey(a.masterKey, 'master key');
    if (a.signingSeed) checkKey(a.signingSeed, 'signing seed');
    const limits = a.limits ?? (await defaultKdfLimits());
    checkLimits(limits);
    const id = randomUUID();
    const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
    kek = deriveKek(sodium, secret, salt, limits);
    const slot: KeySlot = {
      id,
      kind,
      memberId: a.memberId,
      kdf: {
        alg: 'argon2id13',
        opslimit: limits.opslimit,
        memlimit: limits.memlimit,
        salt: Buffer.from(salt).toString('base64'),
      },
      wrappedKey: seal(sodium, a.masterKey, slotAssociatedData(a.vaultId, id, 'master'), kek),
    };
    // A recovery slot carries random bytes where a passphrase slot carries the signing seed: in vault.json they look
    // alike.
    slot.wrappedSigningKey = a.signingSeed
      ? seal(sodium, a.signingSeed, slotAssociatedData(a.vaultId, id, 'signing'), kek)
      : decoySealedKey();
    return slot;
  } finally {
    wipe(kek, secret);
  }
}

/** A new passphrase slot holding the master key and the member's signing seed. */
export async function createPassphraseSlot(a: {
  vaultId: string;
  memberId: string;
  masterKey: Uint8Array;
  signingSeed: Uint8Array;
  passphrase: string;
  limits?: KdfLimits;
}): Promise<KeySlot> {
  return createSlot('passphrase', a, passphraseBytes(a.passphrase));
}

/**
 * A new recovery slot holding the master key only (a recovery code signs as nobody), and random bytes in the signing
 * key's place.
 */
export async function createRecoverySlot(a: {
  vaultId: string;
  memberId: string;
  masterKey: Uint8Array;
  recoveryCode: string;
  limits?: KdfLimits;
}): Promise<KeySlot> {
  return createSlot('recovery', a, recoveryCodeBytes(a.recoveryCode));
}

/** The secret's bytes as the slot's kind hashes them. */
function secretBytesFor(kind: KeySlot['kind'], secret: string): Uint8Array {
  switch (kind) {
    case 'passphrase':
      return passphraseBytes(secret);
    case 'recovery':
      return recoveryCodeBytes(secret);
    default:
      return assertNever(kind, 'slot kind');
  }
}

/** Opens a slot's sealed keys with the secret's bytes; null when the master key does not open (a wrong secret). */
async function unsealSlot(vaultId: string, slot: StoredSlot, bytes: Uint8Array): Promise<UnlockedSlot | null> {
  const sodium = await loadSodium();
  const salt = new Uint8Array(Buffer.from(slot.kdf.salt, 'base64'));
  let kek: Uint8Array | undefined;
  try {
    kek = deriveKek(sodium, bytes, salt, slot.kdf);
    const masterKey = unseal(sodium, slot.wrappedKey, slotAssociatedData(vaultId, slot.id, 'master'), kek);
    if (!masterKey) return null;
    const signingSeed = slot.wrappedSigningKey
      ? unseal(sodium, slot.wrappedSigningKey, slotAssociatedData(vaultId, slot.id, 'signing'), kek)
      : null;
    return signingSeed ? { slot, masterKey, signingSeed } : { slot, masterKey };
  } finally {
    wipe(kek);
  }
}

/** The error for a passphrase slot whose master key opened but whose signing key did not. */
export function damagedSigningKey(): VigilError {
  return new VigilError(
    'VAULT_CORRUPT',
    "The passphrase is right, but this member's sealed signing key in vault.json is damaged. Restore " +
      'vault.json from a backup.',
  );
}

/**
 * Opens one slot with a passphrase or recovery code; WRONG_PASSPHRASE (after the Argon2id time) when it does not fit.
 */
export async function openSlot(vaultId: string, slot: KeySlot, secret: string): Promise<UnlockedSlot> {
  checkUuid(vaultId, 'vault id');
  if (!keySlotShape.safeParse(slot).success) {
    throw new VigilError(
      'VAULT_CORRUPT',
      'A key slot in vault.json is damaged. Restore vault.json from a backup; nothing has been changed.',
    );
  }
  const bytes = secretBytesFor(slot.kind, secret);
  let opened: UnlockedSlot | null;
  try {
    opened = await unsealSlot(vaultId, slot, bytes);
  } finally {
    wipe(bytes);
  }
  if (!opened)
    throw new VigilError(
      'WRONG_PASSPHRASE',
      slot.kind === 'recovery' ? WRONG_RECOVERY_MESSAGE : WRONG_PASSPHRASE_MESSAGE,
    );
  if (slot.kind === 'recovery') {
    wipe(opened.signingSeed);
    return { slot, masterKey: opened.masterKey };
  }
  if (!opened.signingSeed) {
    wipe(opened.masterKey);
    throw damagedSigningKey();
  }
  return opened;
}

/** Tries `slots` in order with `secret`; null when none opens. */
async function tryEach(vaultId: string, slots: KeySlot[], secret: string): Promise<UnlockedSlot | null> {
  for (const slot of slots) {
    try {
      return await openSlot(vaultId, slot, secret);
    } catch (err) {
      if (!(isVigilError(err) && err.code === 'WRONG_PASSPHRASE')) throw err;
    }
  }
  return null;
}

/** Whether a typed passphrase could be a recovery code (people paste it into the passphrase field). */
function looksLikeRecoveryCode(text: string): boolean {
  try {
    normalizeRecoveryCode(text);
    return true;
  } catch {
    return false;
  }
}

/** A format 1 slot with the role its header named. */
function withRole(slot: StoredSlot): KeySlot | null {
  if (!slot.role) return null;
  const { role, ...sealed } = slot;
  return { ...sealed, kind: role.kind, memberId: role.memberId };
}

/** The opened slot as its format 1 header gave it, role included. */
function asNamed(opened: UnlockedSlot, header: VaultHeader): UnlockedSlot {
  return { ...opened, slot: header.slots.find((s) => s.id === opened.slot.id) ?? opened.slot };
}

/** Format 1: the header names each slot's kind, so only slots of the secret's kind are tried. */
async function unlockByKind(
  header: VaultHeader,
  slots: KeySlot[],
  secret: { passphrase: string } | { recoveryCode: string },
): Promise<UnlockedSlot> {
  const ofKind = (kind: KeySlot['kind']) => slots.filter((s) => s.kind === kind);
  if ('passphrase' in secret) {
    const opened =
      (await tryEach(header.vaultId, ofKind('passphrase'), secret.passphrase)) ??
      (looksLikeRecoveryCode(secret.passphrase)
        ? await tryEach(header.vaultId, ofKind('recovery'), secret.passphrase)
        : null);
    if (opened) return asNamed(opened, header);
    throw new VigilError('WRONG_PASSPHRASE', WRONG_PASSPHRASE_MESSAGE);
  }
  const code = normalizeRecoveryCode(secret.recoveryCode);
  const opened = await tryEach(header.vaultId, ofKind('recovery'), code);
  if (opened) return asNamed(opened, header);
  throw new VigilError('WRONG_PASSPHRASE', WRONG_RECOVERY_MESSAGE);
}

/**
 * Format 2: nothing says which slot is whose or of which kind, so each slot is tried in turn
 * (at most MAX_SLOTS, each one Argon2id run) with the secret as a passphrase and, when it is
 * shaped like one, as a recovery code. The opened slot's role comes from the database.
 */
async function unlockAnySlot(
  header: VaultHeader,
  secret: { passphrase: string } | { recoveryCode: string },
): Promise<UnlockedSlot> {
  const forms =
    'passphrase' in secret
      ? [
          passphraseBytes(secret.passphrase),
          ...(looksLikeRecoveryCode(secret.passphrase) ? [recoveryCodeBytes(secret.passphrase)] : []),
        ]
      : [recoveryCodeBytes(secret.recoveryCode)];
  try {
    for (const bytes of forms) {
      for (const slot of header.slots) {
        const opened = await unsealSlot(header.vaultId, slot, bytes);
        if (opened) return opened;
      }
    }
  } finally {
    wipe(...forms);
  }
  throw new VigilError('WRONG_PASSPHRASE', 'passphrase' in secret ? WRONG_PASSPHRASE_MESSAGE : WRONG_RECOVERY_MESSAGE);
}

/**
 * Unlocks a vault header with a passphrase (a format 1 header: passphrase slots first, then
 * recovery slots if the text is shaped like a recovery code) or with a recovery code.
 */
export async function unlockWithSecret(
  header: VaultHeader,
  secret: { passphrase: string } | { recoveryCode: string },
): Promise<UnlockedSlot> {
  // refuses an empty passphrase before any Argon2id work
  if ('passphrase' in secret) passphraseBytes(secret.passphrase).fill(0);
  checkUuid(header.vaultId, 'vault id');
  const known = header.slots.map(withRole);
  if (known.every((s): s is KeySlot => s !== null)) return unlockByKind(header, known, secret);
  return unlockAnySlot(header, secret);
}
