import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, generateX25519Identity } from '../../../main/crypto/age';
import { getCase } from '../../../main/evidence/cases';
import { createDemoVault } from '../../../main/evidence/demo';
import { demoPeople } from '../../../main/evidence/demo-data';
import { eventRecord } from '../../../main/evidence/events';
import { listInterviews } from '../../../main/evidence/interviews';
import { listPeople, type PersonRow } from '../../../main/evidence/people';
import { recordHash } from '../../../main/evidence/record-hash';
import { listRequests, requestRecord } from '../../../main/evidence/requests';
import { caseTimeline } from '../../../main/evidence/timeline';
import { getRevision } from '../../../main/evidence/transcripts';
import { exportPackage } from '../../../main/packages/export/export';
import { SALTED_TABLES } from '../../../main/vault/migrations/0070-record-salts';
import { openVault } from '../../../main/vault/open';
import type { Vault } from '../../../main/vault/vault';
import { fastKdf, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { untarBag } from '../../unit/packages/helpers';
import { allFiles } from './export-fixture';

/**
 * Issue 14, point 3: a recipient of a protected package must not be able to confirm a guessed
 * name by hashing a row with that name and comparing it with a custody entry's `hash`. The
 * recipient here "guesses" right: the test hashes the vault's own rows, the best guess there is.
 */

let root: string;
let vault: Vault;
let caseId: string;
let bagDir: string;

interface ExportedEntry {
  seq: number;
  action: string;
  subject: string | null;
  hash: string | null;
  data: Record<string, unknown>;
}

function exportedEntries(): ExportedEntry[] {
  const text = fs.readFileSync(path.join(bagDir, 'data/custody/entries.jsonl'), 'utf8');
  return text
    .trimEnd()
    .split('\n')
    .map((l) => (JSON.parse(l) as { entry: ExportedEntry }).entry);
}

/** The people the protected profile hides: no consent to be named. */
function hiddenPeople(): PersonRow[] {
  const hidden = new Set(demoPeople.filter((p) => !p.named).map((p) => p.name));
  return listPeople(vault.db, { caseId }).filter((p) => hidden.has(p.name));
}

beforeAll(async () => {
  root = suiteTempDir('vigil-oracle-');
  const dir = path.join(root, 'vault');
  caseId = (await createDemoVault(dir, TEST_PASSPHRASE, await fastKdf())).caseId;
  vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
  const id = generateX25519Identity();
  const out = await exportPackage(vault, {
    caseId,
    recipients: [id.publicKey],
    profile: 'protected',
    output: path.join(root, 'protected.tar.age'),
  });
  const tar = await ageDecrypt(fs.readFileSync(out.packagePath), [{ kind: 'x25519', secretKey: id.secretKey }]);
  bagDir = untarBag(tar, path.join(root, 'protected'));
}, 60_000);

afterAll(async () => {
  await vault.close();
});

describe('packages/export: record hashes in a protected package', () => {
  it('do not confirm a guessed name: the hash of a person row with the right name matches no exported entry', () => {
    const people = hiddenPeople();
    expect(people.length).toBeGreaterThanOrEqual(3);
    const entries = exportedEntries();
    for (const p of people) {
      const about = entries.filter((e) => e.subject === p.id && e.hash !== null);
      expect(about.length).toBeGreaterThan(0);
      // The old oracle: SHA-256 of the canonical row with the guessed name.
      const guess = recordHash({ ...p, name: p.name });
      expect(about.map((e) => e.hash)).not.toContain(guess);
    }
  });

  it('do not confirm the words of a case, event, request or transcript revision either', () => {
    const hashes = new Set(exportedEntries().map((e) => e.hash));
    const guesses = [
      recordHash(getCase(vault.db, caseId)),
      ...caseTimeline(vault.db, caseId).events.map((e) => recordHash(eventRecord(e))),
      ...listRequests(vault.db, caseId).map((r) => recordHash(requestRecord(r))),
      ...listInterviews(vault.db, caseId).map((iv) => {
        const rev = getRevision(vault.db, iv.id);
        return recordHash({ interviewId: iv.id, revision: rev.revision, segments: rev.segments });
      }),
    ];
    expect(guesses.length).toBeGreaterThan(10);
    for (const g of guesses) expect(hashes.has(g)).toBe(false);
  });

  it('carry no salt: the package has no records.jsonl, and no salt the vault keeps appears in any file of it', () => {
    expect(fs.existsSync(path.join(bagDir, 'data/custody/records.jsonl'))).toBe(false);
    const salts = SALTED_TABLES.flatMap(
      (t) => vault.db.prepare(`SELECT hash_salt FROM ${t} WHERE hash_salt IS NOT NULL`).pluck().all() as Buffer[],
    );
    expect(salts.length).toBeGreaterThan(20);
    for (const f of allFiles(bagDir)) {
      const bytes = fs.readFileSync(path.join(bagDir, f));
      for (const salt of salts) {
        for (const form of [salt, Buffer.from(salt.toString('hex')), Buffer.from(salt.toString('base64'))])
          expect(bytes.includes(form), f).toBe(false);
      }
    }
  });

  it(
    'name each transcript revision by its salted hash, not one that hashing the text with guessed names would ' +
      'confirm',
    () => {
      for (const iv of listInterviews(vault.db, caseId)) {
        const rev = getRevision(vault.db, iv.id);
        const json =
          fs.readdirSync(path.join(bagDir, 'data/transcripts')).find((n) => n.endsWith(`${iv.id.slice(0, 8)}.json`)) ??
          '';
        const exported = JSON.parse(fs.readFileSync(path.join(bagDir, 'data/transcripts', json), 'utf8')) as {
          sha256: string | null;
          namesReplaced?: boolean;
        };
        expect(exported.sha256).toBe(rev.sha256);
        expect(exported.sha256).not.toBe(
          recordHash({ interviewId: iv.id, revision: rev.revision, segments: rev.segments }),
        );
      }
    },
  );
});
