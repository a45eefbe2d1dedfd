import path from 'node:path';
import { VigilError } from '../../shared/errors';
import type { Vault } from '../vault/vault';
import { itemMetadataSchema, type ItemMetadata } from './item-metadata';
import { checkReferences, getItem, itemRecord, type ItemSummary } from './items';
import { addFileItem } from './item-ingest';
import type { AddFileOptions } from './item-stage';
import { ItemStaging } from './item-staging';
import { commitRecord } from './record-commit';
import { indexRecord } from './search/reindex';
import { parseInput } from './validate';

const COLUMN: Record<keyof ItemMetadata, string> = {
  title: 'title',
  caseId: 'case_id',
  kind: 'kind',
  date: 'doc_date',
  dateApprox: 'doc_date_approx',
  sourcePersonId: 'source_person_id',
  acquisition: 'acquisition',
};

function toColumnValue(key: keyof ItemMetadata, value: unknown): unknown {
  if (key === 'dateApprox') return value ? 1 : 0;
  if (key === 'acquisition') return JSON.stringify(value);
  return value;
}

/**
 * Edits an item's metadata. The original bytes never change; custody
 * `item.updated` names the fields and its hash is of the new metadata.
 */
export function updateItem(vault: Vault, id: string, input: ItemMetadata): ItemSummary {
  const changes = parseInput(itemMetadataSchema, input);
  return vault.change((db) => {
    const before = getItem(db, id);
    checkReferences(db, changes);
    const fields = (Object.keys(changes) as (keyof ItemMetadata)[]).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(changes[k]),
    );
    if (fields.length === 0)
      throw new VigilError('INVALID_INPUT', 'Nothing to change: the item already has these values.');
    for (const key of fields) {
      // Column names come from the fixed COLUMN map, never from input.
      db.prepare(`UPDATE items SET ${COLUMN[key]} = ? WHERE id = ?`).run(toColumnValue(key, changes[key]), before.id);
    }
    const after = getItem(db, before.id);
    indexRecord(db, 'item', after.id);
    return {
      result: after,
      custody: {
        action: 'item.updated',
        subject: after.id,
        ...commitRecord(db, 'items', after.id, itemRecord(after), { fields }),
      },
    };
  }).result;
}

/**
 * A derivative's kind, its title (default: the original's with the kind), and how it was made (for its custody entry).
 */
interface DerivativeOptions {
  derivativeKind: string;
  title?: string;
  derivation?: Record<string, unknown>;
}

/**
 * What to record with a derivative of `originalId`: the link, its kind, and the original's title, kind, case and date.
 */
function derivativeOptions(vault: Vault, originalId: string, opts: DerivativeOptions): AddFileOptions {
  const original = getItem(vault.db, originalId);
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(opts.derivativeKind)) {
    throw new VigilError(
      'INVALID_INPUT',
      'Name the kind of derivative in lowercase words joined by _ (e.g. redacted, exif_stripped).',
    );
  }
  return {
    derivativeOf: original.id,
    derivativeKind: opts.derivativeKind,
    ...(opts.derivation ? { derivation: opts.derivation } : {}),
    title: opts.title ?? `${original.title} (${opts.derivativeKind.replaceAll('_', ' ')})`,
    kind: original.kind,
    caseId: original.caseId,
    ...(original.date ? { date: original.date, dateApprox: original.dateApprox } : {}),
  };
}

/**
 * Stores a derivative (e.g. a redacted copy) linked to its original, which is
 * never altered; custody `item.derivative_added`.
 */
export async function addDerivative(
  vault: Vault,
  originalId: string,
  filePath: string,
  opts: { derivativeKind: string; title?: string },
): Promise<ItemSummary> {
  return addFileItem(vault, filePath, derivativeOptions(vault, originalId, opts));
}

async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

/**
 * Stores a derivative made in memory (e.g. an EXIF-stripped image) the way `addDerivative`
 * stores a file, recording the same item and custody entry, but straight from the bytes into
 * the encrypted store (ItemStaging): the plaintext never touches the disk.
 */
export async function addDerivativeFromBytes(
  vault: Vault,
  originalId: string,
  fileName: string,
  bytes: Buffer,
  opts: DerivativeOptions,
): Promise<ItemSummary> {
  vault.requireSigner();
  const { caseId, ...itemOpts } = derivativeOptions(vault, originalId, opts);
  const staging = new ItemStaging(vault, itemOpts);
  try {
    await staging.add(path.basename(fileName), bytes.length, once(bytes));
  } catch (err) {
    await staging.discard();
    throw err;
  }
  const [added] = await staging.commit((recordItems) => recordItems(caseId ?? null));
  if (!added) throw new VigilError('INTERNAL', 'The derivative was not recorded.');
  return added;
}
