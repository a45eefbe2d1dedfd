import { checkFetch, checkFetchListed } from './bag-fetch';
import { folderBag, type BagFiles } from './bag-files';
import {
  ALG_LABEL,
  either,
  hasBom,
  loadManifests,
  readTagText,
  withoutBom,
  type BagProblem,
  type Manifest,
} from './bag-manifests';
import type { ScannedFile } from './bag-scan';
import { parseTags, tagLines } from './bag-text';

export type { BagProblem } from './bag-manifests';

/**
 * The outcome of validateBag: ok only when the bag is complete and valid. `warnings` are what
 * a reader should know but that does not make the bag invalid (as bagit.py logs warnings).
 * `unfetched` counts the files fetch.txt lists that are not in the bag.
 */
interface BagValidation {
  ok: boolean;
  problems: BagProblem[];
  warnings: BagProblem[];
  info: Record<string, string>;
  payloadFiles: number;
  payloadBytes: number;
  unfetched: number;
}

/**
 * RFC 8493 §2.2.2: a label MUST NOT start or end with whitespace. parseTags trims labels, as
 * bagit.py does, so "BagIt-Version : 1.0" would pass; the LoC conformance suite (v1.0,
 * bagit-with-invalid-whitespace) holds such a bag invalid, and in bagit.txt, whose two lines
 * RFC 8493 §2.1.1 fixes exactly, so does Vigil.
 */
function paddedLabels(body: string): BagProblem[] {
  return tagLines(body).flatMap((line, i) => {
    // A line that starts with whitespace continues the one before; parseTags reports it.
    const label = /^[ \t]/.test(line) ? undefined : /^([^:]*):/.exec(line)?.[1];
    if (label === undefined || label.trim() === '' || label === label.trim()) return [];
    return [
      {
        path: 'bagit.txt',
        problem: `line ${i + 1} has whitespace around its label "${label.trim()}", which RFC 8493 does not allow`,
      },
    ];
  });
}

async function checkBagitTxt(bag: BagFiles, problems: BagProblem[]): Promise<void> {
  const text = await readTagText(bag, 'bagit.txt', problems);
  const last = problems[problems.length - 1];
  if (text === null) {
    if (last?.path === 'bagit.txt' && last.problem === 'is missing')
      last.problem = 'is missing, so this folder is not a complete BagIt bag';
    return;
  }
  // RFC 8493 §2.1.1: bagit.txt MUST NOT begin with a byte-order mark; bagit.py refuses one too.
  if (hasBom(text))
    problems.push({
      path: 'bagit.txt',
      problem: 'starts with a byte-order mark, which RFC 8493 does not allow in bagit.txt',
    });
  const body = text.replace(/^\ufeff/, '');
  const { pairs, problems: lines } = parseTags(body);
  for (const p of lines) problems.push({ path: 'bagit.txt', problem: p });
  problems.push(...paddedLabels(body));
  const [version, encoding, ...extra] = pairs;
  if (version?.[0] !== 'BagIt-Version' || version[1] !== '1.0') {
    problems.push({ path: 'bagit.txt', problem: 'does not declare "BagIt-Version: 1.0" on its first line' });
  }
  if (encoding?.[0] !== 'Tag-File-Character-Encoding' || encoding[1].toUpperCase() !== 'UTF-8') {
    problems.push({
      path: 'bagit.txt',
      problem: 'does not declare "Tag-File-Character-Encoding: UTF-8" on its second line',
    });
  }
  if (extra.length > 0)
    problems.push({ path: 'bagit.txt', problem: 'has lines other than the version and the encoding' });
}

async function readBagInfo(
  bag: BagFiles,
  files: ScannedFile[],
  problems: BagProblem[],
  warnings: BagProblem[],
): Promise<Record<string, string>> {
  const info: Record<string, string> = {};
  if (!files.some((f) => f.path === 'bag-info.txt')) return info;
  const text = await readTagText(bag, 'bag-info.txt', problems);
  if (text === null) return info;
  const parsed = parseTags(withoutBom(text, 'bag-info.txt', warnings));
  for (const p of parsed.problems) problems.push({ path: 'bag-info.txt', problem: p });
  // A label may repeat (RFC 8493 §2.2.2); the first value is the one reported.
  for (const [label, value] of parsed.pairs) if (!(label in info)) info[label] = value;
  return info;
}

function checkOxum(info: Record<string, string>, files: number, bytes: number, problems: BagProblem[]): void {
  const oxum = info['Payload-Oxum'];
  if (oxum === undefined) return;
  const m = /^(\d+)\.(\d+)$/.exec(oxum);
  if (m === null) {
    problems.push({
      path: 'bag-info.txt',
      problem: `has a Payload-Oxum that cannot be read (${JSON.stringify(oxum)})`,
    });
  } else if (Number(m[1]) !== bytes || Number(m[2]) !== files) {
    problems.push({
      path: 'bag-info.txt',
      problem: `Payload-Oxum says ${m[1]} bytes in ${m[2]} files, but data/ holds ${bytes} bytes in ${files} files`,
    });
  }
}

function linkProblem(f: ScannedFile): BagProblem | null {
  if (f.kind === 'link')
    return { path: f.path, problem: 'is a symbolic link, which a bag may not contain; it was not followed' };
  if (f.kind === 'other')
    return { path: f.path, problem: 'is not a regular file (a device, pipe or socket), which a bag may not contain' };
  return null;
}

/** One group of files (payload, or tag files) and the manifests that cover it. */
interface Group {
  files: ScannedFile[];
  manifests: Manifest[];
  /** Where a file not listed in every manifest is reported, and how. */
  notListed: { to: BagProblem[]; why: string };
  /** Listed files known to be absent for a reason already reported (not yet fetched). */
  absentAsKnown: ReadonlySet<string>;
}

/**
 * Checks one group of files against its manifests: every file listed in every manifest and
 * nothing listed that is absent, and every checksum.
 */
async function checkAgainst(
  bag: BagFiles,
  group: Group,
  problems: BagProblem[],
  onBytes: (n: number) => void,
): Promise<void> {
  const { files, manifests } = group;
  const present = new Set(files.map((f) => f.path));
  const listed = new Set(manifests.flatMap((m) => [...m.entries.keys()]));
  for (const p of [...listed].sort()) {
    if (present.has(p) || group.absentAsKnown.has(p)) continue;
    const where = manifests.filter((m) => m.entries.has(p)).map((m) => m.file);
    problems.push({ path: p, problem: `is listed in ${either(where, 'and')} but is missing from the bag` });
  }
  for (const f of files) {
    const notIn = manifests.filter((m) => !m.entries.has(f.path)).map((m) => m.file);
    if (notIn.length > 0) group.notListed.to.push({ path: f.path, problem: `${group.notListed.why} ${either(notIn)}` });
    if (!listed.has(f.path)) continue;
    const digests = await bag.digests(f, onBytes);
    const wrong = manifests.filter((m) => m.entries.has(f.path) && m.entries.get(f.path) !== digests[m.alg]);
    if (wrong.length > 0) {
      const algs = either(
        wrong.map((m) => ALG_LABEL[m.alg]),
        'and',
      );
      problems.push({
        path: f.path,
        problem: `does not match its ${algs} checksum in ${either(
          wrong.map((m) => m.file),
          'and',
        )}: it was changed or damaged after the bag was made`,
      });
    }
  }
}

/**
 * Options of validateBag: tag files expected outside the tag manifests (e.g. their signature), and progress in bytes
 * hashed.
 */
interface ValidateOptions {
  unlistedTagFiles?: string[];
  onProgress?: (bytes: number) => void;
}

/**
 * Validates a bag per RFC 8493, complete and valid, reading what bagit.py reads: bagit.txt
 * (no byte-order mark), fetch.txt (never fetched: a file it lists that is absent makes the bag
 * incomplete), every payload file in every payload manifest and no others, every SHA-256 and
 * SHA-512 checksum, Payload-Oxum, and the tag files the tag manifests list. A tag file they do
 * not list (other than `unlistedTagFiles`) is a warning, as RFC 8493 §2.2.1 allows it; it is
 * covered by no checksum. Reports every problem found, not just the first. `bag` is a folder
 * path (NOT_FOUND if it is not a folder) or a BagFiles.
 */
export async function validateBag(bag: string | BagFiles, opts: ValidateOptions = {}): Promise<BagValidation> {
  const files = typeof bag === 'string' ? folderBag(bag) : bag;
  const problems: BagProblem[] = [];
  const warnings: BagProblem[] = [];
  let hashed = 0;
  const onBytes = (n: number): void => {
    hashed += n;
    opts.onProgress?.(hashed);
  };
  const listing = await files.list();
  for (const f of listing) {
    const bad = linkProblem(f);
    if (bad !== null) problems.push(bad);
  }
  const regular = listing.filter((f) => f.kind === 'file');
  await checkBagitTxt(files, problems);
  const info = await readBagInfo(files, regular, problems, warnings);
  if (!(await files.hasDataFolder()))
    problems.push({ path: 'data/', problem: 'is missing: a bag keeps its evidence files in a folder named data' });
  const fetch = await checkFetch(files, regular, problems, warnings);
  const payload = regular.filter((f) => f.path.startsWith('data/'));
  const payloadBytes = payload.reduce((sum, f) => sum + f.size, 0);
  // Payload-Oxum counts the files still to be fetched too; until they are, it cannot agree.
  if (fetch.unfetched.size === 0) checkOxum(info, payload.length, payloadBytes, problems);
  const manifests = await loadManifests(files, regular, 'manifest', problems, warnings);
  checkFetchListed(fetch.entries, manifests, problems);
  const notListed = { to: problems, why: 'is in the bag but not listed in' };
  await checkAgainst(
    files,
    { files: payload, manifests, notListed, absentAsKnown: fetch.unfetched },
    problems,
    onBytes,
  );
  const tagManifests = await loadManifests(files, regular, 'tagmanifest', problems, warnings);
  const unlisted = new Set(opts.unlistedTagFiles ?? []);
  const tagFiles = regular.filter(
    (f) => !f.path.startsWith('data/') && !/^tagmanifest-[^/]+\.txt$/.test(f.path) && !unlisted.has(f.path),
  );
  const tagNotListed = {
    to: warnings,
    why: 'is outside data/ and was ignored: no checksum covers it, as it is not listed in',
  };
  await checkAgainst(
    files,
    { files: tagFiles, manifests: tagManifests, notListed: tagNotListed, absentAsKnown: new Set() },
    problems,
    onBytes,
  );
  return {
    ok: problems.length === 0,
    problems,
    warnings,
    info,
    payloadFiles: payload.length,
    payloadBytes,
    unfetched: fetch.unfetched.size,
  };
}
