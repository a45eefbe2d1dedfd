/**
 * Check `update` of a package verification: the record set and update marker of bag-info.txt
 * agree with case.json, a full package's records hash to its record set, and an update
 * carries exactly the records it lists as added or changed. A package without a record set
 * (made before update packages) passes nothing and fails nothing here.
 */
import type { BagFiles } from '../bagit/bag-files';
import type { CheckList } from '../verify/report';
import { packageRecords, type PackageRecord } from './package-records';
import { isRecordKind, recordKey, recordSetHash } from './record-set';
import { BAG_INFO, type UpdateFacts } from './update-marker';
import type { RecordChange } from './update-plan';

/** The package's records as its case.json and transcript files give them (both as parsed JSON). */
export async function readPackageRecords(
  bag: BagFiles,
): Promise<{ caseJson: Record<string, unknown> | null; records: Map<string, PackageRecord> }> {
  let caseJson: Record<string, unknown> | null = null;
  try {
    const parsed = JSON.parse((await bag.read('data/case.json'))?.toString('utf8') ?? 'null') as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      caseJson = parsed as Record<string, unknown>;
  } catch {
    caseJson = null;
  }
  const transcripts: unknown[] = [];
  for (const f of await bag.list()) {
    if (!/^data\/transcripts\/[^/]+\.json$/.test(f.path)) continue;
    try {
      transcripts.push(JSON.parse((await bag.read(f.path))?.toString('utf8') ?? 'null'));
    } catch {
      // Not a transcript the package can hand over; import refuses it on its own terms.
    }
  }
  return { caseJson, records: packageRecords(caseJson, transcripts) };
}

function listedChanges(value: unknown): RecordChange[] | null {
  if (!Array.isArray(value)) return null;
  const out: RecordChange[] = [];
  for (const c of value as unknown[]) {
    const { kind, id, change } = (c ?? {}) as Record<string, unknown>;
    if (
      typeof kind !== 'string' ||
      !isRecordKind(kind) ||
      typeof id !== 'string' ||
      (change !== 'added' && change !== 'changed')
    )
      return null;
    out.push({ kind, id, change });
  }
  return out;
}

/**
 * Checks the update marker and record set (see the file comment); returns what they say, or null when the package has
 * none.
 */
export async function checkUpdateMarker(
  bag: BagFiles,
  info: Record<string, string>,
  list: CheckList,
): Promise<UpdateFacts | null> {
  const recordSet = info[BAG_INFO.recordSet];
  const updateOf = info[BAG_INFO.updateOf];
  if (recordSet === undefined) {
    if (updateOf !== undefined)
      list.fail(
        'update',
        `bag-info.txt marks the package as an update of ${updateOf} but gives no ${BAG_INFO.recordSet}.`,
        'bag-info.txt',
      );
    return null;
  }
  const { caseJson, records } = await readPackageRecords(bag);
  if (caseJson?.recordSet !== recordSet) {
    list.fail(
      'update',
      `data/case.json and bag-info.txt give different record sets (${BAG_INFO.recordSet}).`,
      'data/case.json',
    );
    return null;
  }
  if (updateOf === undefined) {
    if (caseJson.update !== undefined)
      list.fail(
        'update',
        'data/case.json marks the package as an update, but bag-info.txt does not.',
        'data/case.json',
      );
    else if (recordSetHash(records.values()) !== recordSet)
      list.fail(
        'update',
        `The records of data/case.json and the transcripts do not hash to the package's record set ` +
          `(${records.size} records).`,
        'data/case.json',
      );
    else
      list.pass(
        'update',
        `A full package: its ${records.size} records hash to its record set ${recordSet.slice(0, 16)}…`,
      );
    return { recordSet };
  }
  const marker = (caseJson.update ?? {}) as Record<string, unknown>;
  const baseRecordSet = info[BAG_INFO.baseRecordSet] ?? '';
  const changes = listedChanges(marker.changes);
  if (marker.of !== updateOf || marker.baseRecordSet !== baseRecordSet || changes === null) {
    list.fail(
      'update',
      `data/case.json and bag-info.txt do not agree on the package this one updates (${updateOf}).`,
      'data/case.json',
    );
    return null;
  }
  const listed = new Set(changes.map((c) => recordKey(c.kind, c.id)));
  const unlisted = [...records.keys()].filter((k) => !listed.has(k) && !k.startsWith('case '));
  const absent = [...listed].filter((k) => !records.has(k));
  if (unlisted.length > 0 || absent.length > 0) {
    list.fail(
      'update',
      `The update's list of changes does not match the records it carries ` +
        `(${[...unlisted, ...absent].slice(0, 3).join(', ')}).`,
      'data/case.json',
    );
    return null;
  }
  const added = changes.filter((c) => c.change === 'added').length;
  list.pass(
    'update',
    `An update of package ${updateOf}: it adds ${added} and changes ${changes.length - added} records of that ` +
      `package's case.`,
  );
  return { recordSet, updateOf: { packageId: updateOf, baseRecordSet, changes } };
}
