/**
 * What a package will hold, decided without changing anything: the items (each original's
 * exported form and its path under data/), what the profile leaves out, the protected names
 * found in what leaves, and the files Vigil generates. The preview (`packages:plan`), `vigil
 * export --dry-run` and the export itself all start from this one plan; the export then
 * materialises it (derivatives, checkpoint, bytes) in payload.ts.
 */
import { getCase } from '../../evidence/cases';
import { listInterviews } from '../../evidence/interviews';
import { listItems, type ItemSummary } from '../../evidence/items';
import type { ReadDb } from '../../vault/database';
import { BAG_TAG_FILES } from '../bagit/bag-writer';
import { TAG_SIGNATURE_FILE } from '../verify/signature-check';
import { bagItemPath, exportedForm, looksJpeg, selectItems } from './items';
import { findProtectedNames, type NameHit } from './name-scan';
import { namePolicy, type NamePolicy } from './names';
import { profileSettings, type ExportProfile, type ProfileSettings } from './profile';
import { profileOpensRecords } from './record-openings';
import { transcriptBaseName } from './transcripts';

/** One chosen item as the package will hold it. */
export interface ItemChoice {
  /** The original chosen. */
  original: ItemSummary;
  /** What leaves in its place: its latest redacted copy when the profile uses them, else the original. */
  form: ItemSummary;
  /** Its path under data/, e.g. items/001.pdf (protected profile) or items/001-letter.pdf. */
  path: string;
  /** Whether the export sends a copy without EXIF/GPS metadata (made, or reused, when it runs). */
  stripExif: boolean;
}

/** Everything an export of a case would hold, before anything is made. */
interface PayloadPlan {
  case: ReturnType<typeof getCase>;
  settings: ProfileSettings;
  policy: NamePolicy;
  /** Every original of the case, to choose from. */
  originals: ItemSummary[];
  choices: ItemChoice[];
  /** Originals of the case not in the package (not chosen, or filtered out by the profile). */
  leftOut: number;
  /** Chosen items the profile leaves out (recordings or other kinds). */
  filteredOut: number;
  /** Protected names in what leaves (text, file name, title, notes): the sender must confirm them. */
  nameHits: NameHit[];
  /** Whether the package opens its records to the recipient (data/custody/records.jsonl). */
  opensRecords: boolean;
  /** The files Vigil generates under data/, as paths in the bag. */
  generated: string[];
  /** The bag's tag files at its root. */
  tagFiles: string[];
}

/** The bag's tag files, in the order the bag writer writes them, and the export's signature of them. */
const TAG_FILES = [...BAG_TAG_FILES, TAG_SIGNATURE_FILE];

/**
 * The generated files under data/ (timestamp files, which depend on the checkpoint the export
 * makes, are not listed). payload.ts writes exactly these; a test holds the two together.
 */
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

/** Plans an export of `caseId` (all originals, or `itemIds`) under `profile`; reads only. */
export function planPayload(
  db: ReadDb,
  opts: { caseId: string; itemIds?: string[] | undefined; profile: ExportProfile },
): PayloadPlan {
  const settings = profileSettings(opts.profile);
  const policy = namePolicy(db, settings);
  const c = getCase(db, opts.caseId);
  const originals = listItems(db, { caseId: c.id }).filter((i) => i.derivativeOf === null);
  const chosen = opts.itemIds && opts.itemIds.length > 0 ? opts.itemIds : undefined;
  const { items, leftOut } = selectItems(db, c.id, chosen, settings);
  const asked = chosen === undefined ? originals.length : new Set(chosen).size;
  const choices = items.map((original, i): ItemChoice => {
    const form = exportedForm(db, original, settings);
    return {
      original,
      form,
      path: bagItemPath(i + 1, form.fileName, settings, policy),
      stripExif: settings.stripExif && looksJpeg(form),
    };
  });
  const opensRecords = profileOpensRecords(settings, policy);
  return {
    case: c,
    settings,
    policy,
    originals,
    choices,
    leftOut,
    filteredOut: Math.max(0, asked - items.length),
    nameHits: findProtectedNames(
      db,
      choices.map((ch) => ch.form),
      policy,
    ),
    opensRecords,
    generated: generatedFiles(db, c.id, opensRecords),
    tagFiles: TAG_FILES,
  };
}
