import { createHash } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { VigilError } from '../../../shared/errors';
import { collisionKey, quotePath, relativePathProblem } from '../tar/safe-path';
import { TarWriter } from '../tar/tar-writer';
import {
  hashInThread,
  hashWithRecordedSha512,
  recordedDigests,
  type FileDigests,
  type HashingFactory,
} from '../../workers/file-hashing';
import { BAGIT_TXT, bagInfoText, manifestText } from './bag-text';

/** One payload file: its path under data/ ('/' separated), exact size and a lazy source. */
export interface BagEntry {
  path: string;
  size: number;
  source: () => Promise<Readable> | Readable;
  mtime?: Date;
  /**
   * The file's SHA-512 as recorded elsewhere, listed instead of being computed. Only for
   * a caller that then checks the SHA-256 the writer computed against its own record
   * (the export does): that check is what shows the bytes are the ones recorded.
   */
  recordedSha512?: string;
  /**
   * With recordedSha512: the file's SHA-256 as recorded, listed too, so that nothing is
   * hashed. Only for a caller that has shown otherwise that the bytes are the ones both
   * digests were recorded for (the export checks the stored object's binding to its record).
   */
  recordedSha256?: string;
}

/** The bag-info.txt fields this writer fills in (Payload-Oxum is computed). */
export interface BagInfo {
  sourceOrganization?: string;
  externalIdentifier: string;
  /** YYYY-MM-DD */
  baggingDate: string;
  softwareAgent: string;
  extra?: [string, string][];
}

/** A tag file written after the tag manifests and not listed in them (e.g. their signature). */
export interface TagFileHook {
  name: string;
  content: (ctx: { tagManifestSha512: Buffer }) => Promise<Buffer> | Buffer;
}

/** What writeBag produced; manifest maps are keyed by manifest path (`data/<path>`). */
export interface BagResult {
  payloadOxum: string;
  manifestSha256: Map<string, string>;
  manifestSha512: Map<string, string>;
  tagManifestSha512Bytes: Buffer;
  bytes: number;
}

/** The tag files the bag writer writes at the bag's root, in order. */
export const BAG_TAG_FILES = [
  'bagit.txt',
  'bag-info.txt',
  'manifest-sha256.txt',
  'manifest-sha512.txt',
  'tagmanifest-sha256.txt',
  'tagmanifest-sha512.txt',
];
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function bad(message: string): VigilError {
  return new VigilError('INVALID_INPUT', message);
}

/**
 * The bag-info.txt label and value pairs of `info`, in the order they are written (Payload-Oxum empty); INVALID_INPUT
 * when one cannot be written.
 */
export function checkInfo(info: BagInfo): [string, string][] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(info.baggingDate);
  if (m === null || new Date(`${info.baggingDate}T00:00:00Z`).toISOString().slice(0, 10) !== info.baggingDate) {
    throw bad(`The bagging date ${JSON.stringify(info.baggingDate)} is not a real date in YYYY-MM-DD form.`);
  }
  const pairs: [string, string][] = [];
  if (info.sourceOrganization !== undefined) pairs.push(['Source-Organization', info.sourceOrganization]);
  pairs.push(['Bagging-Date', info.baggingDate], ['External-Identifier', info.externalIdentifier]);
  pairs.push(['Payload-Oxum', ''], ['Bag-Software-Agent', info.softwareAgent], ...(info.extra ?? []));
  for (const [label, value] of pairs) {
    if (!/^[^\s:][^:]*$/.test(label) || CONTROL.test(label) || /\s$/.test(label))
      throw bad(`${JSON.stringify(label)} cannot be a bag-info.txt label.`);
    if (CONTROL.test(value))
      throw bad(`The bag-info.txt value of ${label} contains a line break or control character.`);
    if (value.trim() === '' && label !== 'Payload-Oxum') throw bad(`The bag-info.txt value of ${label} is empty.`);
  }
  return pairs;
}

/** Checks payload paths, sizes and look-alike names; returns the entries sorted by path. */
async function collectEntries(entries: AsyncIterable<BagEntry> | Iterable<BagEntry>): Promise<BagEntry[]> {
  const list: BagEntry[] = [];
  const seen = new Map<string, string>();
  for await (const e of entries) {
    // '%' is legal in BagIt, but RFC 8493 encodes it as %25 in a manifest, which bagit.py reads
    // as "%25" and `sha256sum -c` cannot find: refused, so every reader agrees on every path.
    // CR and LF (encoded %0D, %0A) are refused with the other control characters by relativePathProblem.
    const why =
      relativePathProblem(e.path) ??
      (e.path.includes('%')
        ? 'contains "%", which bagit.py, RFC 8493 readers and sha256sum would read differently in a manifest'
        : null);
    if (why !== null) throw bad(`The payload path ${quotePath(e.path)} ${why}.`);
    if (!Number.isSafeInteger(e.size) || e.size < 0)
      throw bad(`The payload file ${quotePath(e.path)} has an impossible size (${e.size}).`);
    const key = collisionKey(e.path);
    const prior = seen.get(key);
    if (prior !== undefined)
      throw bad(
        `The payload paths ${quotePath(prior)} and ${quotePath(e.path)} would be the same file on systems that ` +
          `ignore case or Unicode form.`,
      );
    seen.set(key, e.path);
    list.push(e);
  }
  // A file may not also be a folder of another file's path.
  for (const e of list) {
    const segments = e.path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const prior = seen.get(collisionKey(segments.slice(0, i).join('/')));
      if (prior !== undefined)
        throw bad(`The payload path ${quotePath(e.path)} needs ${quotePath(prior)} to be a folder, but it is a file.`);
    }
  }
  return list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function checkHooks(hooks: TagFileHook[]): void {
  const names = new Set(BAG_TAG_FILES.map(collisionKey));
  for (const hook of hooks) {
    const why = relativePathProblem(hook.name);
    if (why !== null || hook.name.includes('/'))
      throw bad(`The tag file name ${quotePath(hook.name)} ${why ?? 'must be a plain file name'}.`);
    if (names.has(collisionKey(hook.name)) || collisionKey(hook.name) === 'data')
      throw bad(`The tag file name ${quotePath(hook.name)} is already used in the bag.`);
    names.add(collisionKey(hook.name));
  }
}

async function* buffers(source: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of source as AsyncIterable<unknown>) {
    yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
  }
}

/** Writes payload files (and their folders) and returns both manifests' hashes. */
async function writePayload(
  tar: TarWriter,
  bagName: string,
  list: BagEntry[],
  when: Date,
  hashing: HashingFactory,
  onProgress?: (bytes: number) => void,
) {
  const digests: Promise<[string, FileDigests]>[] = [];
  const dirs = new Set<string>();
  let payloadBytes = 0;
  for (const e of list) {
    const segments = `data/${e.path}`.split('/');
    for (let i = 2; i < segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      if (!dirs.has(dir)) await tar.directory(`${bagName}/${dir}`, when);
      dirs.add(dir);
    }
    const hash =
      e.recordedSha512 === undefined
        ? hashing()
        : e.recordedSha256 === undefined
          ? hashWithRecordedSha512(e.recordedSha512)
          : recordedDigests(e.recordedSha256, e.recordedSha512);
    try {
      const source = await e.source();
      await tar.file(`${bagName}/data/${e.path}`, e.size, e.mtime ?? when, buffers(source), (chunk) => {
        payloadBytes += chunk.length;
        onProgress?.(payloadBytes);
        return hash.update(chunk);
      });
    } catch (err) {
      hash.abort();
      throw err;
    }
    // Not awaited here: a worker computing SHA-512 finishes this file while the next one is read.
    const digest = hash.digests().then((d): [string, FileDigests] => [`data/${e.path}`, d]);
    digest.catch(() => undefined);
    digests.push(digest);
  }
  const done = await Promise.all(digests);
  return {
    sha256: new Map(done.map(([p, d]) => [p, d.sha256])),
    sha512: new Map(done.map(([p, d]) => [p, d.sha512])),
    payloadBytes,
  };
}

/**
 * Writes a BagIt 1.0 bag as a tar into `out` (e.g. an age encryption stream), never putting
 * plaintext on disk: payload first (each file hashed with SHA-256 and SHA-512 as it passes),
 * then bagit.txt, bag-info.txt, both manifests, both tag manifests, then the hook files.
 * Ends `out` on success; destroys it on failure (the output is then useless and must be deleted).
 * `onProgress` gets the payload bytes written so far; `hashing` may move SHA-512 to a worker.
 */
export async function writeBag(
  out: Writable,
  bagName: string,
  entries: AsyncIterable<BagEntry> | Iterable<BagEntry>,
  info: BagInfo,
  opts: {
    afterTagManifests?: TagFileHook[];
    onProgress?: (bytes: number) => void;
    signal?: AbortSignal;
    hashing?: HashingFactory;
  } = {},
): Promise<BagResult> {
  try {
    const why = relativePathProblem(bagName);
    if (why !== null || bagName.includes('/'))
      throw bad(`The bag name ${quotePath(bagName)} ${why ?? 'must be a single folder name'}.`);
    const infoPairs = checkInfo(info);
    const hooks = opts.afterTagManifests ?? [];
    checkHooks(hooks);
    const list = await collectEntries(entries);
    const when = new Date(`${info.baggingDate}T00:00:00Z`);
    const tar = new TarWriter(out, opts.signal);
    await tar.directory(bagName, when);
    await tar.directory(`${bagName}/data`, when);
    const payload = await writePayload(tar, bagName, list, when, opts.hashing ?? hashInThread, opts.onProgress);
    const payloadOxum = `${payload.payloadBytes}.${list.length}`;
    const oxum = infoPairs.find(([label]) => label === 'Payload-Oxum');
    if (oxum !== undefined) oxum[1] = payloadOxum;
    const tagFiles: [string, Buffer][] = [
      ['bagit.txt', Buffer.from(BAGIT_TXT)],
      ['bag-info.txt', Buffer.from(bagInfoText(infoPairs))],
      ['manifest-sha256.txt', Buffer.from(manifestText(payload.sha256))],
      ['manifest-sha512.txt', Buffer.from(manifestText(payload.sha512))],
    ];
    const tag256 = new Map(tagFiles.map(([name, data]) => [name, createHash('sha256').update(data).digest('hex')]));
    const tag512 = new Map(tagFiles.map(([name, data]) => [name, createHash('sha512').update(data).digest('hex')]));
    const tagManifestSha512Bytes = Buffer.from(manifestText(tag512));
    tagFiles.push(
      ['tagmanifest-sha256.txt', Buffer.from(manifestText(tag256))],
      ['tagmanifest-sha512.txt', tagManifestSha512Bytes],
    );
    for (const hook of hooks)
      tagFiles.push([hook.name, await hook.content({ tagManifestSha512: tagManifestSha512Bytes })]);
    for (const [name, data] of tagFiles) await tar.file(`${bagName}/${name}`, data.length, when, [data]);
    await tar.finish();
    return {
      payloadOxum,
      manifestSha256: payload.sha256,
      manifestSha512: payload.sha512,
      tagManifestSha512Bytes,
      bytes: tar.bytes,
    };
  } catch (err) {
    // Destroyed without the error: a pipeline downstream sees a premature close and fails,
    // and a bare stream without an 'error' listener does not crash the process.
    out.destroy();
    throw err;
  }
}
