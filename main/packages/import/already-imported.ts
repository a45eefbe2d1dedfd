/**
 * A package is imported once: the same package (by its id, or by the SHA-256 of its file) brought
 * in again is refused with ALREADY_IMPORTED and changes nothing, so rerunning an import that was
 * interrupted, or that finished without anyone seeing it finish, never makes a second copy.
 */
import { VigilError } from '../../../shared/errors';
import type { ReadDb } from '../../vault/database';

/** The earlier import of a package: when, and as which case. */
export interface PriorImport {
  packageId: string;
  caseId: string;
  reference: string | null;
  importedAt: string;
}

/** The earlier import of the package with this id or this file hash, or null when there is none. */
export function priorImport(db: ReadDb, packageId: string, sha256: string): PriorImport | null {
  const row = db
    .prepare(
      `SELECT p.package_id AS packageId, p.case_id AS caseId, c.reference AS reference, p.imported_at AS importedAt
       FROM imported_packages p JOIN cases c ON c.id = p.case_id
       WHERE p.package_id = ? OR p.package_sha256 = ? ORDER BY p.imported_at LIMIT 1`,
    )
    .get(packageId, sha256) as PriorImport | undefined;
  return row ?? null;
}

/** The refusal of a package already imported; it carries the earlier import, so a caller can report it as data. */
export class AlreadyImportedError extends VigilError {
  constructor(readonly prior: PriorImport) {
    const as = prior.reference === null ? `case ${prior.caseId}` : `case ${prior.reference} (${prior.caseId})`;
    super(
      'ALREADY_IMPORTED',
      `This package (${prior.packageId}) was already imported into this vault on ${prior.importedAt}, as ` +
        `${as}. Nothing was changed.`,
    );
  }
}

/** Throws AlreadyImportedError when the package was imported before. */
export function refuseIfImported(db: ReadDb, packageId: string, sha256: string): void {
  const prior = priorImport(db, packageId, sha256);
  if (prior !== null) throw new AlreadyImportedError(prior);
}
