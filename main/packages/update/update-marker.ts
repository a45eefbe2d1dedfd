/**
 * The labels that mark a package's record set and update in bag-info.txt (DESIGN §6). Kept
 * apart from the export code: the verifier page reads them and carries no database code.
 */
import type { RecordChange } from './update-plan';

/** What the `update` check established: the package's record set and, for an update, what it updates. */
export interface UpdateFacts {
  recordSet: string;
  /** The package this one updates, and the record set it builds on; absent for a full package. */
  updateOf?: { packageId: string; baseRecordSet: string; changes: RecordChange[] };
}

export const BAG_INFO = {
  recordSet: 'Vigil-Record-Set',
  updateOf: 'Vigil-Update-Of',
  baseRecordSet: 'Vigil-Base-Record-Set',
} as const;
