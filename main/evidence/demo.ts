import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCheckpoint } from '../custody/checkpoint-store';
import { createVault } from '../vault/create';
import type { KdfLimits } from '../vault/keys/slots';
import type { Vault } from '../vault/vault';
import { createCase } from './cases';
import { demoCase, demoDocuments, demoEvents, demoInterviews, demoPeople, demoPlaces, demoRequests } from './demo-data';
import { addEvent } from './events';
import { createInterview } from './interviews';
import { addFileItem } from './item-ingest';
import { addPerson } from './people';
import { addRequest, answerRequest } from './requests';
import { reviseTranscript } from './transcripts';

/** What the demo made, for the command to print. */
export interface DemoSummary {
  vaultId: string;
  caseId: string;
  recoveryCode: string;
  counts: { people: number; items: number; interviews: number; events: number; requests: number };
}

/**
 * Creates a vault holding one fictional case shaped like the motivating work,
 * so a new user sees Vigil with realistic material in seconds. Every change
 * goes through the same services (and custody log) as real work.
 */
export async function createDemoVault(dir: string, passphrase: string, kdf?: KdfLimits): Promise<DemoSummary> {
  const { vault, recoveryCode } = await createVault(dir, {
    memberName: 'Demo investigator (fictional)',
    passphrase,
    ...(kdf ? { kdf } : {}),
  });
  try {
    const summary = await fillDemoCase(vault);
    await makeCheckpoint(vault.db, vault.vaultId, vault.requireSigner());
    return { vaultId: vault.vaultId, recoveryCode, ...summary };
  } finally {
    await vault.close();
  }
}

async function fillDemoCase(vault: Vault): Promise<Omit<DemoSummary, 'vaultId' | 'recoveryCode'>> {
  const c = createCase(vault, { ...demoCase, status: 'monitoring' });
  const people = new Map<string, string>();
  for (const p of demoPeople) {
    const row = addPerson(vault, {
      caseId: c.id,
      role: p.role,
      name: p.name,
      aliases: p.aliases,
      consent: { named: p.named, shareWith: p.named ? ['UN Working Group (fictional)'] : [] },
    });
    people.set(p.key, row.id);
  }
  const personId = (key: string): string => people.get(key) ?? '';
  const items = await addDemoDocuments(vault, c.id, personId);
  for (const e of demoEvents) {
    const place = e.place ? demoPlaces[e.place] : undefined;
    addEvent(vault, {
      caseId: c.id,
      personId: personId('detainee'),
      type: e.type,
      date: e.date,
      dateApprox: e.approx ?? false,
      description: e.description,
      ...(place ? { placeName: place.name, placeType: place.type, placeRegion: place.region } : {}),
      ...(e.type === 'letter_withheld' && items[0] ? { itemIds: [items[0]] } : {}),
    });
  }
  const requests = demoRequests();
  for (const r of requests) {
    const row = addRequest(vault, {
      caseId: c.id,
      personId: personId('detainee'),
      requesterId: personId(r.by),
      date: r.date,
      recipient: r.recipient,
      channel: r.channel,
      about: r.about,
    });
    if (r.answer) answerRequest(vault, row.id, r.answer);
  }
  for (const i of demoInterviews) {
    const interview = createInterview(vault, {
      caseId: c.id,
      intervieweeId: personId(i.with),
      date: i.date,
      mode: i.mode,
      language: i.language,
      consent: { given: true, how: 'oral, recorded at the start' },
    });
    reviseTranscript(vault, interview.id, i.segments, 'first transcription');
  }
  return {
    caseId: c.id,
    counts: {
      people: demoPeople.length,
      items: items.length,
      interviews: demoInterviews.length,
      events: demoEvents.length,
      requests: requests.length,
    },
  };
}

/** Writes the fictional documents to a private temp folder, ingests them, and removes the folder. */
async function addDemoDocuments(vault: Vault, caseId: string, personId: (key: string) => string): Promise<string[]> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'vigil-demo-'));
  try {
    const ids: string[] = [];
    for (const d of demoDocuments) {
      const file = path.join(folder, d.file);
      writeFileSync(file, d.text, { mode: 0o600 });
      const item = await addFileItem(vault, file, {
        caseId,
        title: d.title,
        kind: d.kind,
        date: d.date,
        sourcePersonId: personId(d.source),
      });
      ids.push(item.id);
    }
    return ids;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
