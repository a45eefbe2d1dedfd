/**
 * fetch.txt (RFC 8493 §2.2.3): payload files to be downloaded before the bag is complete.
 * Vigil works offline and never downloads; a listed file that is not in the bag makes the bag
 * incomplete, reported as such. Listed paths get the same safety checks as manifest paths.
 */
import type { BagFiles } from './bag-files';
import { readTagText, withoutBom, type BagProblem, type Manifest } from './bag-manifests';
import { normaliseListedPath } from './bag-paths';
import type { ScannedFile } from './bag-scan';
import { decodeManifestPath, tagLines } from './bag-text';

/** The name of the fetch file at the top of a bag. */
const FETCH_FILE = 'fetch.txt';

/** One fetch.txt line: where the file would come from, its stated length (null for "-") and its path in the bag. */
interface FetchEntry {
  line: number;
  url: string;
  length: number | null;
  path: string;
}

/** Why a fetch.txt URL cannot be used, as bagit.py judges it: it needs a scheme and a host, or the file scheme. */
function urlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  return parsed.protocol === 'file:' || parsed.host !== '' ? null : 'has no host';
}

/** Reads one fetch.txt line into an entry, or says what is wrong with it. */
function parseLine(raw: string, line: number): FetchEntry | string {
  const m = /^(\S+)[ \t]+(\S+)[ \t]+(.+)$/.exec(raw.trim());
  if (m === null || m[1] === undefined || m[2] === undefined || m[3] === undefined)
    return `line ${line} is not "<url> <length> <file>"`;
  const [, url, size, encoded] = m;
  const badUrl = urlProblem(url);
  if (badUrl !== null) return `line ${line} names a URL that ${badUrl} (${JSON.stringify(url)})`;
  if (size !== '-' && !/^\d+$/.test(size))
    return `line ${line} gives a length that is neither a number nor "-" (${JSON.stringify(size)})`;
  const listed = normaliseListedPath(decodeManifestPath(encoded));
  if ('problem' in listed) return `line ${line} names a path that ${listed.problem} (${JSON.stringify(encoded)})`;
  if (!listed.path.startsWith('data/'))
    return `line ${line} names a file outside data/, which fetch.txt may not list (${JSON.stringify(encoded)})`;
  return { line, url, length: size === '-' ? null : Number(size), path: listed.path };
}

/** Parses fetch.txt text; lines that cannot be used are problems. Blank lines are skipped. */
function parseFetch(text: string, problems: BagProblem[]): FetchEntry[] {
  const entries: FetchEntry[] = [];
  tagLines(text).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const parsed = parseLine(raw, i + 1);
    if (typeof parsed === 'string') problems.push({ path: FETCH_FILE, problem: parsed });
    else entries.push(parsed);
  });
  return entries;
}

/**
 * Reads fetch.txt when the bag has one and reports each listed file that is not in the bag
 * as not yet fetched. Returns the paths of those files, whose absence is already explained.
 */
export async function checkFetch(
  bag: BagFiles,
  files: ScannedFile[],
  problems: BagProblem[],
  warnings: BagProblem[],
): Promise<{ entries: FetchEntry[]; unfetched: Set<string> }> {
  const unfetched = new Set<string>();
  if (!files.some((f) => f.path === FETCH_FILE)) return { entries: [], unfetched };
  const text = await readTagText(bag, FETCH_FILE, problems);
  if (text === null) return { entries: [], unfetched };
  const entries = parseFetch(withoutBom(text, FETCH_FILE, warnings), problems);
  const present = new Set(files.map((f) => f.path));
  for (const e of entries) {
    if (present.has(e.path) || unfetched.has(e.path)) continue;
    unfetched.add(e.path);
    problems.push({
      path: e.path,
      problem:
        `is listed in ${FETCH_FILE} (line ${e.line}) to be downloaded from ${e.url}, but is not in the bag, so ` +
        `the bag is incomplete. Vigil works offline and never downloads: get the file by other means, put it at ` +
        `this path and verify again`,
    });
  }
  return { entries, unfetched };
}

/** RFC 8493 §2.2.3: every file fetch.txt lists must be in every payload manifest. */
export function checkFetchListed(entries: FetchEntry[], manifests: Manifest[], problems: BagProblem[]): void {
  for (const e of entries) {
    const missing = manifests.filter((m) => !m.entries.has(e.path)).map((m) => m.file);
    if (missing.length > 0)
      problems.push({
        path: FETCH_FILE,
        problem:
          `line ${e.line} lists ${e.path}, which ${missing.join(' and ')} do${missing.length === 1 ? 'es' : ''} ` +
          `not list`,
      });
  }
}
