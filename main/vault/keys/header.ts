import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { VigilError } from '../../../shared/errors';
import { errnoCode, toIoError, writeFileAtomic } from '../../fs/atomic';

/** The vault.json format this build reads and writes; a higher number means a newer Vigil made the vault. */
export const VAULT_FORMAT_VERSION = 1;

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

/** Argon2id bounds accepted from a header; the upper ones stop a tampered header from hanging or exhausting the machine. */
export const KDF_BOUNDS = { opsMin: 1, opsMax: 64, memMin: 8192, memMax: 4 * 1024 * 1024 * 1024 } as const;

/** A header larger than this is not a Vigil header (a real one is a few KiB). */
const MAX_HEADER_BYTES = 1024 * 1024;

/** Argon2id parameters of one slot. */
export interface KdfParams { alg: 'argon2id13'; opslimit: number; memlimit: number; salt: string }
/** An XChaCha20-Poly1305-IETF sealed value, both fields standard base64 with padding. */
export interface Sealed { nonce: string; ciphertext: string }
/** One way into the vault: the master key (and for passphrase slots the member's signing seed) sealed under a KEK. */
export interface KeySlot {
  id: string;
  kind: 'passphrase' | 'recovery';
  memberId: string;
  kdf: KdfParams;
  wrappedKey: Sealed;
  wrappedSigningKey?: Sealed;
}
/** The plaintext vault.json: format, version, vault id and key slots; never names or personal data. */
export interface VaultHeader { format: 'vigil-vault'; version: number; vaultId: string; slots: KeySlot[] }

/** Standard base64 (with padding) that decodes to exactly `bytes` bytes. */
function b64OfLength(bytes: number) {
  return z.base64().refine((s) => Buffer.from(s, 'base64').length === bytes, `must decode to ${bytes} bytes`);
}

/** Schema of a UUID as written by crypto.randomUUID(). */
export const uuidSchema = z.uuid();

/** Schema of Argon2id parameters. */
export const kdfParamsSchema = z.strictObject({
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

/** Schema of one key slot, including the rule that only passphrase slots carry a signing key. */
export const keySlotSchema = z
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

/** Schema of the whole header (this version). */
export const vaultHeaderSchema = z
  .strictObject({
    format: z.literal('vigil-vault'),
    version: z.literal(VAULT_FORMAT_VERSION),
    vaultId: uuidSchema,
    slots: z.array(keySlotSchema).min(1).max(1000),
  })
  .refine((h) => new Set(h.slots.map((s) => s.id)).size === h.slots.length, { message: 'slot ids must be unique' });

/** Rebuilds a slot with a fixed key order, dropping an absent signing key (exactOptionalPropertyTypes). */
function cleanSlot(s: z.infer<typeof keySlotSchema>): KeySlot {
  const slot: KeySlot = {
    id: s.id,
    kind: s.kind,
    memberId: s.memberId,
    kdf: { alg: s.kdf.alg, opslimit: s.kdf.opslimit, memlimit: s.kdf.memlimit, salt: s.kdf.salt },
    wrappedKey: { nonce: s.wrappedKey.nonce, ciphertext: s.wrappedKey.ciphertext },
  };
  if (s.wrappedSigningKey) slot.wrappedSigningKey = { nonce: s.wrappedSigningKey.nonce, ciphertext: s.wrappedSigningKey.ciphertext };
  return slot;
}

/** Summarises zod issues for a developer-facing cause without echoing values. */
function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** The error for a header that cannot be trusted. */
function corruptHeader(where: string, why: string, cause?: unknown): VigilError {
  return new VigilError(
    'VAULT_CORRUPT',
    `The vault header (vault.json) of ${where} is damaged or not a Vigil vault (${why}). Restore vault.json from a backup; nothing has been changed.`,
    cause === undefined ? undefined : { cause },
  );
}

/** Validates an already-parsed header value: VAULT_FROM_FUTURE for newer versions, VAULT_CORRUPT for anything malformed. */
export function parseVaultHeader(value: unknown, where = 'this vault'): VaultHeader {
  const corrupt = (why: string) => corruptHeader(where, why);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt('not a JSON object');
  const raw = value as Record<string, unknown>;
  if (raw.format !== 'vigil-vault') throw corrupt('format is not "vigil-vault"');
  // Checked before the full schema: a newer format may legitimately have a shape we do not know.
  if (typeof raw.version === 'number' && raw.version > VAULT_FORMAT_VERSION) {
    throw new VigilError('VAULT_FROM_FUTURE', `${where} was made by a newer version of Vigil (vault format ${raw.version}; this Vigil reads up to ${VAULT_FORMAT_VERSION}). Update Vigil to open it; the vault has not been changed.`);
  }
  const parsed = vaultHeaderSchema.safeParse(value);
  if (!parsed.success) throw corrupt(describeIssues(parsed.error));
  return { format: 'vigil-vault', version: parsed.data.version, vaultId: parsed.data.vaultId, slots: parsed.data.slots.map(cleanSlot) };
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
      throw new VigilError('VAULT_NOT_FOUND', `No Vigil vault was found in ${dir} (there is no vault.json). Choose the vault's folder, or create a new vault.`, { cause: err });
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

/** Validates and atomically writes `<dir>/vault.json`; an invalid header is refused, never written. */
export async function writeVaultHeader(dir: string, header: VaultHeader): Promise<void> {
  const parsed = vaultHeaderSchema.safeParse(header);
  if (!parsed.success) throw new VigilError('INVALID_INPUT', `Refusing to write an invalid vault header: ${describeIssues(parsed.error)}.`);
  const clean: VaultHeader = { format: 'vigil-vault', version: parsed.data.version, vaultId: parsed.data.vaultId, slots: parsed.data.slots.map(cleanSlot) };
  await writeFileAtomic(path.join(dir, VAULT_HEADER_FILE), `${JSON.stringify(clean, null, 2)}\n`, { mode: 0o600 });
}
