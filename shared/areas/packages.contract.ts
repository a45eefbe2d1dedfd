/** Schemas of the packages area: address-book read, export dry run, export; verify and import of a received package. */
import { z } from 'zod';
import { ITEM_KINDS, PACKAGE_CHECKS, SIGNER_TRUST } from '../domain';
import type { ChannelSchemas } from '../contract-types';
import { GrantSchema, GrantedPathSchema, IdSchema, TaskIdSchema } from './common';
import type { PACKAGES_CHANNELS, PACKAGES_EVENTS } from './packages.channels';

/** A custom export profile, as its JSON file holds it (DESIGN §6). */
export const CustomProfileSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'Use letters, digits, spaces, dots, dashes and underscores'),
    names: z.enum(['codes', 'consent', 'all']),
    recordings: z.boolean(),
    stripExif: z.boolean(),
    contactDetails: z.boolean(),
    /** Export an item's latest redacted derivative in its place when it has one (absent: false). */
    useRedacted: z.boolean().optional(),
    items: z
      .object({ kinds: z.array(z.enum(ITEM_KINDS)).min(1).optional() })
      .strict()
      .optional(),
  })
  .strict();

/**
 * The export profile: one of the two built-in ones, or a custom one. A custom
 * profile travels as its settings (read once from the file the person chose,
 * through packages:read-profile), never as a path.
 */
const ProfileChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('protected') }).strict(),
  z.object({ kind: z.literal('full') }).strict(),
  z.object({ kind: z.literal('custom'), profile: CustomProfileSchema }).strict(),
]);

const ItemKindSchema = z.enum(ITEM_KINDS);

/** What to export: the case, optionally a subset of its items, and the profile. */
const ExportScopeSchema = z.object({
  caseId: IdSchema,
  /** Empty or absent: every original of the case. */
  itemIds: z.array(IdSchema).max(100_000).optional(),
  profile: ProfileChoiceSchema,
});

const ProfileSettingsSchema = z.object({
  name: z.string(),
  kind: z.enum(['protected', 'full', 'custom']),
  names: z.enum(['codes', 'consent', 'all']),
  recordings: z.boolean(),
  stripExif: z.boolean(),
  contactDetails: z.boolean(),
  useRedacted: z.boolean(),
  kinds: z.array(ItemKindSchema).nullable(),
});

/** An item that names a person the profile protects: by code and count, never the name. */
const NameHitSchema = z.object({
  itemId: z.string(),
  /** The item's number in the package (data/items/NNN-…). */
  position: z.number().int().positive(),
  /** The title with protected names replaced by codes. */
  title: z.string(),
  code: z.string(),
  count: z.number().int().positive(),
  fields: z.array(z.enum(['text', 'fileName', 'title', 'notes'])),
});

/** The dry run: what would leave the vault. */
const ExportPlanSchema = z.object({
  bag: z.string(),
  settings: ProfileSettingsSchema,
  candidates: z.array(
    z.object({ id: z.string(), fileName: z.string(), kind: ItemKindSchema, size: z.number().int().nonnegative() }),
  ),
  items: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      kind: ItemKindSchema,
      path: z.string(),
      size: z.number().int().nonnegative(),
      exifStripped: z.boolean(),
    }),
  ),
  generated: z.array(z.string()),
  tagFiles: z.array(z.string()),
  leftOut: z.number().int().nonnegative(),
  filteredOut: z.number().int().nonnegative(),
  codedPeople: z.array(z.string()),
  namedPeople: z.number().int().nonnegative(),
  itemBytes: z.number().int().nonnegative(),
  /** Originals that name protected people: the export is refused unless the sender confirms them. */
  nameHits: z.array(NameHitSchema),
});

/** One address-book entry as the wizard lists it. */
const RecipientViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['organisation', 'person']),
  ageRecipient: z.string(),
  fingerprint: z.string(),
});

/**
 * A received package, as task `taskId` (progress in bytes): opened with the member's own key,
 * or with `passphrase` when the sender sealed it with one.
 */
const ReceivedPackageSchema = z
  .object({ taskId: TaskIdSchema, file: GrantSchema, passphrase: z.string().min(1).max(1000).optional() })
  .strict();

/**
 * An import may carry the fingerprints the person confirmed with the sender for an unknown
 * signer or a changed key; the core trusts a signer only when one equals its fingerprint, and
 * refuses a fingerprint that is no signer's of the package.
 */
const ImportPackageSchema = ReceivedPackageSchema.extend({
  trustSigners: z.array(z.string().min(1).max(64)).max(8).optional(),
  acceptRewrittenHistory: z.boolean().optional(),
}).strict();

/** A signer of the package as the receiving vault knows it (DESIGN §6, "Who signed it"). */
const SignerVerdictSchema = z.object({
  name: z.string(),
  publicKey: z.string(),
  fingerprint: z.string(),
  minisignKey: z.string(),
  status: z.enum(SIGNER_TRUST),
  addressBookName: z.string().optional(),
  expected: z.array(z.string()).optional(),
});

/**
 * A package verification's report: ok only when every check passed; each check in words a lawyer can read (a warning
 * passes).
 */
const PackageReportSchema = z.object({
  ok: z.boolean(),
  packageId: z.string().optional(),
  bag: z.string().optional(),
  vault: z.string().optional(),
  signers: z.array(z.object({ name: z.string(), publicKey: z.string(), fingerprint: z.string() })),
  signerTrust: z.array(SignerVerdictSchema).optional(),
  /**
   * The sender's history (check `consistency`): first package from that vault, extends the last one seen (`since`),
   * rewritten since it, or unchecked.
   */
  consistency: z
    .object({ status: z.enum(['first', 'extends', 'rewritten', 'unchecked']), since: z.string().optional() })
    .optional(),
  checks: z.array(
    z.object({
      check: z.enum(PACKAGE_CHECKS),
      ok: z.boolean(),
      warning: z.boolean().optional(),
      subject: z.string().optional(),
      detail: z.string(),
    }),
  ),
  items: z.number().int().nonnegative(),
  /**
   * The record set the package hands over and, for an update package, the package it updates (DESIGN §6, "Update
   * packages").
   */
  handover: z
    .object({
      recordSet: z.string(),
      updateOf: z
        .object({
          packageId: z.string(),
          baseRecordSet: z.string(),
          changes: z.array(z.object({ kind: z.string(), id: z.string(), change: z.enum(['added', 'changed']) })),
        })
        .optional(),
    })
    .optional(),
});

/** channel → request and response schemas. */
export const packagesContract = {
  /** The address book, by name, with each age key's fingerprint. */
  'packages:recipients': { req: z.object({}).strict(), res: z.array(RecipientViewSchema) },
  /**
   * Packages the operating system asked the app to open while the vault was locked (a double-click), granted for
   * reading; taken once.
   */
  'packages:take-opened': { req: z.object({}).strict(), res: z.object({ files: z.array(GrantedPathSchema) }) },
  /** Reads and checks a custom profile JSON file the person chose (a read grant). */
  'packages:read-profile': {
    req: z.object({ file: GrantSchema }).strict(),
    res: z.object({ name: z.string(), profile: CustomProfileSchema }),
  },
  /** A dry run of the export: changes nothing in the vault. */
  'packages:plan': { req: ExportScopeSchema.strict(), res: ExportPlanSchema },
  /**
   * The last package of the case sent to exactly these recipients (address-book ids or "age1…" keys): the wizard then
   * offers an update of it.
   */
  'packages:last-sent': {
    req: z.object({ caseId: IdSchema, recipients: z.array(z.string().min(1).max(200)).max(100) }).strict(),
    res: z.object({ packageId: z.string(), sentAt: z.string(), profile: z.string() }).nullable(),
  },
  /** Exports as task `taskId` (progress in bytes; cancel leaves no package). Recipients or a passphrase, not both. */
  'packages:export': {
    req: ExportScopeSchema.extend({
      taskId: TaskIdSchema,
      /** Address-book ids or "age1…" keys. */
      recipients: z.array(z.string().min(1).max(200)).max(100),
      passphrase: z.string().min(1).max(1000).optional(),
      /** A write grant from the save dialog: the new FILE.tar.age. */
      output: GrantSchema,
      /** The sender checked the items the plan's nameHits list; without it an export with hits is refused. */
      confirmProtectedNames: z.boolean().optional(),
      /**
       * An update of the last package of the case to the same recipients, carrying only what changed since; absent: a
       * full package.
       */
      update: z.boolean().optional(),
    }).strict(),
    res: z.object({
      packagePath: z.string(),
      receiptPath: z.string(),
      /** The offline verifier page written beside the package (DESIGN §6); null when the build has none. */
      verifierPath: z.string().nullable(),
      packageSha256: z.string(),
      packageId: z.string(),
      bag: z.string(),
      items: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
      recipients: z.array(z.object({ name: z.string().nullable(), ageRecipient: z.string(), fingerprint: z.string() })),
      signerFingerprint: z.string(),
      /** The package this one updates; null for a full package. */
      updateOf: z.string().nullable(),
    }),
  },
  /** Checks a received package without writing any of it to disk. Cancel stops it with CANCELLED. */
  'packages:verify': {
    req: ReceivedPackageSchema,
    /**
     * `importGrant`: a new read grant for the same file, so the checked package can be imported without choosing it
     * again.
     */
    res: PackageReportSchema.extend({ importGrant: GrantedPathSchema }),
  },
  /**
   * Checks the package as packages:verify does, then brings its case in, all of it or nothing.
   * A package that fails a check is refused (PACKAGE_INVALID; SIGNER_UNTRUSTED when only its
   * signer is not trusted and not confirmed in `trustSigners`; HISTORY_REWRITTEN when only the
   * sender's history fails, unless `acceptRewrittenHistory`) and nothing enters the vault.
   */
  'packages:import': {
    req: ImportPackageSchema,
    res: z.object({
      caseId: z.string(),
      packageId: z.string(),
      sourceVault: z.string(),
      items: z.number().int().nonnegative(),
      transcripts: z.number().int().nonnegative(),
      events: z.number().int().nonnegative(),
      requests: z.number().int().nonnegative(),
      people: z.number().int().nonnegative(),
      /** The package this one updated (applied to the case that package brought in); null for a full package. */
      updateOf: z.string().nullable(),
    }),
  },
} as const satisfies { [C in (typeof PACKAGES_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const packagesEvents = {
  /** A package the operating system asked the app to open while the vault was open, granted for reading. */
  'packages:opened': GrantedPathSchema,
} as const satisfies { [E in (typeof PACKAGES_EVENTS)[number]]: z.ZodType };
