import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderBag } from '../../../../main/packages/bagit/bag-files';
import { packageRecords } from '../../../../main/packages/update/package-records';
import { recordSetHash } from '../../../../main/packages/update/record-set';
import { checkUpdateMarker } from '../../../../main/packages/update/update-check';
import { CheckList } from '../../../../main/packages/verify/report';
import { tempDir } from '../../../helpers/vault';

const transcript = {
  interviewId: 'iv-1',
  revision: 2,
  sha256: null,
  segments: [{ speaker: 'R-1', startMs: 0, endMs: 5, text: 'words', translation: null }],
};
const caseJson = {
  format: 'vigil-case/1',
  case: { id: 'case-1', title: 'A case', reference: 'R', summary: '' },
  people: [{ id: 'p-1', code: 'D-1', roles: ['detainee'] }],
  items: [{ id: 'i-1', path: 'data/items/001-a.txt', sha256: 'a'.repeat(64), size: 1 }],
  events: [{ id: 'e-1', person: { id: 'p-1' }, type: 'arrest', date: '2025' }],
  requests: [] as unknown[],
};

/** A bag folder holding case.json (with its record set) and one transcript; returns the bag and its bag-info values. */
function bagWith(
  json: Record<string, unknown>,
  info: (recordSet: string) => Record<string, string>,
  edit?: (j: Record<string, unknown>) => void,
): { dir: string; info: Record<string, string> } {
  const dir = tempDir();
  const recordSet = recordSetHash(packageRecords(json, [transcript]).values());
  const written = { ...json, recordSet };
  edit?.(written);
  fs.mkdirSync(path.join(dir, 'data', 'transcripts'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'data', 'case.json'), JSON.stringify(written));
  fs.writeFileSync(path.join(dir, 'data', 'transcripts', 'R-1-2025-iv1.json'), JSON.stringify(transcript));
  return { dir, info: info(recordSet) };
}

async function run(dir: string, info: Record<string, string>): Promise<CheckList> {
  const list = new CheckList();
  await checkUpdateMarker(folderBag(dir), info, list);
  return list;
}

const failedDetail = (l: CheckList): string =>
  l.checks
    .filter((c) => !c.ok)
    .map((c) => c.detail)
    .join(' ');

describe('packages/update/checkUpdateMarker', () => {
  it(
    'passes a full package whose records hash to its ' + 'record set, and fails it when a record changed after',
    async () => {
      const good = bagWith(caseJson, (rs) => ({ 'Vigil-Record-Set': rs }));
      expect((await run(good.dir, good.info)).ok).toBe(true);
      const edited = bagWith(
        caseJson,
        (rs) => ({ 'Vigil-Record-Set': rs }),
        (j) => {
          (j.people as { code: string }[])[0]!.code = 'D-2';
        },
      );
      expect(failedDetail(await run(edited.dir, edited.info))).toMatch(/do not hash to the package's record set/);
    },
  );

  it(
    'fails when bag-info and case.json give different ' + 'record sets, or an update marker without a record set',
    async () => {
      const b = bagWith(caseJson, () => ({ 'Vigil-Record-Set': 'b'.repeat(64) }));
      expect(failedDetail(await run(b.dir, b.info))).toMatch(/different record sets/);
      const c = bagWith(caseJson, () => ({ 'Vigil-Update-Of': 'pkg-0' }));
      expect(failedDetail(await run(c.dir, c.info))).toMatch(/gives no Vigil-Record-Set/);
    },
  );

  it('passes an update whose list of changes matches its records, and fails a mismatched marker or list', async () => {
    const update = {
      of: 'pkg-0',
      baseRecordSet: 'c'.repeat(64),
      changes: [
        { kind: 'person', id: 'p-1', change: 'changed' },
        { kind: 'item', id: 'i-1', change: 'added' },
        { kind: 'event', id: 'e-1', change: 'added' },
        { kind: 'interview', id: 'iv-1', change: 'changed' },
      ],
    };
    const info = (rs: string): Record<string, string> => ({
      'Vigil-Record-Set': rs,
      'Vigil-Update-Of': 'pkg-0',
      'Vigil-Base-Record-Set': 'c'.repeat(64),
    });
    const good = bagWith({ ...caseJson, update }, info);
    const list = await run(good.dir, good.info);
    expect(list.ok).toBe(true);
    expect(list.checks[0]?.detail).toBe(
      "An update of package pkg-0: it adds 2 and changes 2 records of that package's case.",
    );
    const otherBase = bagWith({ ...caseJson, update: { ...update, of: 'pkg-9' } }, info);
    expect(failedDetail(await run(otherBase.dir, otherBase.info))).toMatch(
      /do not agree on the package this one updates/,
    );
    const unlisted = bagWith({ ...caseJson, update: { ...update, changes: update.changes.slice(1) } }, info);
    expect(failedDetail(await run(unlisted.dir, unlisted.info))).toMatch(
      /does not match the records it carries \(person p-1\)/,
    );
    const hidden = bagWith({ ...caseJson, update }, (rs) => ({ 'Vigil-Record-Set': rs }));
    expect(failedDetail(await run(hidden.dir, hidden.info))).toMatch(
      /marks the package as an update, but bag-info.txt does not/,
    );
  });
});
