import { VigilError } from '../../shared/errors';
import type { ReadDb } from '../vault/database';

/** Finds a case by id or by its reference code (e.g. "UA-2026-014"); NOT_FOUND with a hint otherwise. */
export function resolveCaseId(db: ReadDb, idOrRef: string): string {
  const id = db.prepare('SELECT id FROM cases WHERE id = ? OR reference = ? LIMIT 1').pluck().get(idOrRef, idOrRef) as
    string | undefined;
  if (!id) throw new VigilError('NOT_FOUND', `No case "${idOrRef}" in this vault. "vigil case list" shows the cases.`);
  return id;
}

/** Finds a person by id or by protective code (case-insensitive, e.g. "w-014"); NOT_FOUND with a hint otherwise. */
export function resolvePersonId(db: ReadDb, idOrCode: string): string {
  const id = db
    .prepare('SELECT id FROM people WHERE id = ? OR code = ? COLLATE NOCASE LIMIT 1')
    .pluck()
    .get(idOrCode, idOrCode) as string | undefined;
  if (!id)
    throw new VigilError(
      'NOT_FOUND',
      `No person "${idOrCode}" in this vault. "vigil person list" shows people by code.`,
    );
  return id;
}
