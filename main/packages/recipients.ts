import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { VigilError } from '../../shared/errors';
import { encodeRecipient, parseRecipient } from '../crypto/age';
import { minisignPublicKeyLine, parseMinisignPublicKey } from '../crypto/minisign';
import { parseInput } from '../evidence/validate';
import type { Db, ReadDb } from '../vault/database';
import { keyFingerprint } from '../vault/identity';
import type { Vault } from '../vault/vault';

/** The kinds of recipient the address book holds. */
export const RECIPIENT_KINDS = ['organisation', 'person'] as const;
/** An organisation (a UN body, an NGO) or a person (a lawyer, a colleague). */
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** One address-book entry as stored; keys are in their canonical text forms. */
export interface RecipientRow {
  id: string;
  name: string;
  kind: RecipientKind;
  /** "age1…", lower case. */
  ageRecipient: string;
  /** The bare base64 line of the minisign public key ("RW…"), or null. */
  minisignPublicKey: string | null;
  notes: string;
  createdAt: string;
}

const newRecipientSchema = z
  .object({
    name: z.string().trim().min(1, 'A recipient needs a name').max(200),
    kind: z.enum(RECIPIENT_KINDS).optional(),
    ageRecipient: z.string().trim().min(1, 'A recipient needs an age key ("age1…")').max(200),
    minisignPublicKey: z.string().max(2000).optional(),
    notes: z.string().max(10_000).optional(),
  })
  .strict();

const SELECT =
  `SELECT id, name, kind, age_recipient AS ageRecipient, minisign_public_key AS minisignPublicKey, notes, ` +
  `created_at AS createdAt FROM recipients`;

/** The canonical "age1…" text of a recipient key; INVALID_INPUT when it is not one. */
function canonicalAgeRecipient(text: string): string {
  const parsed = parseRecipient(text);
  if (parsed.kind !== 'x25519')
    throw new VigilError('INVALID_INPUT', 'Only X25519 age keys ("age1…") can go in the address book.');
  return encodeRecipient(parsed.publicKey);
}

/** The canonical base64 line of a minisign public key given as a .pub file or its line. */
function canonicalMinisignKey(text: string): string {
  const { keyId, publicKey } = parseMinisignPublicKey(text);
  return minisignPublicKeyLine(keyId, publicKey);
}

/**
 * Adds a recipient. Both keys are checked before anything is written; a key or
 * name already in the book is refused. Custody `recipient.added` records only
 * the age key's fingerprint (names stay out of the signed log).
 */
export function addRecipient(
  vault: Vault,
  input: { name: string; kind?: RecipientKind; ageRecipient: string; minisignPublicKey?: string; notes?: string },
): RecipientRow {
  const data = parseInput(newRecipientSchema, input);
  const row: RecipientRow = {
    id: randomUUID(),
    name: data.name,
    kind: data.kind ?? 'organisation',
    ageRecipient: canonicalAgeRecipient(data.ageRecipient),
    minisignPublicKey: data.minisignPublicKey?.trim() ? canonicalMinisignKey(data.minisignPublicKey) : null,
    notes: data.notes ?? '',
    createdAt: new Date().toISOString(),
  };
  return vault.change((db) => {
    assertFree(db, row);
    db.prepare(
      'INSERT INTO recipients (id, name, kind, age_recipient, minisign_public_key, notes, created_at) VALUES ' +
        '(?, ?, ?, ?, ?, ?, ?)',
    ).run(row.id, row.name, row.kind, row.ageRecipient, row.minisignPublicKey, row.notes, row.createdAt);
    return {
      result: row,
      custody: {
        action: 'recipient.added',
        subject: row.id,
        hash: null,
        data: { fingerprint: keyFingerprint(row.ageRecipient) },
      },
    };
  }).result;
}

function assertFree(db: ReadDb, row: RecipientRow): void {
  const sameKey = db.prepare('SELECT name FROM recipients WHERE age_recipient = ?').get(row.ageRecipient) as
    { name: string } | undefined;
  if (sameKey)
    throw new VigilError('INVALID_INPUT', `That age key is already in the address book as "${sameKey.name}".`);
  const sameName = db.prepare('SELECT name FROM recipients WHERE name = ? COLLATE NOCASE').get(row.name) as
    { name: string } | undefined;
  if (sameName)
    throw new VigilError(
      'INVALID_INPUT',
      `The address book already has a recipient called "${sameName.name}". Choose another name.`,
    );
}

/** Every recipient, by name. */
export function listRecipients(db: ReadDb): RecipientRow[] {
  return db.prepare(`${SELECT} ORDER BY name COLLATE NOCASE, id`).all() as RecipientRow[];
}

/** One recipient by id or (case-insensitive) name, or null. */
export function findRecipient(db: ReadDb, idOrName: string): RecipientRow | null {
  const key = idOrName.trim();
  const row = (db.prepare(`${SELECT} WHERE id = ?`).get(key) ??
    db.prepare(`${SELECT} WHERE name = ? COLLATE NOCASE`).get(key)) as RecipientRow | undefined;
  return row ?? null;
}

/** Removes a recipient by id or name; custody `recipient.removed` with the age key's fingerprint. */
export function removeRecipient(vault: Vault, idOrName: string): RecipientRow {
  return vault.change((db: Db) => {
    const row = findRecipient(db, idOrName);
    if (!row)
      throw new VigilError(
        'NOT_FOUND',
        `No recipient "${idOrName}" in the address book. "vigil recipients list" shows them.`,
      );
    db.prepare('DELETE FROM recipients WHERE id = ?').run(row.id);
    return {
      result: row,
      custody: {
        action: 'recipient.removed',
        subject: row.id,
        hash: null,
        data: { fingerprint: keyFingerprint(row.ageRecipient) },
      },
    };
  }).result;
}

/**
 * The X25519 public keys for a comma-separated list of "age1…" keys and
 * address-book names or ids, in order and without duplicates.
 */
export function resolveRecipients(db: ReadDb, spec: string): Uint8Array[] {
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0)
    throw new VigilError(
      'INVALID_INPUT',
      'Name at least one recipient: an "age1…" key or a name from "vigil recipients list".',
    );
  const seen = new Set<string>();
  const keys: Uint8Array[] = [];
  for (const part of parts) {
    const text = part.toLowerCase().startsWith('age1') ? part : findRecipient(db, part)?.ageRecipient;
    if (text === undefined)
      throw new VigilError(
        'NOT_FOUND',
        `No recipient "${part}" in the address book. Add it with "vigil recipients add", or give its "age1…" key.`,
      );
    const canonical = canonicalAgeRecipient(text);
    if (seen.has(canonical)) continue;
    seen.add(canonical);
    const parsed = parseRecipient(canonical);
    if (parsed.kind === 'x25519') keys.push(parsed.publicKey);
  }
  return keys;
}
