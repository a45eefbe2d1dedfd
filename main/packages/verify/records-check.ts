import type { CustodyEntry } from '../../custody';
import { expectedRecordHash } from '../../evidence/record-hash';
import { recordKindOf } from '../../evidence/record-kinds';
import type { BagFiles } from '../bagit/bag-files';
import { reason, type CheckList } from './report';

/** Where a package opens its records (DESIGN §6): only profiles that export every protected field write it. */
export const RECORDS_FILE = 'data/custody/records.jsonl';

/** Failures beyond this many are summarised, so a wrecked file does not bury the report. */
const MAX_LISTED = 20;

/** One line of records.jsonl: the record a custody entry committed to, and the salt it was hashed with. */
interface RecordOpening {
  seq: number;
  kind: string;
  salt: Buffer;
  record: Record<string, unknown>;
}

/** Parses one line of records.jsonl; throws an Error whose message says what is wrong. */
export function parseRecordOpening(line: string): RecordOpening {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error('the line is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('the line is not a JSON object');
  const { seq, kind, salt, record, ...rest } = parsed as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw new Error(`the line has unexpected fields (${Object.keys(rest).join(', ')})`);
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0)
    throw new Error('the line has no valid entry number ("seq")');
  if (typeof kind !== 'string') throw new Error('the line does not say what kind of record it opens ("kind")');
  if (typeof salt !== 'string' || !/^[0-9a-f]{64}$/.test(salt))
    throw new Error('the salt is not 64 lowercase hex digits');
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    throw new Error('the record is not a JSON object');
  return { seq, kind, salt: Buffer.from(salt, 'hex'), record: record as Record<string, unknown> };
}

/** Why an opening does not open the custody entry it names, or null when it does. */
function openingProblem(o: RecordOpening, entries: ReadonlyMap<number, CustodyEntry>): string | null {
  const entry = entries.get(o.seq);
  if (entry === undefined)
    return `opens custody entry ${o.seq}, which is not among the package's verified custody entries`;
  const kind = recordKindOf(entry.action);
  if (kind === undefined || entry.hash === null)
    return `opens custody entry ${o.seq} (${entry.action}), which commits to no record`;
  if (kind.kind !== o.kind)
    return `is given as a ${o.kind}, but custody entry ${o.seq} (${entry.action}) commits to a ${kind.kind}`;
  // The rule comes from the signed entry; an entry of the first rule has no salt to open.
  if (entry.data.hashFormat === undefined)
    return `opens custody entry ${o.seq}, whose hash was made without a salt, so there is nothing to open`;
  const expected = expectedRecordHash(entry.data.hashFormat, o.record, o.salt);
  if ('problem' in expected) return `cannot be checked against custody entry ${o.seq}: ${expected.problem}`;
  if (expected.hash !== entry.hash)
    return (
      `does not hash, with its salt, to the hash signed in custody entry ${o.seq}: the record or its salt was ` +
      `altered`
    );
  return null;
}

/**
 * Checks data/custody/records.jsonl when the package has one: each record, hashed with its
 * salt (SHA-256 of the salt followed by the record's RFC 8785 canonical JSON), must give the
 * `hash` of the verified, salted custody entry it names. `entries` are the custody entries
 * that passed their own checks. A package without the file opens no record (its profile
 * keeps names in the vault): nothing to check, and no line in the report.
 */
export async function checkRecords(bag: BagFiles, entries: readonly CustodyEntry[], list: CheckList): Promise<void> {
  const text = (await bag.read(RECORDS_FILE))?.toString('utf8') ?? null;
  if (text === null) return;
  const bySeq = new Map(entries.map((e) => [e.seq, e]));
  const seen = new Set<number>();
  const lines = text.split('\n').filter((l) => l !== '');
  let failed = 0;
  for (const [i, line] of lines.entries()) {
    let where = `${RECORDS_FILE} line ${i + 1}`;
    let problem: string | null;
    try {
      const o = parseRecordOpening(line);
      where += ` (entry ${o.seq})`;
      problem = seen.has(o.seq) ? 'opens the same custody entry as an earlier line' : openingProblem(o, bySeq);
      seen.add(o.seq);
    } catch (err) {
      problem = `cannot be read: ${reason(err)}`;
    }
    if (problem !== null && failed++ < MAX_LISTED) list.fail('record', `This record ${problem}.`, where);
  }
  if (failed > MAX_LISTED) list.fail('record', `${failed - MAX_LISTED} more records failed this check.`, RECORDS_FILE);
  if (failed === 0)
    list.pass(
      'record',
      `All ${lines.length} records in records.jsonl, hashed with their salts, give the hashes signed in their ` +
        `custody entries.`,
      RECORDS_FILE,
    );
}
