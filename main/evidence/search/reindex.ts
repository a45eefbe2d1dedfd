import type { Db } from '../../vault/database';
import { searchDocsFor } from './docs';
import { indexDoc, indexNewDoc } from './index-store';
import type { SearchDoc } from './search-doc';

/**
 * Re-indexes one record from its source tables, through the same document
 * builder as `rebuildSearchIndex`, so a rebuild never changes what a search
 * finds. Call inside the transaction that changed the record. `isNew` skips
 * the search for an existing row (records created in this transaction).
 */
export function indexRecord(db: Db, kind: Exclude<SearchDoc['kind'], 'segment'>, id: string, isNew = false): void {
  for (const doc of searchDocsFor(db, kind, [id])) (isNew ? indexNewDoc : indexDoc)(db, doc);
}
