import { randomBytes, randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { VigilError } from '../../../shared/errors';
import { errnoCode, toIoError, writeFileAtomic } from '../../fs/atomic';

/**
 * The vault.json format this build writes; a higher number means a newer Vigil made the vault.
 * Format 1 named each slot's kind and member in the clear; format 2 (issue 14) keeps that in the
 * encrypted database and makes every slot look alike. Format 1 is still read, and rewritten as
 * format 2 the next time the vault is unlocked (slot-roles.ts).
 */
export const VAULT_FORMAT_VERSION = 2;

/** The header's file name inside a vault folder. */
export const VAULT_HEADER_FILE = 'vault.json';

/** Byte sizes fixed by the format (they equal libsodium's constants; a unit test checks that). */
export const SALT_BYTES = 16; // crypto_pwhash_SALTBYTES
/** XChaCha20-Poly1305-IETF nonce size (crypto_aead_xchacha20poly1305_ietf_NPUBBYTES). */
export const NONCE_BYTES = 24;
/** Poly1305 tag size (crypto_aead_xchacha20poly1305_ietf_ABYTES). */
export const TAG_BYTES = 16;
/** Size of the master key and of an Ed25519 seed. */
export const KEY_BYTES = 32;

/**
 * Argon2id bounds accepted from a header; the upper ones stop a tampered header from hanging or exhausting the machine.
 */
export const KDF_BOUNDS = { opsMin: 1, opsMax: 64, memMin: 8192, memMax: 4 * 1024 * 1024 * 1024 } as const;

/** A header larger than this is not a Vigil header (a real one is a few KiB). */
export const MAX_HEADER_BYTES = 1024 * 1024;

/** Argon2id parameters of one slot. */
interface KdfParams {
  alg: 'argon2id13';
  opslimit: number;
  memlimit: number;
  salt: string;
}
/** An XChaCha20-Poly1305-IETF sealed value, both fields standard base64 with padding. */
export interface Sealed {
  nonce: string;
  ciphertext: string;
}
/** What a slot is and whose: in vault.json only in format 1; since format 2 in the database's key_slots table. */
export interface SlotRole {
  kind: 'passphrase' | 'recovery';
  memberId: string;
}
/**
 * A slot as vault.json holds it: the master key (and a signing seed, or in a recovery slot
 * random bytes of the same size) sealed under a key derived from its secret. `role` is
 * present only when read from a format 1 header.
 */
export interface StoredSlot {
  id: string;
  kdf: KdfParams;
  wrappedKey: Sealed;
  wrappedSigningKey?: Sealed;
  role?: SlotRole;
}
/**
 * One way into the vault with its role known: the master key (and for passphrase slots the member's signing seed)
 * sealed under a KEK.
 */
export interface KeySlot {
  id: string;
  kind: 'passphrase' | 'recovery';
  memberId: string;
  kdf: KdfParams;
  wrappedKey: Sealed;
  wrappedSigningKey?: Sealed;
}
/** The plaintext vault.json as read: format, version, vault id and key slots; never names or personal data. */
export interface VaultHeader {
  format: 'vigil-vault';
  version: number;
  vaultId: string;
  slots: StoredSlot[];
}

/** The most slots a format 2 header may have: an unlock tries each one (Argon2id, about 1 s each). */
const MAX_SLOTS = 64;

/** Standard base64 (with padding) that decodes to exactly `bytes` bytes. */
function b64OfLength(bytes: number) {
  return z.base64().refine((s) => Buffer.from(s, 'base64').length === bytes, `must decode to ${bytes} bytes`);
}

/** Schema of a UUID as written by crypto.randomUUID(). */
export const uuidSchema = z.uuid();

/** Schema of Argon2id parameters. */
const kdfParamsSchema = z.strictObject({
  alg: z.literal('argon2id13'),
  opslimit: z.number().int().min(KDF_BOUNDS.opsMin).max(KDF_BOUNDS.opsMax),
  memlimit: z.number().int().min(KDF_BOUNDS.memMin).max(KDF_BOUNDS.memMax),
  salt: b64OfLength(SALT_BYTES),
});

/** Schema of a sealed 32-byte key. */
export const sealedKeySchema = z.strictObject({
  nonce: b64OfLength(NONCE_BYTES),
  ciphertext: b64OfLength(KEY_BYTES + TAG_BYTES),
});

/** Schema of one format 1 key slot, including the rule that only passphrase slots carry a signing key. */
const keySlotSchema = z
  .strictObject({
    id: uuidSchema,
    kind: z.enum(['passphrase', 'recovery']),
    memberId: uuidSchema,
    kdf: kdfParamsSchema,
    wrappedKey: sealedKeySchema,
    wrappedSigningKey: sealedKeySchema.optional(),
  })
  .refine((s) => (s.kind === 'passphrase') === (s.wrappedSigningKey !== undefined), {
    message: 'a passphrase slot must carry wrappedSigningKey and a recovery slot must not',
  });

const uniqueIds = (h: { slots: { id: string }[] }): boolean =>
  new Set(h.slots.map((s) => s.id)).size === h.slots.length;

/** Schema of a format 1 header (read only). */
const vaultHeaderV1Schema = z
  .strictObject({
    format: z.literal('vigil-vault'),
    version: z.literal(1),
    vaultId: uuidSchema,
    slots: z.array(keySlotSchema).min(1).max(1000),
  })
  .refine(uniqueIds, { message: 'slot ids must be unique' });

/** Schema of a format 2 slot: nothing but its id, KDF parameters and two sealed keys, the same shape for every kind. */
export const sealedSlotSchema = z.strictObject({
  id: uuidSchema,
  kdf: kdfParamsSchema,
  wrappedKey: sealedKeySchema,
  wrappedSigningKey: sealedKeySchema,
});

/** Schema of a format 2 header (the one written). */
const vaultHeaderSchema = z
  .strictObject({
    format: z.literal('vigil-vault'),
    version: z.literal(VAULT_FORMAT_VERSION),
    vaultId: uuidSchema,
    slots: z.array(sealedSlotSchema).min(1).max(MAX_SLOTS),
  })
  .refine(uniqueIds, { message: 'slot ids must be unique' });

/** The sealed parts of a slot, whatever else the value carries (roles are never written). */
export type SlotFields = Pick<StoredSlot, 'id' | 'kdf' | 'wrappedKey'> & { wrappedSigningKey?: Sealed | undefined };

/**
 * Rebuilds a slot's sealed parts with a fixed key order, dropping an absent signing key (exactOptionalPropertyTypes).
 */
function cleanSlot(s: SlotFields): StoredSlot {
  const slot: StoredSlot = {
    id: s.id,
    kdf: { alg: s.kdf.alg, opslimit: s.kdf.opslimit, memlimit: s.kdf.memlimit, salt: s.kdf.salt },
    wrappedKey: { nonce: s.wrappedKey.nonce, ciphertext: s.wrappedKey.ciphertext },
  };
  if (s.wrappedSigningKey)
    slot.wrappedSigningKey = { nonce: s.wrappedSigningKey.nonce, ciphertext: s.wrappedSigningKey.ciphertext };
  return slot;
}

/**
 * Random bytes shaped as a sealed signing key: a recovery slot carries them where a passphrase
 * slot carries the member's sealed signing seed, so that the two cannot be told apart.
 */
export function decoySealedKey(): Sealed {
  return {
    nonce: randomBytes(NONCE_BYTES).toString('base64'),
    ciphertext: randomBytes(KEY_BYTES + TAG_BYTES).toString('base64'),
  };
}

/** The slots in a random order (Fisher–Yates), so the order of creation does not tell which slot is which. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Summarises zod issues for a developer-facing cause without echoing values. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** The error for a header that cannot be trusted. */
function corruptHeader(where: string, why: string, cause?: unknown): VigilError {
  return new VigilError(
    'VAULT_CORRUPT',
    `The vault header (vault.json) of ${where} is damaged or not a Vigil vault (${why}). Restore vault.json ` +
      `from a backup; nothing has been changed.`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Validates an already-parsed header value: VAULT_FROM_FUTURE for newer versions, VAULT_CORRUPT for anything malformed.
 */
function parseVaultHeader(value: unknown, where = 'this vault'): VaultHeader {
  const corrupt = (why: string) => corruptHeader(where, why);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt('not a JSON object');
  const raw = value as Record<string, unknown>;
  if (raw.format !== 'vigil-vault') throw corrupt('format is not "vigil-vault"');
  // Checked before the full schema: a newer format may legitimately have a shape we do not know.
  if (typeof raw.version === 'number' && raw.version > VAULT_FORMAT_VERSION) {
    throw new VigilError(
      'VAULT_FROM_FUTURE',
      `${where} was made by a newer version of Vigil (vault format ${raw.version}; this Vigil reads up to ` +
        `${VAULT_FORMAT_VERSION}). Update Vigil to open it; the vault has not been changed.`,
    );
  }
  if (raw.version === 1) {
    const v1 = vaultHeaderV1Schema.safeParse(value);
    if (!v1.success) throw corrupt(describeIssues(v1.error));
    return {
      format: 'vigil-vault',
      version: 1,
      vaultId: v1.data.vaultId,
      slots: v1.data.slots.map((s) => ({ ...cleanSlot(s), role: { kind: s.kind, memberId: s.memberId } })),
    };
  }
  const parsed = vaultHeaderSchema.safeParse(value);
  if (!parsed.success) throw corrupt(describeIssues(parsed.error));
  return {
    format: 'vigil-vault',
    version: parsed.data.version,
    vaultId: parsed.data.vaultId,
    slots: parsed.data.slots.map(cleanSlot),
  };
}

/** Reads and validates `<dir>/vault.json`; VAULT_NOT_FOUND when there is none. */
export async function readVaultHeader(dir: string): Promise<VaultHeader> {
  const file = path.join(dir, VAULT_HEADER_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new VigilError(
        'VAULT_NOT_FOUND',
        `No Vigil vault was found in ${dir} (there is no vault.json). Choose the vault's folder, or create a ` +
          `new vault.`,
        { cause: err },
      );
    }
    throw toIoError(err, `reading the vault header in ${dir}`);
  }
  if (bytes.length > MAX_HEADER_BYTES) throw corruptHeader(dir, 'the file is far too large');
  return parseVaultHeaderText(bytes.toString('utf8'), dir);
}

/** Parses header JSON text (exported for tests and tools). */
export function parseVaultHeaderText(text: string, where = 'this vault'): VaultHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw corruptHeader(where, 'it is not valid JSON', err);
  }
  return parseVaultHeader(value, where);
}

/**
 * The exact text vault.json will hold, in the current format: each slot's sealed parts only
 * (a slot without a signing key gets random bytes in its place), in a random order, validated.
 * Each call decides the order and the random bytes afresh, so a caller hashes and writes the
 * one string it got (header-change.ts). An invalid header is refused.
 */
export function vaultHeaderText(header: { vaultId: string; slots: SlotFields[] }): string {
  const slots = shuffled(
    header.slots.map((s) => cleanSlot({ ...s, wrappedSigningKey: s.wrappedSigningKey ?? decoySealedKey() })),
  );
  const clean = { format: 'vigil-vault' as const, version: VAULT_FORMAT_VERSION, vaultId: header.vaultId, slots };
  const parsed = vaultHeaderSchema.safeParse(clean);
  if (!parsed.success)
    throw new VigilError(
      'INVALID_INPUT',
      `Refusing to write an invalid vault header: ${describeIssues(parsed.error)}.`,
    );
  return `${JSON.stringify(clean, null, 2)}\n`;
}

/**
 * Writes vaultHeaderText(header) atomically to `<dir>/vault.json` (tests and tools; the vault itself writes through
 * header-change.ts).
 */
export async function writeVaultHeader(dir: string, header: { vaultId: string; slots: SlotFields[] }): Promise<void> {
  await writeFileAtomic(path.join(dir, VAULT_HEADER_FILE), vaultHeaderText(header), { mode: 0o600 });
}
