import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { latestSchemaVersion } from '../../../main/vault/migrations/registry';
import { registerCustodyCommands } from '../../../main/cli/commands/custody';
import { ageDecrypt, generateX25519Identity } from '../../../main/crypto/age';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { createCase } from '../../../main/evidence/cases';
import { addEvent } from '../../../main/evidence/events';
import { updateItem } from '../../../main/evidence/item-edits';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { createInterview } from '../../../main/evidence/interviews';
import { getItem, itemRecord } from '../../../main/evidence/items';
import { addPerson, getPerson, updatePerson } from '../../../main/evidence/people';
import type * as RecordCommit from '../../../main/evidence/record-commit';
import { recordHash } from '../../../main/evidence/record-hash';
import { addRequest, answerRequest } from '../../../main/evidence/requests';
import type { Segment } from '../../../main/evidence/transcripts';
import { exportPackage } from '../../../main/packages/export/export';
import { verifyPackageFile } from '../../../main/packages/verify';
import { SALTED_TABLES } from '../../../main/vault/migrations/0070-record-salts';
import { openVault } from '../../../main/vault/open';
import type { Vault } from '../../../main/vault/vault';
import { createVault } from '../../../main/vault/create';
import { verifyVault, type VaultReport } from '../../../main/checks/verify-vault';
import { runInProcess } from '../../helpers/cli-in-process';
import { fastKdf, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { untarBag } from '../../unit/packages/helpers';

/**
 * Entries written before record hashes were salted stay valid under their own rule. The
 * vault here is made as the code before salts made it: the same services, with the commit
 * step doing what it did then (the bare record's hash, no salt, no hashFormat). Its
 * database is then taken back to schema 50 (no salt columns) and reopened, so migration
 * 0070 runs on it, as on a vault made before.
 */
const mode = vi.hoisted(() => ({ before: false }));
vi.mock('../../../main/evidence/record-commit', async (importOriginal) => {
  const actual = await importOriginal<typeof RecordCommit>();
  const { recordHash: firstRule } = await import('../../../main/evidence/record-hash');
  // Before salts the entry carried the bare record's hash and the data as given (no hashFormat).
  const commitRecord = ((db, table, id, record, data: Record<string, unknown>) =>
    mode.before
      ? { hash: firstRule(record), data }
      : actual.commitRecord(db, table, id, record, data)) as typeof actual.commitRecord;
  return { ...actual, commitRecord };
});

const SEGMENTS: Segment[] = [
  { speaker: 'Interviewer', startMs: 0, endMs: 4000, text: 'When did you last hear from him?', translation: null },
  {
    speaker: 'W-001',
    startMs: 4000,
    endMs: 9000,
    text: 'Hanna Vyhadana (fictional) had a letter in March.',
    translation: null,
  },
];
const HIDDEN = 'Hanna Vyhadana (fictional)';

let root: string;
let dir: string;
let vault: Vault;
let ids: {
  caseId: string;
  personId: string;
  witnessId: string;
  itemId: string;
  interviewId: string;
  revisionId: string;
};

/** A transcript revision as the code before salts saved it (that code inserted no hash_salt). */
function revisionTheOldWay(v: Vault, interviewId: string): string {
  return v.change((db) => {
    const id = randomUUID();
    const sha256 = recordHash({ interviewId, revision: 1, segments: SEGMENTS });
    db.prepare(
      'INSERT INTO transcript_revisions (id, interview_id, revision, sha256, note, created_at, created_by) ' +
        'VALUES (?, ?, 1, ?, ?, ?, ?)',
    ).run(id, interviewId, sha256, '', new Date().toISOString(), v.member.id);
    const insert = db.prepare(
      'INSERT INTO transcript_segments (revision_id, position, speaker, start_ms, end_ms, text, translation) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const [p, s] of SEGMENTS.entries()) insert.run(id, p, s.speaker, s.startMs, s.endMs, s.text, s.translation);
    return {
      result: id,
      custody: {
        action: 'transcript.revised',
        subject: interviewId,
        hash: sha256,
        data: { revision: 1, revisionId: id, segments: SEGMENTS.length, previous: null },
      },
    };
  }).result;
}

async function fillTheOldWay(v: Vault): Promise<typeof ids> {
  mode.before = true;
  try {
    const caseId = createCase(v, { title: 'Case of D-001', reference: 'OLD-1' }).id;
    const personId = addPerson(v, {
      caseId,
      role: 'detainee',
      name: 'Ostap Vyhadanyi (fictional)',
      aliases: ['Ostapko'],
    }).id;
    updatePerson(v, personId, { notes: 'moved twice' });
    const witnessId = addPerson(v, { caseId, role: 'witness', name: HIDDEN }).id;
    addEvent(v, {
      caseId,
      personId,
      type: 'transfer',
      date: '2025-09',
      placeName: 'Penal Colony No. 9 (fictional)',
      placeType: 'penal_colony',
    });
    const request = addRequest(v, {
      caseId,
      personId,
      requesterId: witnessId,
      date: '2025-10-01',
      recipient: 'Prosecutor (fictional)',
    });
    answerRequest(v, request.id, { date: '2025-11-01', response: 'token' });
    const file = path.join(root, 'letter.txt');
    fs.writeFileSync(file, 'A letter.');
    const item = await addFileItem(v, file, { caseId, title: 'Letter', extract: false });
    updateItem(v, item.id, { title: `Letter from ${HIDDEN}` });
    const interviewId = createInterview(v, { caseId, intervieweeId: witnessId }).id;
    const revisionId = revisionTheOldWay(v, interviewId);
    return { caseId, personId, witnessId, itemId: item.id, interviewId, revisionId };
  } finally {
    mode.before = false;
  }
}

/**
 * `vigil verify <dir> --quick --json` in this process; the test's own handle is closed meanwhile (the vault is locked
 * while open).
 */
async function verifyCli(): Promise<{ report: VaultReport; exitCode: number }> {
  await vault.close();
  vi.stubEnv('VIGIL_PASSPHRASE', TEST_PASSPHRASE);
  const before = process.exitCode;
  try {
    const printed = await runInProcess([registerCustodyCommands], ['verify', dir, '--quick', '--json']);
    return { report: JSON.parse(printed) as VaultReport, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = before;
    vi.unstubAllEnvs();
    vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
  }
}

function failed(report: VaultReport): { check: string; subject?: string; detail: string }[] {
  return report.findings
    .filter((f) => !f.ok && f.warning !== true)
    .map(({ check, subject, detail }) => ({ check, ...(subject === undefined ? {} : { subject }), detail }));
}

beforeAll(async () => {
  root = suiteTempDir('vigil-legacy-');
  dir = path.join(root, 'vault');
  const made = await createVault(dir, {
    memberName: 'Test Investigator (fictional)',
    passphrase: TEST_PASSPHRASE,
    kdf: await fastKdf(),
  });
  ids = await fillTheOldWay(made.vault);
  // The rows are as the code before salts left them: its inserts wrote no hash_salt, so it stays NULL,
  // as migration 0070 leaves it on an older vault's rows (tests/unit/vault/migrations/0070-record-salts.test.ts).
  await made.vault.close();
  vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
}, 60_000);

afterAll(async () => {
  await vault.close();
});

describe('vault: entries written before record hashes were salted', () => {
  it(
    'are what the code before salts wrote, and the reopened ' +
      'vault was migrated to the current schema with no salts',
    () => {
      const entries = [...iterateStoredEntries(vault.db)].map(
        (r) => JSON.parse(r.canonical) as { action: string; data: Record<string, unknown> },
      );
      const records = entries.filter((e) =>
        /^(case|person|place|event|request|interview|transcript)\.|^item\.updated$/.test(e.action),
      );
      expect(records.length).toBeGreaterThanOrEqual(10);
      for (const e of records) expect(e.data).not.toHaveProperty('hashFormat');
      expect(vault.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
      for (const t of SALTED_TABLES)
        expect(vault.db.prepare(`SELECT count(*) FROM ${t} WHERE hash_salt IS NOT NULL`).pluck().get(), t).toBe(0);
    },
  );

  it('vigil verify passes on the vault, checking each row by the first rule', async () => {
    const { report, exitCode } = await verifyCli();
    expect(failed(report)).toEqual([]);
    expect(exitCode).toBe(0);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ check: 'record', ok: true, detail: expect.stringMatching(/^\d+ cases, people/) }),
    );
    expect(report.findings).toContainEqual(expect.objectContaining({ check: 'transcript', ok: true }));
  });

  it(
    'vigil verify still catches an old row, item or transcript changed outside Vigil (and a salt put on an old ' +
      'row changes nothing)',
    async () => {
      const name = getPerson(vault.db, ids.personId).name;
      const edit = (sql: string, ...args: unknown[]): void => void vault.db.prepare(sql).run(...args);
      edit('UPDATE people SET hash_salt = ? WHERE id = ?', randomBytes(32), ids.witnessId);
      edit("UPDATE people SET name = 'Renamed (fictional)' WHERE id = ?", ids.personId);
      edit("UPDATE items SET title = 'Letter' WHERE title LIKE 'Letter from %'");
      edit("UPDATE transcript_segments SET text = 'Nothing.' WHERE revision_id = ? AND position = 1", ids.revisionId);
      const { report, exitCode } = await verifyCli();
      expect(exitCode).toBe(1);
      expect(failed(report).map((f) => [f.check, f.subject?.split(' ')[0]])).toEqual([
        ['transcript', 'transcript'],
        ['record', 'person'],
        ['record', 'item'],
      ]);
      edit('UPDATE people SET name = ? WHERE id = ?', name, ids.personId);
      edit("UPDATE items SET title = ? WHERE title = 'Letter'", `Letter from ${HIDDEN}`);
      edit(
        'UPDATE transcript_segments SET text = ? WHERE revision_id = ? AND position = 1',
        SEGMENTS[1]?.text,
        ids.revisionId,
      );
      expect(failed(await verifyVault(vault, { quick: true }))).toEqual([]);
      edit('UPDATE people SET hash_salt = NULL WHERE id = ?', ids.witnessId);
    },
  );

  it(
    'a protected export leaves out the entries with unsalted record hashes, so the old oracle finds nothing to ' +
      'match',
    async () => {
      const id = generateX25519Identity();
      const out = await exportPackage(vault, {
        caseId: ids.caseId,
        recipients: [id.publicKey],
        profile: 'protected',
        output: path.join(root, 'old-protected.tar.age'),
        confirmProtectedNames: true,
      });
      const identities = [{ kind: 'x25519' as const, secretKey: id.secretKey }];
      expect((await verifyPackageFile(out.packagePath, { identities })).ok).toBe(true);
      const bag = untarBag(
        await ageDecrypt(fs.readFileSync(out.packagePath), identities),
        path.join(root, 'old-protected'),
      );
      const text = (p: string): string => fs.readFileSync(path.join(bag, p), 'utf8');
      const hashes = new Set(
        text('data/custody/entries.jsonl')
          .trimEnd()
          .split('\n')
          .map((l) => (JSON.parse(l) as { entry: { hash: string | null } }).entry.hash),
      );
      expect(hashes.has(recordHash(getPerson(vault.db, ids.witnessId)))).toBe(false);
      expect(hashes.has(recordHash(itemRecord(getItem(vault.db, ids.itemId))))).toBe(false);
      expect(hashes.has(recordHash({ interviewId: ids.interviewId, revision: 1, segments: SEGMENTS }))).toBe(false);
      const transcript = fs.readdirSync(path.join(bag, 'data/transcripts')).find((n) => n.endsWith('.json')) ?? '';
      expect(JSON.parse(text(`data/transcripts/${transcript}`))).toMatchObject({ sha256: null, namesReplaced: true });
      const profile = (JSON.parse(text('data/case.json')) as { profile: { changes: string[] } }).profile;
      expect(profile.changes).toContainEqual(
        expect.stringMatching(/^\d+ custody entries written before record hashes were salted were left out/),
      );
    },
  );

  it('a change after the upgrade is salted, and vigil verify checks its salt', async () => {
    updatePerson(vault, ids.witnessId, { notes: 'spoke again in 2026' });
    const last = [...iterateStoredEntries(vault.db)].at(-1)?.canonical ?? '';
    expect(JSON.parse(last)).toMatchObject({ action: 'person.updated', data: { hashFormat: 'salted-v1' } });
    expect((await verifyCli()).exitCode).toBe(0);
    const salt = vault.db.prepare('SELECT hash_salt FROM people WHERE id = ?').pluck().get(ids.witnessId) as Buffer;
    // verifyCli reopens the vault: each statement takes the current handle.
    for (const [what, value, detail] of [
      ['removed', null, /no salt to check it with/],
      ['replaced', randomBytes(32), /changed outside Vigil/],
    ] as const) {
      vault.db.prepare('UPDATE people SET hash_salt = ? WHERE id = ?').run(value, ids.witnessId);
      const { report, exitCode } = await verifyCli();
      expect(exitCode, what).toBe(1);
      expect(failed(report), what).toEqual([
        { check: 'record', subject: `person ${ids.witnessId}`, detail: expect.stringMatching(detail) },
      ]);
    }
    vault.db.prepare('UPDATE people SET hash_salt = ? WHERE id = ?').run(salt, ids.witnessId);
    expect((await verifyCli()).exitCode).toBe(0);
  });

  it(
    'a full export opens only the salted records; the old ' + 'entries go as they are and the package verifies',
    async () => {
      const id = generateX25519Identity();
      const out = await exportPackage(vault, {
        caseId: ids.caseId,
        recipients: [id.publicKey],
        profile: 'full',
        output: path.join(root, 'old-full.tar.age'),
      });
      const identities = [{ kind: 'x25519' as const, secretKey: id.secretKey }];
      const report = await verifyPackageFile(out.packagePath, { identities });
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      const bag = untarBag(await ageDecrypt(fs.readFileSync(out.packagePath), identities), path.join(root, 'old-full'));
      const openings = fs
        .readFileSync(path.join(bag, 'data/custody/records.jsonl'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; record: { id: string } });
      expect(openings.map((o) => [o.kind, o.record.id])).toEqual([['person', ids.witnessId]]);
      const entries = fs.readFileSync(path.join(bag, 'data/custody/entries.jsonl'), 'utf8');
      expect(entries).toContain(recordHash({ interviewId: ids.interviewId, revision: 1, segments: SEGMENTS }));
    },
  );
});
