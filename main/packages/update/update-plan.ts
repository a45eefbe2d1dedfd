/**
 * The sender's side of an update package: which earlier package it builds on, and what of the
 * full export leaves the vault. The full export is planned as usual; the records its
 * recipients already hold (as `sent_package_records` keeps them) with the same hash are then
 * left out: items not new, unchanged people, events, requests and transcripts. The case
 * record always travels, so the receiver can tell which case the update belongs to.
 */
import { VigilError } from '../../../shared/errors';
import type { ReadDb } from '../../vault/database';
import type { PlannedItem } from '../export/case-data';
import type { GeneratedFile } from '../export/transcripts';
import { packageRecords, type PackageRecord } from './package-records';
import { recordKey, recordSetHash, type RecordHash, type RecordKind } from './record-set';
import { lastSentPackage, sentPackage, sentRecords, type SentPackage } from './sent-packages';

/** A full package, an update of the last package to the same recipients, or an update of a named one. */
export type ExportMode = { kind: 'full' } | { kind: 'update'; of?: string };

/** The earlier package an update builds on, with the records its recipients hold. */
export interface UpdateBase {
  sent: SentPackage;
  records: Map<string, RecordHash>;
}

/** One record an update adds or changes. */
export interface RecordChange {
  kind: RecordKind;
  id: string;
  change: 'added' | 'changed';
}

/** What the package hands over: the files as narrowed, the record set after it, and its update marker. */
export interface Handover {
  caseJson: Record<string, unknown>;
  planned: PlannedItem[];
  transcripts: GeneratedFile[];
  /** Every record the recipients hold once the package is imported. */
  records: RecordHash[];
  recordSet: string;
  update: { of: string; baseRecordSet: string; changes: RecordChange[] } | null;
}

/**
 * The base of an update export, or null for a full one. An update needs recipients (not a
 * passphrase), an earlier package of this case to exactly these recipients, and the same
 * profile (what a record looks like in the package depends on it); else INVALID_INPUT.
 */
export function resolveUpdateBase(
  db: ReadDb,
  q: { caseId: string; fingerprints: string[] | null; profile: string; mode: ExportMode },
): UpdateBase | null {
  if (q.mode.kind === 'full') return null;
  if (q.fingerprints === null)
    throw new VigilError(
      'INVALID_INPUT',
      'An update package is sealed to the recipients of the package it updates, not to a passphrase. Export a ' +
        'full package instead.',
    );
  const sent = q.mode.of === undefined ? lastSentPackage(db, q.caseId, q.fingerprints) : sentPackage(db, q.mode.of);
  if (sent === null) {
    throw new VigilError(
      'INVALID_INPUT',
      q.mode.of === undefined
        ? 'No package of this case was sent to these recipients before, so there is nothing to update. Export a ' +
            'full package.'
        : `No package ${q.mode.of} was sent from this vault. Check the id, or export a full package.`,
    );
  }
  if (sent.caseId !== q.caseId)
    throw new VigilError(
      'INVALID_INPUT',
      `Package ${sent.packageId} was of another case; an update goes to the case of the package it updates.`,
    );
  if (JSON.stringify([...new Set(q.fingerprints)].sort()) !== JSON.stringify(sent.recipients))
    throw new VigilError(
      'INVALID_INPUT',
      `Package ${sent.packageId} went to other recipients; an update goes to exactly the recipients of the ` +
        `package it updates.`,
    );
  if (sent.profile !== q.profile)
    throw new VigilError(
      'INVALID_INPUT',
      `Package ${sent.packageId} was exported with the profile "${sent.profile}"; an update uses the same ` +
        `profile. Export a full package to change it.`,
    );
  return { sent, records: sentRecords(db, sent.packageId) };
}

function parsedTranscripts(files: GeneratedFile[]): { base: string; json: unknown }[] {
  return files
    .filter((f) => f.path.endsWith('.json'))
    .map((f) => ({ base: f.path.slice(0, -'.json'.length), json: JSON.parse(f.data.toString('utf8')) as unknown }));
}

function changesAgainst(base: UpdateBase, current: Map<string, PackageRecord>): RecordChange[] {
  const changes: RecordChange[] = [];
  for (const [key, r] of current) {
    const before = base.records.get(key);
    if (before === undefined) changes.push({ kind: r.kind, id: r.id, change: 'added' });
    else if (before.hash !== r.hash) changes.push({ kind: r.kind, id: r.id, change: 'changed' });
  }
  return changes;
}

/**
 * Narrows a full export to what its recipients do not hold yet (or keeps it whole when `base`
 * is null) and marks it (case.json `recordSet`, and `update` for an update). Refuses an update
 * with nothing in it: there is nothing to send.
 */
export function handOver(
  full: { caseJson: Record<string, unknown>; planned: PlannedItem[]; transcripts: GeneratedFile[] },
  base: UpdateBase | null,
): Handover {
  const transcripts = parsedTranscripts(full.transcripts);
  const current = packageRecords(
    full.caseJson,
    transcripts.map((t) => t.json),
  );
  // Records are never removed from a case, so the recipients keep what they had and gain these.
  const after = new Map<string, RecordHash>(base?.records ?? []);
  for (const [key, r] of current) after.set(key, { kind: r.kind, id: r.id, hash: r.hash });
  const records = [...after.values()];
  const recordSet = recordSetHash(records);
  if (base === null)
    return {
      caseJson: { ...full.caseJson, recordSet },
      planned: full.planned,
      transcripts: full.transcripts,
      records,
      recordSet,
      update: null,
    };
  const changes = changesAgainst(base, current);
  if (changes.length === 0)
    throw new VigilError(
      'INVALID_INPUT',
      `Nothing was added or changed in this case since package ${base.sent.packageId}: there is no update to send.`,
    );
  const sent = new Set(changes.map((c) => recordKey(c.kind, c.id)));
  const keep = (kind: RecordKind, list: unknown): unknown[] =>
    Array.isArray(list) ? list.filter((r) => sent.has(recordKey(kind, String((r as { id?: unknown }).id)))) : [];
  const newItems = new Set(changes.filter((c) => c.kind === 'item' && c.change === 'added').map((c) => c.id));
  const keptTranscripts = new Set(
    transcripts
      .filter((t) => sent.has(recordKey('interview', String((t.json as { interviewId?: unknown }).interviewId))))
      .map((t) => t.base),
  );
  const update = { of: base.sent.packageId, baseRecordSet: base.sent.recordSet, changes };
  const caseJson = {
    ...full.caseJson,
    people: keep('person', full.caseJson.people),
    items: keep('item', full.caseJson.items),
    events: keep('event', full.caseJson.events),
    requests: keep('request', full.caseJson.requests),
    recordSet,
    update,
  };
  return {
    caseJson,
    planned: full.planned.filter((p) => newItems.has(p.item.id)),
    transcripts: full.transcripts.filter((f) => keptTranscripts.has(f.path.replace(/\.(txt|vtt|json)$/, ''))),
    records,
    recordSet,
    update,
  };
}
