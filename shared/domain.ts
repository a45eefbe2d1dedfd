/**
 * The evidence model's vocabularies (DESIGN §5), shared by the core, the CLI
 * and the interface. Pure TypeScript and zod.
 */
import { z } from 'zod';

/** Status of a case. */
export const CASE_STATUSES = ['open', 'monitoring', 'closed', 'archived'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Roles a person can have in a case. */
export const PERSON_ROLES = ['detainee', 'witness', 'relative', 'lawyer', 'official', 'perpetrator', 'other'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Kinds of stored item. */
export const ITEM_KINDS = ['document', 'letter', 'official_reply', 'photo', 'audio', 'video', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** How an interview was held. */
export const INTERVIEW_MODES = ['in_person', 'video_call', 'phone', 'written'] as const;
export type InterviewMode = (typeof INTERVIEW_MODES)[number];

/** Detention timeline event types. */
export const EVENT_TYPES = [
  'arrest',
  'detention',
  'transfer',
  'visit_denied',
  'letter_withheld',
  'contact_lost',
  'contact_restored',
  'disciplinary_cell',
  'hearing',
  'release',
  'death',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Kinds of place (facilities). */
export const PLACE_TYPES = [
  'penal_colony',
  'prison',
  'pretrial_detention',
  'police_station',
  'court',
  'hospital',
  'other',
] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

/** How the authorities answered a request. */
export const RESPONSE_KINDS = ['none', 'token', 'denial', 'substantive'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

/** The checks a package verification runs, in the order a reader meets them. */
export const PACKAGE_CHECKS = [
  'decrypt',
  'tar',
  'bagit',
  'signature',
  'signer-trust',
  'custody',
  'proof',
  'checkpoint',
  'consistency',
  'timestamp',
  'record',
  'update',
  'receipt',
] as const;
export type PackageCheckName = (typeof PACKAGE_CHECKS)[number];

/**
 * What the receiving vault knows of a package signer (DESIGN §6, "Who signed it"): in the
 * address book, a member of this vault, trusted before for the sender's vault, confirmed by the
 * person for this import — or, failing the check, unknown, a changed key of a known vault, an
 * impersonation of an address-book name; `unchecked` when no vault was given to check against.
 */
export const SIGNER_TRUST = [
  'address-book',
  'member',
  'known',
  'confirmed',
  'unknown',
  'changed',
  'impersonation',
  'unchecked',
] as const;
export type SignerTrustStatus = (typeof SIGNER_TRUST)[number];

/** Outcome of text extraction at ingest. */
export const EXTRACTION_STATUSES = ['none', 'ok', 'failed', 'unsupported'] as const;
export type ExtractionStatus = (typeof EXTRACTION_STATUSES)[number];

/** Precision of a partial date, read from its length. */
export type DatePrecision = 'year' | 'month' | 'day';

/** A date of stated precision: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (a real calendar date). */
export const partialDateSchema = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Use YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isValidPartialDate, 'Not a calendar date');

/** True when `value` is YYYY, YYYY-MM or YYYY-MM-DD and names a real month and day. */
export function isValidPartialDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (m[2] === undefined) return year >= 1000;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/** The precision of a valid partial date. */
export function datePrecision(value: string): DatePrecision {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

/**
 * The longest passphrase Vigil takes, in UTF-16 code units: the same rule for the
 * command line, the core and the window, so a vault made in one opens in the other.
 * Long enough for any passphrase a password manager makes (Argon2id takes any length).
 */
export const MAX_PASSPHRASE_CHARS = 16_384;

/**
 * A person's fields as they may be given or changed: one definition for the window's contract
 * (shared/areas/people.contract.ts) and the core (main/evidence/people.ts).
 */
export const personFieldSchemas = {
  name: z.string().trim().min(1, 'A person needs a name (it stays inside the vault)').max(300),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{1,4}-\d{1,6}$/, 'A code looks like W-014: letters, a dash, digits (it must not be a name)'),
  aliases: z.array(z.string().trim().min(1).max(300)).max(50),
  contact: z.string().max(2000),
  notes: z.string().max(20_000),
  consent: z
    .object({
      named: z.boolean(),
      shareWith: z.array(z.string().trim().min(1).max(200)).max(50),
      date: partialDateSchema.nullable(),
      method: z.string().max(500).nullable(),
    })
    .partial()
    .strict(),
};
