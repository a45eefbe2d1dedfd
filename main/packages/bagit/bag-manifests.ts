import { relativePathProblem } from '../tar/safe-path';
import type { BagFiles } from './bag-files';
import { parseManifest } from './bag-text';
import type { ScannedFile } from './bag-scan';

/** A place a problem was found and what it is, in words a lawyer can read. */
export interface BagProblem {
  path: string;
  problem: string;
}

/** The checksum algorithms this checker verifies; a Vigil bag carries both. */
export type Alg = 'sha256' | 'sha512';
/** The algorithms every payload and tag manifest set must include. */
export const ALGS: Alg[] = ['sha256', 'sha512'];
/** How an algorithm is named in a report. */
export const ALG_LABEL: Record<Alg, string> = { sha256: 'SHA-256', sha512: 'SHA-512' };
const HEX_LENGTH: Record<Alg, number> = { sha256: 64, sha512: 128 };

/** One manifest file's listed paths and checksums. */
export interface Manifest {
  file: string;
  alg: Alg;
  entries: Map<string, string>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a tag file as UTF-8; null (with a problem noted) when it cannot be read as text. */
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

function isAlg(name: string): name is Alg {
  return name === 'sha256' || name === 'sha512';
}

/** Checks one manifest line's path: payload manifests list data/ files, tag manifests the rest. */
function linePathProblem(p: string, kind: 'manifest' | 'tagmanifest'): string | null {
  const unsafe = relativePathProblem(p);
  if (unsafe !== null) return `names a path that ${unsafe}`;
  if (kind === 'manifest' && !p.startsWith('data/')) return 'names a file outside data/, which a payload manifest may not list';
  if (kind === 'tagmanifest' && p.startsWith('data/')) return 'names a payload file, which a tag manifest may not list';
  return null;
}

async function loadOne(bag: BagFiles, file: string, alg: Alg, kind: 'manifest' | 'tagmanifest', problems: BagProblem[]): Promise<Manifest | null> {
  const text = await readTagText(bag, file, problems);
  if (text === null) return null;
  const entries = new Map<string, string>();
  const lineOf = new Map<string, number>();
  for (const line of parseManifest(text, HEX_LENGTH[alg])) {
    if ('problem' in line) {
      problems.push({ path: file, problem: `${line.problem}, so it cannot be checked` });
      continue;
    }
    const why = linePathProblem(line.path, kind);
    const first = lineOf.get(line.path);
    if (why !== null) problems.push({ path: file, problem: `line ${line.line} ${why} (${JSON.stringify(line.path)})` });
    else if (first !== undefined) problems.push({ path: file, problem: `lists ${line.path} twice (lines ${first} and ${line.line})` });
    else {
      entries.set(line.path, line.hex);
      lineOf.set(line.path, line.line);
    }
  }
  return { file, alg, entries };
}

/**
 * Loads every `manifest-<alg>.txt` (or `tagmanifest-<alg>.txt`) at the top of the bag,
 * noting unreadable lines, unsupported algorithms and missing SHA-256 / SHA-512 manifests.
 */
export async function loadManifests(bag: BagFiles, files: ScannedFile[], kind: 'manifest' | 'tagmanifest', problems: BagProblem[]): Promise<Manifest[]> {
  const pattern = kind === 'manifest' ? /^manifest-([A-Za-z0-9]+)\.txt$/ : /^tagmanifest-([A-Za-z0-9]+)\.txt$/;
  const manifests: Manifest[] = [];
  for (const f of files) {
    const alg = pattern.exec(f.path)?.[1];
    if (alg === undefined || f.kind !== 'file') continue;
    if (!isAlg(alg)) {
      problems.push({ path: f.path, problem: `uses the ${alg} algorithm, which this checker cannot verify` });
      continue;
    }
    const loaded = await loadOne(bag, f.path, alg, kind, problems);
    if (loaded !== null) manifests.push(loaded);
  }
  for (const alg of ALGS) {
    const file = `${kind}-${alg}.txt`;
    if (!files.some((f) => f.path === file)) {
      const what = kind === 'manifest' ? 'the checksums of the evidence files' : 'the checksums of the bag description files';
      problems.push({ path: file, problem: `is missing: it holds ${what} (${ALG_LABEL[alg]}), which a Vigil package always includes` });
    }
  }
  return manifests;
}

/** "a", "a or b", "a, b or c" */
export function either(names: string[], word = 'or'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${word} ${names[names.length - 1] ?? ''}`;
}
