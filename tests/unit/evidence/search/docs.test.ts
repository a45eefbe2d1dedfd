import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allSearchDocs, searchDocsFor, transcriptSearchDocs } from '../../../../main/evidence/search/docs';
import type { Vault } from '../../../../main/vault/vault';
import { newTestVault } from '../../../helpers/vault';
import { buildWorld } from './fixtures';

let vault: Vault;
let w: ReturnType<typeof buildWorld>;

beforeEach(async () => {
  vault = (await newTestVault()).vault;
  w = buildWorld(vault);
});
afterEach(async () => vault.close());

describe('search/docs/searchDocsFor', () => {
  it('builds each kind from its table', () => {
    expect(searchDocsFor(vault.db, 'case', [w.caseA])).toEqual([
      {
        kind: 'case',
        refId: w.caseA,
        caseId: w.caseA,
        personIds: [],
        date: null,
        title: 'Detention of a journalist UA-1',
        body: 'Held incommunicado since the arrest.',
      },
    ]);
    expect(searchDocsFor(vault.db, 'person', [w.ivan])[0]).toMatchObject({
      caseId: w.caseA,
      personIds: [w.ivan],
      title: 'Ivan Petrov',
      body: 'W-014\nVanya',
    });
    expect(searchDocsFor(vault.db, 'item', [w.itemA])[0]).toMatchObject({
      caseId: w.caseA,
      personIds: [w.ivan],
      date: '2024-03',
      title: 'Letter from IK-6',
    });
    expect(searchDocsFor(vault.db, 'interview', [w.interview])[0]).toMatchObject({
      title: 'Interview with W-014',
      date: '2024-03-05',
    });
    expect(searchDocsFor(vault.db, 'event', [w.event])[0]).toMatchObject({
      title: 'transfer',
      body: 'Moved to IK-6 without notice.',
      date: '2024-02-10',
    });
    expect(searchDocsFor(vault.db, 'request', [w.request])[0]).toMatchObject({
      title: 'Request to FSIN',
      personIds: [w.ivan],
    });
    expect(searchDocsFor(vault.db, 'segment', [`${w.revision}:1`])[0]).toMatchObject({
      title: 'Ivan Petrov',
      caseId: w.caseA,
      personIds: [w.ivan],
      date: '2024-03-05',
    });
  });

  it('leaves out records that do not exist', () => {
    expect(searchDocsFor(vault.db, 'item', ['nope'])).toEqual([]);
    expect(searchDocsFor(vault.db, 'segment', ['nope', `${w.revision}:99`])).toEqual([]);
    expect(searchDocsFor(vault.db, 'case', [])).toEqual([]);
  });
});

describe('search/docs/transcriptSearchDocs', () => {
  it('gives the segments of the current revision and nothing for an older one', () => {
    expect(transcriptSearchDocs(vault.db, w.revision).map((d) => d.refId)).toEqual([
      `${w.revision}:0`,
      `${w.revision}:1`,
    ]);
    const older = vault.db
      .prepare('SELECT id FROM transcript_revisions WHERE interview_id = ? AND revision = 1')
      .pluck()
      .get(w.interview) as string;
    expect(transcriptSearchDocs(vault.db, older)).toEqual([]);
  });
});

describe('search/docs/allSearchDocs', () => {
  it('lists every record once, with only current transcript segments', () => {
    const docs = [...allSearchDocs(vault.db)];
    const count = (kind: string): number => docs.filter((d) => d.kind === kind).length;
    expect([
      count('case'),
      count('person'),
      count('item'),
      count('interview'),
      count('segment'),
      count('event'),
      count('request'),
    ]).toEqual([2, 2, 2, 1, 2, 1, 1]);
  });
});
