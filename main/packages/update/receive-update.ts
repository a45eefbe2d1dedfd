/**
 * The receiver's view of what a package hands over: a full package brings a new case; an
 * update applies to the case its base brought in, only when the rules of update-rules.ts hold
 * and the records it carries, laid over what the case holds, give the record set the sender
 * recorded. Checked before anything is stored, and again inside the import's transaction.
 */
import { VigilError } from '../../../shared/errors';
import type { ReadDb } from '../../vault/database';
import type { PackageReport } from '../verify/report';
import type { PackageRecord } from './package-records';
import { recordSetHash, type RecordHash } from './record-set';
import { receivedState, type ReceivedRecord } from './received-records';
import { assertUpdateApplies, type BaseImport } from './update-rules';

/** A package as this vault will take it: its records, the record set after it and, for an update, its base. */
export type Arriving =
  | { kind: 'full'; records: Map<string, PackageRecord>; recordSet: string }
  | {
      kind: 'update';
      records: Map<string, PackageRecord>;
      recordSet: string;
      updateOf: string;
      base: BaseImport;
      state: Map<string, ReceivedRecord>;
    };

/**
 * Decides how the package applies, or refuses it (UPDATE_REFUSED; INVALID_INPUT for `intoCase` with a full package).
 */
export function arriving(
  db: ReadDb,
  report: PackageReport,
  records: Map<string, PackageRecord>,
  senderCaseId: string | null,
  intoCase?: string,
): Arriving {
  const update = report.handover?.updateOf;
  if (update === undefined) {
    if (intoCase !== undefined)
      throw new VigilError(
        'INVALID_INPUT',
        'This is a full package: it makes a new case. Choosing a case to apply it to is only for update packages.',
      );
    return { kind: 'full', records, recordSet: recordSetHash(records.values()) };
  }
  const base = assertUpdateApplies(db, {
    updateOf: update.packageId,
    baseRecordSet: update.baseRecordSet,
    sourceVault: report.vault ?? '',
    senderCaseId,
    ...(intoCase === undefined ? {} : { intoCase }),
  });
  const state = receivedState(db, base.caseId);
  const after = new Map<string, RecordHash>(
    [...state].map(([k, r]) => [k, { kind: r.kind, id: r.senderId, hash: r.hash }]),
  );
  for (const [k, r] of records) after.set(k, r);
  const recordSet = recordSetHash(after.values());
  if (recordSet !== report.handover?.recordSet) {
    throw new VigilError(
      'UPDATE_REFUSED',
      `Applied to the case here, this update would not give the records the sender recorded after it (record ` +
        `set ${(report.handover?.recordSet ?? '').slice(0, 16)}…). Ask the sender for a full package. Nothing ` +
        `was imported.`,
    );
  }
  return { kind: 'update', records, recordSet, updateOf: update.packageId, base, state };
}
