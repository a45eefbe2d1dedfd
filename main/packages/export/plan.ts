/**
 * A dry run of an export: what would leave the vault, read without writing
 * anything (no derivative, no checkpoint, no custody entry). It uses the same
 * selection, naming and profile code as exportPackage, so the preview lists
 * the bag's files as the export will write them.
 */
import { packageBagName } from '../../../shared/areas/packages.values';
import { getCase } from '../../evidence/cases';
import { listInterviews } from '../../evidence/interviews';
import { listItems, type ItemSummary } from '../../evidence/items';
import { listPeople } from '../../evidence/people';
import type { ReadDb } from '../../vault/database';
import { bagItemPath, exportedForm, looksJpeg, selectItems } from './items';
import { findProtectedNames, type NameHit } from './name-scan';
import { namePolicy } from './names';
import { profileSettings, type ExportProfile, type ProfileSettings } from './profile';
import { profileOpensRecords } from './record-openings';
import { transcriptBaseName } from './transcripts';

/** One item as the preview shows it. */
interface PlannedItemView {
  id: string;
  fileName: string;
  kind: ItemSummary['kind'];
  /** Path in the bag, e.g. data/items/001.pdf (protected profile) or data/items/001-letter.pdf. */
  path: string;
  /** The original's size; a copy without metadata is a little smaller. */
  size: number;
  /** A JPEG whose EXIF/GPS metadata will be removed (the copy is kept in the vault as a derivative). */
  exifStripped: boolean;
}

/** The dry run's answer. */
interface ExportPlan {
  /** The bag's folder name if exported today (the package's top folder). */
  bag: string;
  settings: ProfileSettings;
  /** Every original of the case, to choose from. */
  candidates: { id: string; fileName: string; kind: ItemSummary['kind']; size: number }[];
  items: PlannedItemView[];
  /** Payload files Vigil writes at export time (under data/); their size is known only then. */
  generated: string[];
  /** The bag's tag files at its root (BagIt declaration, manifests, the signature). */
  tagFiles: string[];
  /** Originals of the case not in the package (not chosen, or filtered out by the profile). */
  leftOut: number;
  /** Items left out because the profile leaves out recordings or other kinds. */
  filteredOut: number;
  /** Codes of the case's people whose names and aliases are replaced by their code. */
  codedPeople: string[];
  /** How many of the case's people appear by name. */
  namedPeople: number;
  /** Sum of the item sizes. */
  itemBytes: number;
  /**
   * Items whose text, file name, title or notes name people the profile protects, by code; the export needs the
   * sender's confirmation.
   */
  nameHits: NameHit[];
}

/** The bag's tag files, in the order the bag writer writes them (plus the export's signature). */
const BAG_TAG_FILES = [
  'bagit.txt',
  'bag-info.txt',
  'manifest-sha256.txt',
  'manifest-sha512.txt',
  'tagmanifest-sha256.txt',
  'tagmanifest-sha512.txt',
  'tagmanifest-sha512.txt.minisig',
];

function generatedFiles(db: ReadDb, caseId: string, opensRecords: boolean): string[] {
  const transcripts = listInterviews(db, caseId)
    .filter((iv) => iv.currentRevision !== null)
    .flatMap((iv) => ['txt', 'vtt', 'json'].map((ext) => `transcripts/${transcriptBaseName(iv)}.${ext}`));
  const files = [
    'case.json',
    'register.csv',
    ...transcripts,
    'custody/entries.jsonl',
    'custody/checkpoint.txt',
    'custody/keys.txt',
    'custody/consistency.json',
  ];
  if (opensRecords) files.push('custody/records.jsonl');
  files.push('submission/communication.json', 'submission/communication.docx', 'submission/README.txt', 'VERIFY.txt');
  return files.map((f) => `data/${f}`);
}

/** Plans an export of `caseId` (all originals, or `itemIds`) under `profile`, changing nothing. */
export function planExport(
  db: ReadDb,
  opts: { caseId: string; itemIds?: string[]; profile: ExportProfile },
): ExportPlan {
  const settings = profileSettings(opts.profile);
  const policy = namePolicy(db, settings);
  const c = getCase(db, opts.caseId);
  const originals = listItems(db, { caseId: c.id }).filter((i) => i.derivativeOf === null);
  const chosen = opts.itemIds && opts.itemIds.length > 0 ? opts.itemIds : undefined;
  const { items, leftOut } = selectItems(db, c.id, chosen, settings);
  const asked = chosen === undefined ? originals.length : new Set(chosen).size;
  // What leaves: an item's latest redacted copy in its place when the profile uses them (as planItems does).
  const leaving = items.map((item) => exportedForm(db, item, settings));
  const planned = items.map((item, i) => {
    const form = leaving[i] ?? item;
    return {
      id: item.id,
      fileName: form.fileName,
      kind: item.kind,
      // The same path rule as planItems.
      path: `data/${bagItemPath(i + 1, form.fileName, settings, policy)}`,
      size: form.size,
      exifStripped: settings.stripExif && looksJpeg(form),
    };
  });
  const people = listPeople(db, { caseId: c.id });
  return {
    bag: packageBagName(new Date()),
    settings,
    candidates: originals.map((i) => ({ id: i.id, fileName: i.fileName, kind: i.kind, size: i.size })),
    items: planned,
    generated: generatedFiles(db, c.id, profileOpensRecords(settings, policy)),
    tagFiles: BAG_TAG_FILES,
    leftOut,
    filteredOut: Math.max(0, asked - items.length),
    codedPeople: people.filter((p) => !policy.named(p)).map((p) => p.code),
    namedPeople: people.filter((p) => policy.named(p)).length,
    itemBytes: planned.reduce((n, p) => n + p.size, 0),
    nameHits: findProtectedNames(db, leaving, policy),
  };
}
