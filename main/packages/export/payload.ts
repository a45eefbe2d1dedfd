import { listInterviews } from '../../evidence/interviews';
import type { StoredCheckpoint } from '../../custody/checkpoint-store';
import type { InterviewRow } from '../../evidence/interviews';
import type { ReadDb } from '../../vault/database';
import type { Vault } from '../../vault/vault';
import { buildCaseExport, registerCsv, type CaseExport, type PlannedItem } from './case-data';
import { custodyFiles } from './custody-export';
import { communicationDocumentXml, communicationDocx } from './docx';
import { checkObjectsReadable, EXIF_STRIPPED, strippedCopy } from './items';
import { assertNamesConfirmed, type NameHit } from './name-scan';
import type { NamePolicy } from './names';
import { planPayload, type ItemChoice } from './payload-plan';
import { profileChanges, withheldEntriesChange, type ExportProfile, type ProfileSettings } from './profile';
import { recordOpenings } from './record-openings';
import { readerText, type SealText } from './seal-scan';
import { buildCommunication, SUBMISSION_README, type Communication } from './submission';
import { verifyText } from './texts';
import { timestampFiles } from './timestamp-export';
import { consistencyFile } from '../consistency/consistency-export';
import { transcriptFiles, type GeneratedFile } from './transcripts';
import { handOver, type Handover, type UpdateBase } from '../update/update-plan';

/** Everything that goes under data/: the items (streamed from the vault later) and the generated files. */
export interface BuiltPayload {
  settings: ProfileSettings;
  items: PlannedItem[];
  files: GeneratedFile[];
  checkpointNote: string;
  /** The checkpoint's size and root (hex), recorded in `package.exported` for the next export's consistency proof. */
  checkpoint: { size: number; root: string };
  /** Protected names found in the exported items (the sender confirmed them). */
  nameHits: NameHit[];
  policy: NamePolicy;
  /** The generated files as their readers see them, for the scan before sealing (seal-scan.ts). */
  texts: SealText[];
  /** The records the recipients hold after this package, and its update marker (null for a full package). */
  handover: Pick<Handover, 'records' | 'recordSet' | 'update'>;
}

/** Facts of the package the generated files mention, and how to make the export's checkpoint. */
interface PayloadContext {
  packageId: string;
  bag: string;
  fileName: string;
  signerLine: string;
  signerFingerprint: string;
  checkpoint: () => Promise<StoredCheckpoint>;
  /**
   * The recipients' fingerprints, as `package.exported` records them: the consistency proofs start at their last
   * packages.
   */
  recipients: readonly string[];
  /** The earlier package this one updates; null or absent for a full package. */
  updateBase?: UpdateBase | null;
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The hits as the package's profile report lists them (case.json profile.namesInOriginals): by code, with the item's id
 * and path.
 */
function namesInOriginals(hits: NameHit[], planned: PlannedItem[]): Record<string, unknown>[] {
  return hits.map((h) => {
    const p = planned[h.position - 1];
    return {
      item: p?.item.id ?? h.itemId,
      path: p ? `data/${p.path}` : null,
      code: h.code,
      count: h.count,
      fields: h.fields,
    };
  });
}

/** The ids of everything the package exports: custody entries about them go with it. */
function exportedSubjects(
  caseId: string,
  planned: PlannedItem[],
  data: CaseExport,
  interviews: InterviewRow[],
): Set<string> {
  const subjects = new Set<string>([caseId]);
  for (const p of planned) {
    subjects.add(p.item.id);
    if (p.original) subjects.add(p.original.id);
  }
  for (const p of data.people) subjects.add(p.id);
  for (const iv of interviews) subjects.add(iv.id);
  for (const r of data.requests) subjects.add(r.id);
  for (const e of data.timeline.events) {
    subjects.add(e.id);
    if (e.place) subjects.add(e.place.id);
  }
  return subjects;
}

/**
 * The files of data/custody/: records.jsonl only when the profile opens records; otherwise
 * entries with unsalted record hashes are withheld (how many is returned for the report).
 */
function custodyPayload(
  db: ReadDb,
  subjects: ReadonlySet<string>,
  checkpoint: StoredCheckpoint,
  opens: boolean,
): { files: GeneratedFile[]; withheld: number } {
  const custody = custodyFiles(db, subjects, checkpoint.size, checkpoint.signer, { withholdUnsalted: !opens });
  const openings = opens ? recordOpenings(db, subjects, checkpoint.size) : null;
  const files: GeneratedFile[] = [
    { path: 'custody/entries.jsonl', data: custody.entriesJsonl },
    { path: 'custody/checkpoint.txt', data: Buffer.from(checkpoint.note) },
    { path: 'custody/keys.txt', data: custody.keysTxt },
  ];
  if (openings !== null && openings.count > 0) files.push({ path: 'custody/records.jsonl', data: openings.jsonl });
  return { files, withheld: custody.withheld };
}

/** The generated files' texts as a reader sees them; the .docx by its document part. */
function readerTexts(files: GeneratedFile[], communication: Communication): SealText[] {
  const texts = files
    .filter((f) => !f.path.endsWith('.docx'))
    .map((f) => ({ where: `data/${f.path}`, text: readerText(f.path, f.data) }));
  texts.push({
    where: 'data/submission/communication.docx (word/document.xml)',
    text: readerText('document.xml', Buffer.from(communicationDocumentXml(communication))),
  });
  return texts;
}

/**
 * The chosen items as exported: the EXIF-stripped derivatives the plan asks for are made (or an
 * earlier one reused) from memory into the encrypted store; paths are the plan's.
 */
async function materialiseItems(vault: Vault, choices: readonly ItemChoice[]): Promise<PlannedItem[]> {
  const planned: PlannedItem[] = [];
  for (const choice of choices) {
    const item = choice.stripExif ? await strippedCopy(vault, choice.form) : choice.form;
    planned.push({ item, original: item === choice.original ? null : choice.original, path: choice.path });
  }
  return planned;
}

/**
 * Materialises the payload plan (payload-plan.ts): refuses, before anything is written,
 * originals that name protected people unless the sender confirmed them; makes the
 * EXIF-stripped derivatives the plan asks for; then makes the checkpoint, so the custody
 * entries of those derivatives are inside the tree the package proves against.
 */
export async function buildPayload(
  vault: Vault,
  opts: { caseId: string; itemIds?: string[]; profile: ExportProfile; confirmProtectedNames?: boolean },
  ctx: PayloadContext,
): Promise<BuiltPayload> {
  const db = vault.db;
  const plan = planPayload(db, opts);
  const { settings, policy, nameHits, leftOut, case: c } = plan;
  assertNamesConfirmed(nameHits, opts.confirmProtectedNames === true);
  await checkObjectsReadable(
    vault,
    plan.choices.map((ch) => ch.form),
  );
  const planned = await materialiseItems(vault, plan.choices);
  const stripped = planned.filter((p) => p.item.derivativeKind === EXIF_STRIPPED).length;
  const redacted = plan.choices.filter((ch) => ch.form !== ch.original).length;
  const changes = profileChanges(settings, {
    stripped,
    redacted,
    leftOut,
    namingItems: new Set(nameHits.map((h) => h.itemId)).size,
  });
  const data = buildCaseExport(db, c.id, policy, settings, planned, {
    changes,
    namesInOriginals: namesInOriginals(nameHits, planned),
  });
  const interviews = listInterviews(db, c.id);
  const checkpoint = await ctx.checkpoint();
  const opens = plan.opensRecords;
  const subjects = exportedSubjects(c.id, planned, data, interviews);
  const stamps = timestampFiles(db, checkpoint);
  for (const id of stamps.subjects) subjects.add(id);
  const custody = custodyPayload(db, subjects, checkpoint, opens);
  // case.json's profile report holds this same array; it is serialised below.
  if (custody.withheld > 0) changes.push(withheldEntriesChange(custody.withheld));
  const communication = buildCommunication(data, c.id, c.reference, policy);
  // An update keeps only what its recipients do not hold yet (update/update-plan.ts).
  const handover = handOver(
    {
      caseJson: data.json,
      planned,
      transcripts: transcriptFiles(db, interviews, policy, { withholdUnsalted: !opens }),
    },
    ctx.updateBase ?? null,
  );
  const facts = {
    packageId: ctx.packageId,
    bag: ctx.bag,
    vaultId: vault.vaultId,
    fileName: ctx.fileName,
    signerName: vault.member.name,
    signerKeyLine: ctx.signerLine,
    signerFingerprint: ctx.signerFingerprint,
  };
  const files: GeneratedFile[] = [
    { path: 'case.json', data: json(handover.caseJson) },
    { path: 'register.csv', data: Buffer.from(registerCsv(handover.planned, data.people, policy)) },
    ...handover.transcripts,
    ...custody.files,
    ...stamps.files,
    consistencyFile(db, checkpoint, ctx.recipients),
    { path: 'submission/communication.json', data: json(communication) },
    { path: 'submission/communication.docx', data: communicationDocx(communication) },
    { path: 'submission/README.txt', data: Buffer.from(SUBMISSION_README) },
    { path: 'VERIFY.txt', data: Buffer.from(verifyText(facts) + stamps.verifyText) },
  ];
  const { records, recordSet, update } = handover;
  return {
    settings,
    items: handover.planned,
    files,
    checkpointNote: checkpoint.note,
    checkpoint: { size: checkpoint.size, root: checkpoint.root },
    nameHits,
    policy,
    texts: readerTexts(files, communication),
    handover: { records, recordSet, update },
  };
}
