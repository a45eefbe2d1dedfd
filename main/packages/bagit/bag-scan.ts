import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, lstat } from 'node:fs/promises';
import path from 'node:path';
import type { FileDigests } from '../../workers/file-hashing';

/** One thing found in the bag folder, by its '/'-separated path relative to the bag. */
export interface ScannedFile {
  path: string;
  size: number;
  kind: 'file' | 'link' | 'other';
}

/** Lists every file under `bagDir` without following links (links are reported, not entered). */
export async function scanBag(bagDir: string): Promise<ScannedFile[]> {
  const found: ScannedFile[] = [];
  const stack: string[] = [''];
  for (let rel = stack.pop(); rel !== undefined; rel = stack.pop()) {
    const entries = await readdir(path.join(bagDir, ...rel.split('/')), { withFileTypes: true });
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) stack.push(child);
      else if (entry.isSymbolicLink()) found.push({ path: child, size: 0, kind: 'link' });
      else if (entry.isFile())
        found.push({ path: child, size: (await lstat(path.join(bagDir, ...child.split('/')))).size, kind: 'file' });
      else found.push({ path: child, size: 0, kind: 'other' });
    }
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export type { FileDigests } from '../../workers/file-hashing';

/** Hashes a file with SHA-256 and SHA-512 in one streaming pass. */
export async function hashFile(file: string, onBytes?: (n: number) => void): Promise<FileDigests> {
  const h256 = createHash('sha256');
  const h512 = createHash('sha512');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    h256.update(chunk);
    h512.update(chunk);
    bytes += chunk.length;
    onBytes?.(chunk.length);
  }
  return { sha256: h256.digest('hex'), sha512: h512.digest('hex'), bytes };
}
