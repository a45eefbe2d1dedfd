/**
 * When an update package may be applied here (DESIGN §6, "Update packages"): its base was
 * imported into this vault, from the same sender's vault, as the case it is applied to, the
 * base is the last package applied from that sender to that case, and this vault holds the
 * state the update builds on. Anything else is refused with UPDATE_REFUSED and changes nothing.
 * A package applied twice is refused earlier, by its id (already-imported.ts).
 */
import { VigilError } from '../../../shared/errors';
import type { ReadDb } from '../../vault/database';
import { recordKey } from './record-set';
import { receivedState } from './received-records';

/** The import of the package an update builds on. */
export interface BaseImport {
  id: string;
  packageId: string;
  caseId: string;
  sourceVault: string;
  recordSet: string | null;
  importedAt: string;
}

/** What an update package says of itself, and where the person asked to apply it. */
interface UpdateRequest {
  updateOf: string;
  baseRecordSet: string;
  sourceVault: string;
  /** The sender's id of the case (case.json `case.id`). */
  senderCaseId: string | null;
  /** The case the person chose to apply it to, if they chose one. */
  intoCase?: string;
}

const SELECT =
  `SELECT id, package_id AS packageId, case_id AS caseId, source_vault AS sourceVault, record_set AS recordSet, ` +
  `imported_at AS importedAt FROM imported_packages`;

function refuse(why: string): VigilError {
  return new VigilError('UPDATE_REFUSED', `${why} Nothing was imported.`);
}

function caseName(db: ReadDb, caseId: string): string {
  const ref = db.prepare('SELECT reference FROM cases WHERE id = ?').pluck().get(caseId) as string | null | undefined;
  return ref ? `case ${ref} (${caseId})` : `case ${caseId}`;
}

/** The import the update builds on, when every rule holds; UPDATE_REFUSED with the reason otherwise. */
export function assertUpdateApplies(db: ReadDb, u: UpdateRequest): BaseImport {
  const base = db.prepare(`${SELECT} WHERE package_id = ? ORDER BY rowid LIMIT 1`).get(u.updateOf) as
    BaseImport | undefined;
  if (base === undefined) refuseMissing(u.updateOf);
  if (base.sourceVault !== u.sourceVault)
    throw refuse(
      `This update comes from vault ${u.sourceVault}, but the package it updates (${u.updateOf}) came from ` +
        `vault ${base.sourceVault}.`,
    );
  if (u.intoCase !== undefined && u.intoCase !== base.caseId) {
    throw refuse(
      `This update belongs to ${caseName(db, base.caseId)}, where its base package ${u.updateOf} was imported, ` +
        `not to ${caseName(db, u.intoCase)}.`,
    );
  }
  if (base.recordSet === null)
    throw refuse(
      `Package ${u.updateOf} was imported before this vault kept what packages bring, so no update can build ` +
        `on it. Ask the sender for a full package.`,
    );
  const senderCase = receivedState(db, base.caseId).get(recordKey('case', u.senderCaseId ?? ''));
  if (senderCase === undefined)
    throw refuse(
      `This update is of another of the sender's cases than the one its base package ${u.updateOf} brought ` +
        `into ${caseName(db, base.caseId)}.`,
    );
  const last = db
    .prepare(`${SELECT} WHERE case_id = ? AND source_vault = ? ORDER BY rowid DESC LIMIT 1`)
    .get(base.caseId, base.sourceVault) as BaseImport;
  if (last.id !== base.id) {
    throw refuse(
      `Updates apply in order: this one builds on package ${u.updateOf}, but the last package applied from ` +
        `that sender to ${caseName(db, base.caseId)} is ${last.packageId} (imported ${last.importedAt}). Ask the ` +
        `sender for an update of ${last.packageId}.`,
    );
  }
  if (base.recordSet !== u.baseRecordSet)
    throw refuse(
      `This update builds on another state of package ${u.updateOf} than the one imported here (record set ` +
        `${u.baseRecordSet.slice(0, 16)}…, here ${(base.recordSet ?? 'none').slice(0, 16)}…). Ask the sender for ` +
        `a full package.`,
    );
  return base;
}

function refuseMissing(updateOf: string): never {
  throw refuse(
    `This package is an update of package ${updateOf}, which was never imported into this vault. Import that ` +
      `package first (and any updates after it, in order), or ask the sender for a full package.`,
  );
}
