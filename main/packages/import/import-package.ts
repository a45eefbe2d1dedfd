import { randomUUID } from 'node:crypto';
import { VigilError } from '../../../shared/errors';
import type { AgeIdentity } from '../../crypto/age';
import { wipe } from '../../crypto/sodium';
import { ItemStaging } from '../../evidence/item-staging';
import { memberIdentity } from '../../vault/identity';
import type { Vault } from '../../vault/vault';
import type { BagFiles } from '../bagit/bag-files';
import type { ExtractLimits } from '../tar/safe-extract';
import { checkPackage, type CheckedPackage } from '../verify';
import { manifest256 } from '../verify/receipt-check';
import { readCaseJson } from './case-json';
import { stageItems } from './stage-items';
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
}

const ITEMS = 'data/items/';

function refusal(checked: CheckedPackage): VigilError {
  const failed = checked.report.checks.filter((c) => !c.ok);
  const why = failed.slice(0, 3).map((c) => `${c.subject ? `${c.subject}: ` : ''}${c.detail}`).join(' ');
  return new VigilError('PACKAGE_INVALID', `The package was refused and nothing was imported. ${why}${failed.length > 3 ? ` (and ${failed.length - 3} more problems; run vigil verify for all of them)` : ''}`);
}

/** The verified items of the bag, by path, with their SHA-256 from the verified manifest. */
async function verifiedItems(bag: BagFiles): Promise<Map<string, string>> {
  return new Map([...(await manifest256(bag))].filter(([p]) => p.startsWith(ITEMS)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function bringIn(vault: Vault, file: string, identities: AgeIdentity[], limits: Partial<ExtractLimits> | undefined, checked: CheckedPackage & { bag: BagFiles }): Promise<ImportResult> {
  const { bag } = checked;
  const packageId = checked.report.packageId ?? '';
  const sourceVault = checked.report.vault ?? '';
  const data = await readCaseJson(bag);
  const transcripts = await loadTranscripts(bag);
  const expected = await verifiedItems(bag);
  const senderIds = new Map(data.items.filter((i) => expected.has(i.path)).map((i) => [i.path, i.id]));
  const entriesJsonl = (await bag.read('data/custody/entries.jsonl'))?.toString('utf8') ?? '';
  const staging = new ItemStaging(vault, { acquisition: { how: 'imported package', note: packageId } });
  let caseId: string;
  let order: string[];
  const maps: IdMaps = { people: new Map(), codes: new Map(), items: new Map() };
  try {
    order = await stageItems(file, identities, limits, expected, staging);
    caseId = importCase(vault, data.case);
    importPeople(vault, caseId, data.people, maps);
  } catch (err) {
    await staging.discard();
    throw err;
  }
  const added = await staging.commit(caseId);
  added.forEach((item, i) => {
    const sender = senderIds.get(order[i] ?? '');
    if (sender !== undefined) maps.items.set(sender, item.id);
  });
  const counts = importEventsAndRequests(vault, caseId, data, maps);
  const transcriptCount = importTranscripts(vault, transcripts, caseId, packageId, maps);
  const checkpointSize = checked.facts.checkpoint?.size ?? 0;
  vault.change((db) => {
    db.prepare('INSERT INTO imported_packages (id, package_id, bag, source_vault, checkpoint, entries_jsonl, keys_txt, imported_at, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      randomUUID(), packageId, checked.report.bag ?? '', sourceVault, checked.facts.checkpointNote ?? '', entriesJsonl, checked.keysText ?? '', new Date().toISOString(), caseId,
    );
    return { result: null, custody: { action: 'package.imported', subject: caseId, hash: checked.sha256, data: { packageId, sourceVault, items: added.length, checkpointSize } } };
  });
  return { caseId, packageId, sourceVault, items: added.length, transcripts: transcriptCount, people: data.people.length, ...counts };
}

/**
 * Imports a sealed package without ever writing its plaintext to disk. First pass: decrypts
 * and verifies EVERYTHING (the same checks as vigil verify), keeping all but the items in
 * memory, and refuses with PACKAGE_INVALID, writing nothing, on any problem. Second pass:
 * decrypts again and stores each verified item straight into the vault's encrypted store,
 * checked against the verified manifest. Only then are the case, people, items, events,
 * requests and transcripts added, the sender's custody entries, checkpoint and keys kept as
 * provenance, and `package.imported` recorded.
 */
export async function importPackage(vault: Vault, file: string, opts: ImportOptions = {}): Promise<ImportResult> {
  vault.requireSigner();
  const own = opts.identities === undefined ? memberIdentity(vault).ageIdentity : null;
  const identities = opts.identities ?? (own ? [own] : []);
  try {
    const limits = opts.limits ? { limits: opts.limits } : {};
    const checked = await checkPackage(file, { identities, ...limits, keep: (rel) => !rel.startsWith(ITEMS) });
    if (!checked.report.ok || checked.bag === null) throw refusal(checked);
    return await bringIn(vault, file, identities, opts.limits, { ...checked, bag: checked.bag });
  } finally {
    if (own?.kind === 'x25519') wipe(own.secretKey);
  }
}
