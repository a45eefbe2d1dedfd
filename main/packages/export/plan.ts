/**
 * The export preview the window shows: the payload plan (payload-plan.ts, which the export
 * itself starts from) in the contract's shape, read without writing anything (no derivative,
 * no checkpoint, no custody entry).
 */
import { packageBagName } from '../../../shared/areas/packages.values';
import type { ItemSummary } from '../../evidence/items';
import { listPeople } from '../../evidence/people';
import type { ReadDb } from '../../vault/database';
import type { NameHit } from './name-scan';
import { planPayload } from './payload-plan';
import type { ExportProfile, ProfileSettings } from './profile';

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

/** The preview of an export of `caseId` (all originals, or `itemIds`) under `profile`, changing nothing. */
export function planExport(
  db: ReadDb,
  opts: { caseId: string; itemIds?: string[]; profile: ExportProfile },
): ExportPlan {
  const plan = planPayload(db, opts);
  const items = plan.choices.map(({ original, form, path, stripExif }) => ({
    id: original.id,
    fileName: form.fileName,
    kind: original.kind,
    path: `data/${path}`,
    size: form.size,
    exifStripped: stripExif,
  }));
  const people = listPeople(db, { caseId: plan.case.id });
  return {
    bag: packageBagName(new Date()),
    settings: plan.settings,
    candidates: plan.originals.map((i) => ({ id: i.id, fileName: i.fileName, kind: i.kind, size: i.size })),
    items,
    generated: plan.generated,
    tagFiles: plan.tagFiles,
    leftOut: plan.leftOut,
    filteredOut: plan.filteredOut,
    codedPeople: people.filter((p) => !plan.policy.named(p)).map((p) => p.code),
    namedPeople: people.filter((p) => plan.policy.named(p)).length,
    itemBytes: items.reduce((n, p) => n + p.size, 0),
    nameHits: plan.nameHits,
  };
}
