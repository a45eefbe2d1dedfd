/**
 * Schemas of the settings area: the app's own settings (which exist before any
 * vault is unlocked), the vault's members and passphrases, and the recipients
 * address book.
 */
import { z } from 'zod';
import type { ChannelSchemas } from '../contract-types';
import { DoneSchema, EmptySchema, IdSchema, PathSchema } from './common';
import { MAX_PASSPHRASE_CHARS } from '../domain';
import type { SETTINGS_CHANNELS, SETTINGS_EVENTS } from './settings.channels';
import { AUTO_LOCK_MAX_MINUTES, AUTO_LOCK_MIN_MINUTES, SETTINGS_LANGUAGES } from './settings.values';

// The plain values live in settings.values (the renderer imports them without zod); re-exported for the main process.
export {
  AUTO_LOCK_DEFAULT_MINUTES,
  AUTO_LOCK_MAX_MINUTES,
  AUTO_LOCK_MIN_MINUTES,
  SETTINGS_LANGUAGES,
} from './settings.values';

/** The app's settings as the interface sees and changes them. No secrets. */
const InterfaceSettingsSchema = z.object({
  autoLockMinutes: z
    .number()
    .int('The auto-lock time is a whole number of minutes')
    .min(AUTO_LOCK_MIN_MINUTES, `Auto-lock cannot be shorter than ${AUTO_LOCK_MIN_MINUTES} minute`)
    .max(AUTO_LOCK_MAX_MINUTES, `Auto-lock cannot be longer than ${AUTO_LOCK_MAX_MINUTES} minutes (8 hours)`),
  /** null: follow the system's language. */
  language: z.enum(SETTINGS_LANGUAGES).nullable(),
});

/**
 * The app's settings file: the interface's settings and the folder of the vault
 * last opened, which only the main process sets (after an unlock of a folder the
 * person chose) and the window never sees or changes: it gets a grant for it.
 */
export const AppSettingsSchema = InterfaceSettingsSchema.extend({ lastVaultDir: PathSchema.nullable() });

/** The settings the window sees. */
export type InterfaceSettings = z.infer<typeof InterfaceSettingsSchema>;

/** Passphrases are never trimmed: what was typed is the secret. */
const SecretSchema = z.string().min(1, 'Enter the passphrase').max(MAX_PASSPHRASE_CHARS);

/** A member of the vault (their name is theirs to show; it is not a protected person). */
const MemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Short fingerprint of the signing key, for reading aloud. */
  fingerprint: z.string(),
  createdAt: z.string(),
  removedAt: z.string().nullable(),
  you: z.boolean(),
});

/** One address-book entry. */
const RecipientSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['organisation', 'person']),
  ageRecipient: z.string(),
  fingerprint: z.string(),
  minisignPublicKey: z.string().nullable(),
  notes: z.string(),
  createdAt: z.string(),
});

/** channel → request and response schemas. */
export const settingsContract = {
  /** Works while locked: the window reads the language before it draws anything. */
  'settings:get': { req: EmptySchema, res: InterfaceSettingsSchema },
  'settings:update': { req: InterfaceSettingsSchema.partial().strict(), res: InterfaceSettingsSchema },
  'settings:members': { req: EmptySchema, res: z.array(MemberSchema) },
  /** `currentPassphrase` re-authenticates the member who adds (it re-opens their own key slot). */
  'settings:member-add': {
    req: z
      .object({
        name: z.string().trim().min(1, "Enter the new member's name").max(200),
        passphrase: SecretSchema,
        currentPassphrase: SecretSchema,
      })
      .strict(),
    res: z.object({ id: z.string(), fingerprint: z.string() }),
  },
  'settings:member-remove': { req: z.object({ memberId: IdSchema }).strict(), res: z.object({ id: z.string() }) },
  /** After a recovery-code unlock `current` is the recovery code, and a new signing key is made. */
  'settings:change-passphrase': {
    req: z.object({ current: SecretSchema, next: SecretSchema }).strict(),
    res: z.object({ rotated: z.boolean(), needsNewPassphrase: z.boolean() }),
  },
  /** The old recovery code stops working; the new one is returned once and never stored. */
  'settings:replace-recovery-code': {
    req: z.object({ currentPassphrase: SecretSchema }).strict(),
    res: z.object({ recoveryCode: z.string() }),
  },
  'settings:recipients': { req: EmptySchema, res: z.array(RecipientSchema) },
  'settings:recipient-add': {
    req: z
      .object({
        name: z.string().trim().min(1, 'Enter a name').max(200),
        kind: z.enum(['organisation', 'person']),
        ageRecipient: z.string().trim().min(1, 'Enter the age key ("age1…")').max(200),
        notes: z.string().max(10_000).optional(),
      })
      .strict(),
    res: RecipientSchema,
  },
  'settings:recipient-remove': { req: z.object({ id: IdSchema }).strict(), res: DoneSchema },
} as const satisfies { [C in (typeof SETTINGS_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const settingsEvents = {} as const satisfies { [E in (typeof SETTINGS_EVENTS)[number]]: z.ZodType };
