/** Schemas of the vault area: the session's life cycle (create, unlock, lock) and the status summary. */
import { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import { EmptySchema, GrantSchema, GrantedPathSchema, PathSchema } from './common';
import { MAX_PASSPHRASE_CHARS } from '../domain';
import type { VAULT_CHANNELS, VAULT_EVENTS } from './vault.channels';

/** Passphrases are never trimmed or normalised: what was typed is the secret. */
const PassphraseSchema = z.string().min(1, 'Enter the passphrase').max(MAX_PASSPHRASE_CHARS);

/**
 * What unlocking put right after a crash (DESIGN §7): an interrupted key-slot change finished
 * or dropped, objects an interrupted add or import stored published or removed, files of an
 * interrupted export finished, removed, or left for when their folder is back. Counts only.
 */
const RecoveredSchema = z.object({
  header: z.enum(['none', 'completed', 'dropped', 'created']),
  objectsPublished: z.number().int().nonnegative(),
  objectsRemoved: z.number().int().nonnegative(),
  exportsFinished: z.number().int().nonnegative(),
  exportsRemoved: z.number().int().nonnegative(),
  exportsUnreachable: z.number().int().nonnegative(),
});

/** Whether a vault is open in this window, and as whom. */
const VaultStateSchema = z.discriminatedUnion('unlocked', [
  z.object({ unlocked: z.literal(false) }),
  z.object({
    unlocked: z.literal(true),
    dir: PathSchema,
    vaultId: z.string(),
    member: z.object({ id: z.string(), name: z.string() }),
    /** Opened with the recovery code: a new passphrase must be set before anything can be signed. */
    needsNewPassphrase: z.boolean(),
    recovered: RecoveredSchema.optional(),
  }),
]);

/** Why the vault was locked. */
// 'host-restarted': the process holding the vault died and a new one was started; the keys went with the old one.
const LockReasonSchema = z.enum(['user', 'idle', 'suspend', 'screen-lock', 'quit', 'host-restarted']);

/** channel → request and response schemas. */
export const vaultContract = {
  'vault:state': { req: EmptySchema, res: VaultStateSchema },
  /**
   * Creates a vault in an empty or new granted folder and opens it; the recovery code is shown once and never stored.
   */
  'vault:create': {
    req: z
      .object({
        folder: GrantSchema,
        memberName: z.string().trim().min(1, 'Enter your name').max(200),
        passphrase: PassphraseSchema,
      })
      .strict(),
    res: z.object({ recoveryCode: z.string(), state: VaultStateSchema }),
  },
  'vault:unlock': {
    req: z.union([
      z.object({ folder: GrantSchema, passphrase: PassphraseSchema }).strict(),
      z.object({ folder: GrantSchema, recoveryCode: z.string().min(1).max(200) }).strict(),
    ]),
    res: VaultStateSchema,
  },
  /** The folder of the vault last opened here, granted for one unlock; null when none is remembered. */
  'vault:remembered': { req: EmptySchema, res: z.object({ folder: GrantedPathSchema.nullable() }) },
  /** Drops the keys and closes the database; the vault:locked event follows. */
  'vault:lock': { req: EmptySchema, res: z.object({}) },
  'vault:status': {
    req: EmptySchema,
    res: z.object({
      vaultId: z.string(),
      formatVersion: z.number(),
      schemaVersion: z.number(),
      member: z.object({ id: z.string(), name: z.string(), publicKey: z.string() }),
      counts: z.object({
        members: z.number(),
        items: z.number(),
        objects: z.number(),
        bytes: z.number(),
        checkpoints: z.number(),
      }),
      custody: z.object({ size: z.number(), root: z.string(), lastHash: z.string() }),
      latestCheckpoint: z.object({ size: z.number(), root: z.string(), createdAt: z.string() }).nullable(),
    }),
  },
} as const satisfies { [C in (typeof VAULT_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const vaultEvents = {
  'vault:locked': z.object({ reason: LockReasonSchema }),
} as const satisfies { [E in (typeof VAULT_EVENTS)[number]]: z.ZodType };
