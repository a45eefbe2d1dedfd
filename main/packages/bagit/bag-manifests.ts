import type { BagFiles } from './bag-files';
import { normaliseListedPath } from './bag-paths';
import { decodeManifestPathAsBagitPy, parseManifest, type ManifestEntry } from './bag-text';
import type { ScannedFile } from './bag-scan';

/** A place a problem was found and what it is, in words a lawyer can read. */
export interface BagProblem {
  path: string;
  problem: string;
}

/** The checksum algorithms this checker verifies; a Vigil bag carries both. */
export type Alg = 'sha256' | 'sha512';
/** The algorithms every payload and tag manifest set must include. */
const ALGS: Alg[] = ['sha256', 'sha512'];
/** How an algorithm is named in a report. */
export const ALG_LABEL: Record<Alg, string> = { sha256: 'SHA-256', sha512: 'SHA-512' };
const HEX_LENGTH: Record<Alg, number> = { sha256: 64, sha512: 128 };

/** One manifest file's listed paths and checksums. */
export interface Manifest {
  file: string;
  alg: Alg;
  entries: Map<string, string>;
}

// ignoreBOM keeps a byte-order mark in the text, so that each caller decides what it means.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BOM = '\ufeff';

/** Reads a tag file as UTF-8; null (with a problem noted) when it cannot be read as text. A BOM is kept. */
export async function readTagText(bag: BagFiles, rel: string, problems: BagProblem[]): Promise<string | null> {
  const bytes = await bag.read(rel);
  if (bytes === null) {
    problems.push({ path: rel, problem: 'is missing' });
    return null;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    problems.push({ path: rel, problem: 'cannot be read as UTF-8 text' });
    return null;
  }
}

/**
 * The text without a leading byte-order mark, which RFC 8493 does not allow in UTF-8 tag files;
 * like bagit.py, a reader skips it with a warning (bagit.txt alone is refused for one).
 */
export function withoutBom(text: string, rel: string, warnings: BagProblem[]): string {
  if (!text.startsWith(BOM)) return text;
  warnings.push({
    path: rel,
    problem: 'starts with a byte-order mark, which RFC 8493 does not allow in UTF-8 tag files; it was skipped',
  });
  return text.slice(1);
}

/** Whether UTF-8 text starts with a byte-order mark. */
export function hasBom(text: string): boolean {
  return text.startsWith(BOM);
}

function isAlg(name: string): name is Alg {
  return name === 'sha256' || name === 'sha512';
}

/**
 * A manifest line's path: normalised, checked (payload manifests list data/ files, tag manifests the rest), or why not.
 */
function linePath(p: string, kind: 'manifest' | 'tagmanifest'): { path: string } | { why: string } {
  const listed = normaliseListedPath(p);
  if ('problem' in listed) return { why: `names a path that ${listed.problem}` };
  if (kind === 'manifest' && !listed.path.startsWith('data/'))
    return { why: 'names a file outside data/, which a payload manifest may not list' };
  if (kind === 'tagmanifest' && listed.path.startsWith('data/'))
    return { why: 'names a payload file, which a tag manifest may not list' };
  return listed;
}

/**
 * The path a line names. RFC 8493 decodes %25, %0D and %0A; bagit.py writes "%" as it is and
 * decodes only %0D and %0A. When only bagit.py's reading names a file in the bag, that is the
 * file meant (a bag bagit.py made); noted as a warning.
 */
function chooseReading(
  line: ManifestEntry,
  file: string,
  present: ReadonlySet<string>,
  warnings: BagProblem[],
): string {
  const asBagitPy = decodeManifestPathAsBagitPy(line.raw);
  if (asBagitPy === line.path || present.has(line.path) || !present.has(asBagitPy)) return line.path;
  warnings.push({
    path: file,
    problem:
      `line ${line.line} was read as bagit.py writes it, with "%25" meaning itself, because only that names a ` +
      `file in the bag`,
  });
  return asBagitPy;
}

interface LoadContext {
  kind: 'manifest' | 'tagmanifest';
  present: ReadonlySet<string>;
  problems: BagProblem[];
  warnings: BagProblem[];
}

async function loadOne(bag: BagFiles, file: string, alg: Alg, ctx: LoadContext): Promise<Manifest | null> {
  const text = await readTagText(bag, file, ctx.problems);
  if (text === null) return null;
  const entries = new Map<string, string>();
  const lineOf = new Map<string, number>();
  for (const line of parseManifest(withoutBom(text, file, ctx.warnings), HEX_LENGTH[alg])) {
    if ('problem' in line) {
      ctx.problems.push({ path: file, problem: `${line.problem}, so it cannot be checked` });
      continue;
    }
    const checked = linePath(chooseReading(line, file, ctx.present, ctx.warnings), ctx.kind);
    if ('why' in checked) {
      ctx.problems.push({ path: file, problem: `line ${line.line} ${checked.why} (${JSON.stringify(line.raw)})` });
      continue;
    }
    const first = lineOf.get(checked.path);
    if (first !== undefined)
      ctx.problems.push({ path: file, problem: `lists ${checked.path} twice (lines ${first} and ${line.line})` });
    else {
      entries.set(checked.path, line.hex);
      lineOf.set(checked.path, line.line);
    }
  }
  return { file, alg, entries };
}

/**
 * Loads every `manifest-<alg>.txt` (or `tagmanifest-<alg>.txt`) at the top of the bag,
 * noting unreadable lines, unsupported algorithms and missing SHA-256 / SHA-512 manifests;
 * `files` is every file in the bag. What is read but deserves a note goes to `warnings`.
 */
export async function loadManifests(
  bag: BagFiles,
  files: ScannedFile[],
  kind: 'manifest' | 'tagmanifest',
  problems: BagProblem[],
  warnings: BagProblem[] = [],
): Promise<Manifest[]> {
  const ctx: LoadContext = { kind, present: new Set(files.map((f) => f.path)), problems, warnings };
  const pattern = kind === 'manifest' ? /^manifest-([A-Za-z0-9]+)\.txt$/ : /^tagmanifest-([A-Za-z0-9]+)\.txt$/;
  const manifests: Manifest[] = [];
  for (const f of files) {
    const alg = pattern.exec(f.path)?.[1];
    if (alg === undefined || f.kind !== 'file') continue;
    if (!isAlg(alg)) {
      problems.push({ path: f.path, problem: `uses the ${alg} algorithm, which this checker cannot verify` });
      continue;
    }
    const loaded = await loadOne(bag, f.path, alg, ctx);
    if (loaded !== null) manifests.push(loaded);
  }
  for (const alg of ALGS) {
    const file = `${kind}-${alg}.txt`;
    if (!files.some((f) => f.path === file)) {
      const what =
        kind === 'manifest' ? 'the checksums of the evidence files' : 'the checksums of the bag description files';
      problems.push({
        path: file,
        problem: `is missing: it holds ${what} (${ALG_LABEL[alg]}), which a Vigil package always includes`,
      });
    }
  }
  return manifests;
}

/** "a", "a or b", "a, b or c" */
export function either(names: string[], word = 'or'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${word} ${names[names.length - 1] ?? ''}`;
}
