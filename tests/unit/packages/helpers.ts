import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pack, type Header } from 'tar-stream';
import { isVigilError } from '../../../shared/errors';
import { writeBag, type BagEntry, type BagInfo, type TagFileHook } from '../../../main/packages/bagit/bag-writer';

/** The VigilError code and message a promise rejects with, or null when it resolves. */
export async function failure(p: Promise<unknown>): Promise<{ code: string; message: string } | null> {
  try {
    await p;
    return null;
  } catch (err) {
    return isVigilError(err) ? { code: err.code, message: err.message } : { code: 'NOT_VIGIL', message: String(err) };
  }
}

/** A payload entry from bytes in memory. */
export function memEntry(p: string, data: string | Buffer): BagEntry {
  const buf = Buffer.from(data);
  return { path: p, size: buf.length, source: () => Readable.from([buf]) };
}

/** The bag-info fields used by the tests. */
export const INFO: BagInfo = {
  sourceOrganization: 'Vigil test organisation',
  externalIdentifier: 'case-0001',
  baggingDate: '2024-05-06',
  softwareAgent: 'Vigil test',
};

/** A fake signature hook: the signature file the export will put beside the tag manifest. */
export const SIG_HOOK: TagFileHook = {
  name: 'tagmanifest-sha512.txt.minisig',
  content: ({ tagManifestSha512 }) => Buffer.from(`signature over ${tagManifestSha512.length} bytes\n`),
};

/** A few payload files, with folders, a non-ASCII name and a name past 100 bytes. */
export function sampleEntries(): BagEntry[] {
  return [
    memEntry('case.json', '{"case":"C-1"}\n'),
    memEntry('items/photo one.jpg', Buffer.alloc(70_000, 7)),
    memEntry('items/déclaration.txt', 'témoignage\n'),
    memEntry(`transcripts/${'long-folder-name/'.repeat(8)}interview.vtt`, 'WEBVTT\n'),
    memEntry('register.csv', 'id,title\n'),
    memEntry('empty.txt', ''),
  ];
}

/** Writes the sample bag as a tar file and returns its path. */
export async function writeSampleTar(
  dir: string,
  entries: BagEntry[] = sampleEntries(),
  name = 'bag-1',
): Promise<string> {
  const file = path.join(dir, `${name}.tar`);
  await writeBag(fs.createWriteStream(file), name, entries, INFO, { afterTagManifests: [SIG_HOOK] });
  return file;
}

/** One member of a hand-made archive: tar-stream headers and optional body. */
export interface TarMember {
  header: Partial<Header> & { name: string };
  body?: Buffer;
}

/** Builds an archive with tar-stream (an independent implementation from ours). */
export async function buildTar(members: TarMember[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    p.on('data', (c: unknown) => {
      chunks.push(c as Buffer);
    });
    p.on('end', () => resolve());
    p.on('error', reject);
  });
  for (const m of members) {
    await new Promise<void>((resolve, reject) => {
      const header = { mtime: new Date(0), ...m.header };
      if (m.body !== undefined)
        p.entry({ ...header, size: m.body.length }, m.body, (err) => (err ? reject(err) : resolve()));
      else p.entry(header, (err) => (err ? reject(err) : resolve())).end(undefined);
    });
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A regular file member. */
export function file(name: string, body: string | Buffer = 'x'): TarMember {
  return { header: { name, type: 'file' }, body: Buffer.from(body) };
}

/**
 * Unpacks a tar holding one bag folder into `dest` with GNU tar (an independent reader of our
 * archives) and returns the bag folder's path.
 */
export function untarBag(tar: Buffer | string, dest: string): string {
  fs.mkdirSync(dest, { recursive: true });
  const r =
    typeof tar === 'string'
      ? spawnSync('tar', ['-xf', tar, '-C', dest])
      : spawnSync('tar', ['-xf', '-', '-C', dest], { input: tar });
  if (r.status !== 0) throw new Error(`tar -x failed: ${r.stderr.toString()}`);
  const [top, ...more] = fs.readdirSync(dest);
  if (top === undefined || more.length > 0)
    throw new Error(`expected one bag folder in ${dest}, found ${[top, ...more].join(', ')}`);
  return path.join(dest, top);
}
