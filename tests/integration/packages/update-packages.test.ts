import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecipient } from '../../../main/crypto/age';
import { createCase, getCase, updateCase } from '../../../main/evidence/cases';
import { addEvent, updateEvent } from '../../../main/evidence/events';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { listItems } from '../../../main/evidence/items';
import { createInterview, listInterviews } from '../../../main/evidence/interviews';
import { addPerson, listPeople, updatePerson } from '../../../main/evidence/people';
import { addRequest, answerRequest, listRequests } from '../../../main/evidence/requests';
import { caseTimeline } from '../../../main/evidence/timeline';
import { getRevision, reviseTranscript } from '../../../main/evidence/transcripts';
import { exportPackage, type ExportResult } from '../../../main/packages/export/export';
import { importPackage } from '../../../main/packages/import';
import { addRecipient } from '../../../main/packages/recipients';
import type { ExportMode } from '../../../main/packages/update/update-plan';
import { recordProvenance } from '../../../main/packages/update/received-records';
import { verifyPackageFile } from '../../../main/packages/verify';
import { createVault } from '../../../main/vault/create';
import { memberIdentity } from '../../../main/vault/identity';
import type { Vault } from '../../../main/vault/vault';
import { fastKdf, snapshotFiles, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';

let dir: string;
let sender: Vault;
let caseId: string;
const people: Record<string, string> = {};
let firstRequest: string;
let firstEvent: string;
let interviewId: string;
/** Receivers by name, each with its folder. */
const receivers: Record<string, { vault: Vault; dir: string; key: Uint8Array }> = {};
let files = 0;

async function newVault(name: string): Promise<{ vault: Vault; dir: string }> {
  const d = path.join(dir, name);
  return {
    vault: (await createVault(d, { memberName: name, passphrase: TEST_PASSPHRASE, kdf: await fastKdf() })).vault,
    dir: d,
  };
}

async function addReceiver(name: string): Promise<void> {
  const r = await newVault(name);
  const own = memberIdentity(r.vault);
  const s = memberIdentity(sender);
  addRecipient(r.vault, { name: 'Sender', ageRecipient: s.ageRecipient, minisignPublicKey: s.minisignPublicKey });
  receivers[name] = { ...r, key: (parseRecipient(own.ageRecipient) as { publicKey: Uint8Array }).publicKey };
}

async function addItem(name: string, text: string): Promise<void> {
  const f = path.join(dir, 'src', name);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
  await addFileItem(sender, f, { caseId });
}

async function exportTo(
  names: string[],
  mode: ExportMode = { kind: 'full' },
): Promise<ExportResult & { file: string }> {
  const file = path.join(dir, `pkg-${++files}.tar.age`);
  const r = await exportPackage(sender, {
    caseId,
    recipients: names.map((n) => receivers[n]!.key),
    profile: 'full',
    output: file,
    mode,
  });
  return { ...r, file };
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/**
 * The vault's files as name → SHA-256: a refused import must leave every byte as it was. The
 * WAL's shared-memory index is left out: SQLite rewrites it when it only reads.
 */
function digests(d: string): Record<string, string> {
  return Object.fromEntries([...snapshotFiles(d)].filter(([k]) => !k.endsWith('-shm')).map(([k, v]) => [k, sha256(v)]));
}

/**
 * A case as a reader compares it: every record field for field (ids of this vault left out), every item byte for byte.
 */
async function caseState(vault: Vault, id: string): Promise<unknown> {
  const c = getCase(vault.db, id);
  const ppl = listPeople(vault.db, { caseId: id });
  const code = new Map(ppl.map((p) => [p.id, p.code]));
  const items = await Promise.all(
    listItems(vault.db, { caseId: id }).map(async (i) => {
      const reader = await vault.blobs.open(i.objectId);
      const bytes = await reader.read(0, reader.size);
      await reader.close();
      return { fileName: i.fileName, sha256: i.sha256, size: i.size, bytes: sha256(bytes), kind: i.kind };
    }),
  );
  const names = new Map(listItems(vault.db, { caseId: id }).map((i) => [i.id, i.fileName]));
  const events = caseTimeline(vault.db, id).events.map((e) => ({
    person: e.person.code,
    type: e.type,
    date: e.date,
    dateApprox: e.dateApprox,
    endDate: e.endDate,
    place: e.place && { name: e.place.name, type: e.place.type, region: e.place.region },
    description: e.description,
    items: e.itemIds.map((x) => names.get(x)).sort(),
  }));
  const requests = listRequests(vault.db, id).map(
    ({ id: _i, caseId: _c, personId: _p, requesterId: _r, createdAt: _t, ...rest }) => rest,
  );
  const transcripts = listInterviews(vault.db, id).map((iv) => ({
    interviewee: code.get(iv.intervieweeId),
    date: iv.date,
    segments: getRevision(vault.db, iv.id).segments.map((s) => [s.speaker, s.startMs, s.endMs, s.text, s.translation]),
  }));
  const byJson = (a: unknown, b: unknown): number => JSON.stringify(a).localeCompare(JSON.stringify(b));
  return {
    case: { title: c.title, reference: c.reference, summary: c.summary },
    people: ppl
      .map((p) => ({
        code: p.code,
        name: p.name,
        aliases: p.aliases,
        consent: { named: p.consent.named, shareWith: p.consent.shareWith },
        roles: p.roles.map((r) => r.role),
      }))
      .sort(byJson),
    items: items.sort(byJson),
    events: events.sort(byJson),
    requests: requests.sort(byJson),
    transcripts: transcripts.sort(byJson),
  };
}

let full: ExportResult & { file: string };
let update1: ExportResult & { file: string };
let importedCase: string;

beforeAll(async () => {
  dir = suiteTempDir();
  sender = (await newVault('sender')).vault;
  caseId = createCase(sender, { title: 'Disappearance of D-1', reference: 'UPD-1', summary: 'First account.' }).id;
  people.d = addPerson(sender, { caseId, role: 'detainee', name: 'Detained Person', code: 'D-1' }).id;
  people.r = addPerson(sender, { caseId, role: 'relative', name: 'Relative Person', code: 'R-1' }).id;
  await addItem('letter.txt', 'A letter from the family.\n');
  interviewId = createInterview(sender, { caseId, intervieweeId: people.r, date: '2025-03-01' }).id;
  reviseTranscript(sender, interviewId, [
    { speaker: 'R-1', startMs: 0, endMs: 1000, text: 'He was taken at night.', translation: null },
  ]);
  firstEvent = addEvent(sender, {
    caseId,
    personId: people.d,
    type: 'arrest',
    date: '2025-02-01',
    placeName: 'Station 4',
    placeType: 'police_station',
    description: 'Taken from home.',
  }).id;
  firstRequest = addRequest(sender, {
    caseId,
    personId: people.d,
    requesterId: people.r,
    date: '2025-02-03',
    recipient: 'Prosecutor',
    about: 'Whereabouts',
  }).id;
  for (const n of ['lawyer', 'fresh', 'stranger', 'other']) await addReceiver(n);
  full = await exportTo(['lawyer']);
  importedCase = (await importPackage(receivers.lawyer!.vault, full.file)).caseId;
  // New evidence and edits after the first package.
  await addItem('photo-note.txt', 'Notes on the photographs.\n');
  reviseTranscript(sender, interviewId, [
    { speaker: 'R-1', startMs: 0, endMs: 1000, text: 'He was taken at night, by four men.', translation: null },
    { speaker: 'R-1', startMs: 1000, endMs: 2000, text: 'They came in a van.', translation: null },
  ]);
  addEvent(sender, {
    caseId,
    personId: people.d,
    type: 'transfer',
    date: '2025-02-10',
    placeName: 'Detention Centre 2',
    placeType: 'pretrial_detention',
    description: 'Moved.',
  });
  addRequest(sender, { caseId, personId: people.d, requesterId: people.r, date: '2025-02-12', recipient: 'Ombudsman' });
  updateEvent(sender, firstEvent, { description: 'Taken from home before dawn.' });
  answerRequest(sender, firstRequest, { date: '2025-02-20', response: 'denial', note: 'No record of detention.' });
  updateCase(sender, caseId, { summary: 'First account, with the transfer.' });
  updatePerson(sender, people.r, { aliases: ['Aunt R'] });
  people.w = addPerson(sender, { caseId, role: 'witness', name: 'Witness Person', code: 'W-1' }).id;
  update1 = await exportTo(['lawyer'], { kind: 'update' });
}, 120_000);

afterAll(async () => {
  for (const r of Object.values(receivers)) await r.vault.close();
  await sender.close();
});

describe('packages/update packages', () => {
  it('an update carries only what changed, marked as an update of the earlier package', async () => {
    expect(full.updateOf).toBeNull();
    expect(update1.updateOf).toBe(full.packageId);
    expect(update1.items).toBe(1);
    const report = await verifyPackageFile(update1.file, {
      identities: [memberIdentity(receivers.lawyer!.vault).ageIdentity],
    });
    expect(report.ok).toBe(true);
    expect(report.handover?.updateOf?.packageId).toBe(full.packageId);
    const changes = report.handover?.updateOf?.changes ?? [];
    expect(
      changes
        .filter((c) => c.change === 'added')
        .map((c) => c.kind)
        .sort(),
    ).toEqual(['event', 'item', 'person', 'request']);
    expect(
      changes
        .filter((c) => c.change === 'changed')
        .map((c) => c.kind)
        .sort(),
    ).toEqual(['case', 'event', 'interview', 'person', 'request']);
    expect(report.checks.find((c) => c.check === 'update')?.detail).toContain(`update of package ${full.packageId}`);
    const fullReport = await verifyPackageFile(full.file, {
      identities: [memberIdentity(receivers.lawyer!.vault).ageIdentity],
    });
    expect(fullReport.handover?.updateOf).toBeUndefined();
    expect(fullReport.checks.find((c) => c.check === 'update')).toMatchObject({ ok: true });
  });

  it('an update applied to the case of its base equals a fresh full import of the same state', async () => {
    const lawyer = receivers.lawyer!.vault;
    const r = await importPackage(lawyer, update1.file);
    expect(r).toMatchObject({ caseId: importedCase, updateOf: full.packageId, items: 1 });
    const fresh = await exportTo(['fresh']);
    const freshCase = (await importPackage(receivers.fresh!.vault, fresh.file)).caseId;
    const updated = await caseState(lawyer, importedCase);
    expect(updated).toEqual(await caseState(receivers.fresh!.vault, freshCase));
    // Each change keeps the package that brought it.
    const event = caseTimeline(lawyer.db, importedCase).events.find((e) => e.type === 'arrest');
    expect(recordProvenance(lawyer.db, event!.id).map((p) => [p.packageId, p.change])).toEqual([
      [full.packageId, 'added'],
      [update1.packageId, 'changed'],
    ]);
    expect(listItems(lawyer.db, { caseId: importedCase })).toHaveLength(2);
  });

  it(
    'an update imported twice, without its base, to the wrong ' + 'case or out of order is refused and changes nothing',
    async () => {
      const lawyer = receivers.lawyer!;
      // Twice.
      let before = digests(lawyer.dir);
      await expect(importPackage(lawyer.vault, update1.file)).rejects.toMatchObject({ code: 'ALREADY_IMPORTED' });
      expect(digests(lawyer.dir)).toEqual(before);
      // Without its base: a vault that never imported the first package (opened with the lawyer's key).
      const stranger = receivers.stranger!;
      before = digests(stranger.dir);
      const err = await importPackage(stranger.vault, update1.file, {
        identities: [memberIdentity(lawyer.vault).ageIdentity],
      }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'UPDATE_REFUSED' });
      expect((err as Error).message).toContain(
        `update of package ${full.packageId}, which was never imported into this vault`,
      );
      expect(digests(stranger.dir)).toEqual(before);
      // The wrong case.
      await addItem('medical.txt', 'Medical report.\n');
      const update2 = await exportTo(['lawyer'], { kind: 'update' });
      expect(update2.updateOf).toBe(update1.packageId);
      const other = createCase(lawyer.vault, { title: 'Another case' }).id;
      before = digests(lawyer.dir);
      await expect(importPackage(lawyer.vault, update2.file, { intoCase: other })).rejects.toMatchObject({
        code: 'UPDATE_REFUSED',
        message: expect.stringContaining('belongs to case'),
      });
      expect(digests(lawyer.dir)).toEqual(before);
      // Out of order: another update of the first package, after update1 was applied.
      const stale = await exportTo(['lawyer'], { kind: 'update', of: full.packageId });
      expect(stale.updateOf).toBe(full.packageId);
      await expect(importPackage(lawyer.vault, stale.file)).rejects.toMatchObject({
        code: 'UPDATE_REFUSED',
        message: expect.stringContaining('Updates apply in order'),
      });
      expect(digests(lawyer.dir)).toEqual(before);
      // In order, it applies.
      const r = await importPackage(lawyer.vault, update2.file, { intoCase: importedCase });
      expect(r).toMatchObject({ caseId: importedCase, updateOf: update1.packageId, items: 1 });
    },
  );

  it(
    'an update is refused when this vault does not hold ' + 'the state it builds on, and applies once it does',
    async () => {
      const fresh = receivers.fresh!.vault;
      const caseHere = fresh.db.prepare('SELECT case_id FROM imported_packages').pluck().get() as string;
      const update = await exportTo(['fresh'], { kind: 'update' });
      const items = listItems(fresh.db, { caseId: caseHere }).length;
      // A record of the case as kept here no longer matches what was received: the update would not lead to the
      // sender's
      // state.
      const row = fresh.db
        .prepare("SELECT rowid AS id, hash FROM received_records WHERE kind = 'event' LIMIT 1")
        .get() as { id: number; hash: string };
      fresh.db.prepare('UPDATE received_records SET hash = ? WHERE rowid = ?').run('0'.repeat(64), row.id);
      await expect(importPackage(fresh, update.file)).rejects.toMatchObject({
        code: 'UPDATE_REFUSED',
        message: expect.stringContaining('would not give the records the sender recorded'),
      });
      fresh.db.prepare('UPDATE received_records SET hash = ? WHERE rowid = ?').run(row.hash, row.id);
      // The base as imported here is another state than the one the update builds on.
      const base = fresh.db
        .prepare('SELECT record_set FROM imported_packages WHERE case_id = ?')
        .pluck()
        .get(caseHere) as string;
      fresh.db.prepare('UPDATE imported_packages SET record_set = ? WHERE case_id = ?').run('f'.repeat(64), caseHere);
      await expect(importPackage(fresh, update.file)).rejects.toMatchObject({
        code: 'UPDATE_REFUSED',
        message: expect.stringContaining('another state of package'),
      });
      fresh.db.prepare('UPDATE imported_packages SET record_set = ? WHERE case_id = ?').run(base, caseHere);
      expect(listItems(fresh.db, { caseId: caseHere })).toHaveLength(items);
      expect(await importPackage(fresh, update.file)).toMatchObject({ caseId: caseHere, items: 1 });
    },
  );

  it(
    'an update is refused at export when there is nothing to ' + 'build on or nothing to send; the full export stays',
    async () => {
      await expect(exportTo(['other'], { kind: 'update' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('nothing to update'),
      });
      await expect(
        exportPackage(sender, {
          caseId,
          recipients: null,
          passphrase: 'a long package passphrase',
          profile: 'full',
          output: path.join(dir, 'p.tar.age'),
          mode: { kind: 'update' },
        }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      const again = await exportTo(['other']);
      expect(again.updateOf).toBeNull();
      await expect(exportTo(['other'], { kind: 'update' })).rejects.toMatchObject({
        message: expect.stringContaining('no update to send'),
      });
      expect(fs.existsSync(path.join(dir, `pkg-${files}.tar.age`))).toBe(false);
      // An edit of the case record alone is an update worth sending.
      updateCase(sender, caseId, { title: 'Disappearance of D-1 (renamed)' });
      const renamed = await exportTo(['other'], { kind: 'update' });
      expect(renamed).toMatchObject({ updateOf: again.packageId, items: 0 });
    },
  );
});
