/**
 * Read access to a bag for the checks: either a folder on disk, or a bag read straight out
 * of a package's tar stream, of which only the files the checks read are kept in memory and
 * every file's digests were taken as it passed. The second lets a package be verified
 * without its decrypted evidence ever being written to disk.
 */
import { readFile, lstat } from 'node:fs/promises';
import path from 'node:path';
import { VigilError } from '../../../shared/errors';
import type { FileDigests } from '../../workers/file-hashing';
import { hashFile, scanBag, type ScannedFile } from './bag-scan';

/** A bag as the checks see it. */
export interface BagFiles {
  /** The bag folder's name. */
  readonly name: string;
  /** Every file in the bag, sorted by path ('/' separated, relative to the bag). */
  list(): Promise<ScannedFile[]>;
  /** Whether the bag has a data/ folder. */
  hasDataFolder(): Promise<boolean>;
  /** A file's bytes; null when there is no such file. */
  read(rel: string): Promise<Buffer | null>;
  /** A listed file's SHA-256 and SHA-512 (`onBytes` is told the bytes hashed). */
  digests(file: ScannedFile, onBytes: (n: number) => void): Promise<FileDigests>;
}

/** The bag in folder `dir`; files are hashed when the checks ask for their digests. */
export function folderBag(dir: string): BagFiles {
  const local = (rel: string): string => path.join(dir, ...rel.split('/'));
  return {
    name: path.basename(dir),
    async list() {
      const st = await lstat(dir).catch(() => null);
      if (st === null || !st.isDirectory())
        throw new VigilError('NOT_FOUND', `${dir} is not a folder; give the folder of an unpacked bag.`);
      return scanBag(dir);
    },
    hasDataFolder: () =>
      lstat(local('data')).then(
        (s) => s.isDirectory(),
        () => false,
      ),
    read: (rel) => readFile(local(rel)).catch(() => null),
    digests: (file, onBytes) => hashFile(local(file.path), onBytes),
  };
}

/** One file of a bag read from a stream: its digests, and its bytes when they were kept. */
export interface StreamedFile {
  digests: FileDigests;
  bytes: Buffer | null;
}

/**
 * A bag read from a stream (see readBagFromTar). `files` holds every file by path in the
 * bag; reading a file whose bytes were not kept is an internal error, since the reader
 * keeps every file the checks read.
 */
export function streamedBag(name: string, files: ReadonlyMap<string, StreamedFile>, hasData: boolean): BagFiles {
  const listing: ScannedFile[] = [...files].map(([p, f]) => ({
    path: p,
    size: f.digests.bytes,
    kind: 'file' as const,
  }));
  listing.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    name,
    list: () => Promise.resolve(listing),
    hasDataFolder: () => Promise.resolve(hasData),
    read(rel) {
      const f = files.get(rel);
      if (f === undefined) return Promise.resolve(null);
      if (f.bytes === null)
        return Promise.reject(
          new VigilError('INTERNAL', `The bag file ${rel} was not kept while the package was read.`),
        );
      return Promise.resolve(f.bytes);
    },
    digests(file, onBytes) {
      const f = files.get(file.path);
      if (f === undefined)
        return Promise.reject(
          new VigilError('INTERNAL', `The bag file ${file.path} was not seen while the package was read.`),
        );
      onBytes(f.digests.bytes);
      return Promise.resolve(f.digests);
    },
  };
}

/**
 * Whether a file's bytes are kept when a bag is read from a stream: the tag files at the top
 * of the bag, the custody files, and case.json with the transcripts' JSON (check `update`
 * hashes the records they carry), which the checks read; never the evidence itself.
 */
export function keptWhenStreamed(rel: string): boolean {
  return (
    !rel.startsWith('data/') ||
    rel.startsWith('data/custody/') ||
    rel === 'data/case.json' ||
    /^data\/transcripts\/[^/]+\.json$/.test(rel)
  );
}
