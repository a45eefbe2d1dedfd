import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { VigilError } from '../../../shared/errors';
import type { AgeIdentity } from '../../crypto/age';
import { wipe } from '../../crypto/sodium';
import { addFileItems } from '../../evidence/item-ingest';
import { memberIdentity } from '../../vault/identity';
import type { Vault } from '../../vault/vault';
import type { ExtractLimits } from '../tar/safe-extract';
import { openPackage, privateWorkDir, type OpenedPackage } from '../verify';
import { manifest256 } from '../verify/receipt-check';
import { folderBag } from '../bagit/bag-files';
import { readCaseJson } from './case-json';
import { importCase, importEventsAndRequests, importPeople, importTranscripts, loadTranscripts, type IdMaps } from './import-records';

/** What an import brought into the vault. */
export interface ImportResult {
  caseId: string;
  packageId: string;
  sourceVault: string;
  items: number;
  transcripts: number;
  events: number;
  requests: number;
  people: number;
}

/** Options for importPackage; by default the package is opened with the member's own age identity. */
export interface ImportOptions {
  identities?: AgeIdentity[];
  limits?: Partial<ExtractLimits>;
  workDir?: string;
}

function refusal(opened: OpenedPackage): VigilError {
  const failed = opened.report.checks.filter((c) => !c.ok);
  const why = failed.slice(0, 3).map((c) => `${c.subject ? `${c.subject}: ` : ''}${c.detail}`).join(' ');
  return new VigilError('PACKAGE_INVALID', `The package was refused and nothing was imported. ${why}${failed.length > 3 ? ` (and ${failed.length - 3} more problems; run vigil verify for all of them)` : ''}`);
}

/** The verified item files in the bag, with the sender's item id for each (when case.json names it). */
async function itemFiles(bagDir: string, listed: { id: string; path: string }[]): Promise<{ files: string[]; senderIds: Map<string, string> }> {
  const verified = [...(await manifest256(folderBag(bagDir))).keys()].filter((p) => p.startsWith('data/items/')).sort();
  const local = (p: string): string => path.join(bagDir, ...p.split('/'));
  const senderIds = new Map(listed.filter((i) => verified.includes(i.path)).map((i) => [local(i.path), i.id]));
  return { files: verified.map(local), senderIds };
}

async function bringIn(vault: Vault, opened: OpenedPackage, bagDir: string): Promise<ImportResult> {
  const packageId = opened.report.packageId ?? '';
  const sourceVault = opened.report.vault ?? '';
  const data = await readCaseJson(bagDir);
  const transcripts = await loadTranscripts(bagDir);
  const { files, senderIds } = await itemFiles(bagDir, data.items);
  const entriesJsonl = await readFile(path.join(bagDir, 'data', 'custody', 'entries.jsonl'), 'utf8');
  const maps: IdMaps = { people: new Map(), codes: new Map(), items: new Map() };
  const caseId = importCase(vault, data.case);
  importPeople(vault, caseId, data.people, maps);
  let items = 0;
  await addFileItems(vault, files, { caseId, acquisition: { how: 'imported package', note: packageId } }, (item, f) => {
    items++;
    const sender = senderIds.get(f);
    if (sender !== undefined) maps.items.set(sender, item.id);
  });
  const counts = importEventsAndRequests(vault, caseId, data, maps);
  const transcriptCount = importTranscripts(vault, transcripts, caseId, packageId, maps);
  const checkpointSize = opened.facts.checkpoint?.size ?? 0;
  vault.change((db) => {
    db.prepare('INSERT INTO imported_packages (id, package_id, bag, source_vault, checkpoint, entries_jsonl, keys_txt, imported_at, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      randomUUID(), packageId, opened.report.bag ?? '', sourceVault, opened.facts.checkpointNote ?? '', entriesJsonl, opened.keysText ?? '', new Date().toISOString(), caseId,
    );
    return { result: null, custody: { action: 'package.imported', subject: caseId, hash: opened.sha256, data: { packageId, sourceVault, items, checkpointSize } } };
  });
  return { caseId, packageId, sourceVault, items, transcripts: transcriptCount, people: data.people.length, ...counts };
}

/**
 * Imports a sealed package: verifies EVERYTHING first in a private temp folder (the same checks as
 * vigil verify) and refuses with PACKAGE_INVALID, writing nothing, on any problem. Then adds the case,
 * people, items, events, requests and transcripts, keeps the sender's custody entries, checkpoint and
 * keys as provenance, and records `package.imported`. The temp folder is always removed.
 */
export async function importPackage(vault: Vault, file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  vault.requireSigner();
  const own = opts.identities === undefined ? memberIdentity(vault).ageIdentity : null;
  const identities = opts.identities ?? (own ? [own] : []);
  const work = await privateWorkDir(opts.workDir);
  try {
    const opened = await openPackage(file, { identities, ...(opts.limits ? { limits: opts.limits } : {}) }, work);
    if (!opened.report.ok || opened.bagDir === null) throw refusal(opened);
    return await bringIn(vault, opened, opened.bagDir);
  } finally {
    await rm(work, { recursive: true, force: true });
    if (own?.kind === 'x25519') wipe(own.secretKey);
  }
}
