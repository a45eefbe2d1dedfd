/**
 * Bags laid out byte for byte as bagit.py (the Library of Congress implementation, 1.9) writes
 * them, so the reader is tested against its output without needing Python: payload manifests
 * "<hex>  <path>" with only CR and LF percent-encoded (bagit.py leaves "%" as it is), tag
 * manifests "<hex> <path>" over every file outside data/ but the tag manifests, and bag-info.txt
 * with sorted labels. Also bagit.py's rules for reading a manifest line, to check what we write.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** bagit.py's _encode_filename: CR and LF only. */
export function bagitPyEncode(p: string): string {
  return p.replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * The payload path bagit.py reads from a manifest line: split at the first run of whitespace,
 * "*" stripped, os.path.normpath, then _decode_filename (%0D and %0A, any case).
 */
export function bagitPyReadLine(line: string): { hex: string; path: string } | null {
  const m = /^(\S+)\s+(.*)$/.exec(line.trim());
  if (m === null || m[1] === undefined || m[2] === undefined) return null;
  const segments = m[2]
    .replace(/^\*+/, '')
    .split('/')
    .filter((s) => s !== '' && s !== '.');
  const decoded = segments.join('/').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
  return { hex: m[1], path: decoded };
}

/** How a test bag departs from what bagit.py writes. */
export interface PyBagOptions {
  /** Bagging-Date; bagit.py writes today's date. */
  date?: string;
  /** The payload manifest path as written for a payload path (default: bagitPyEncode). */
  manifestPath?: (p: string) => string;
  /** Prepend a UTF-8 byte-order mark to bagit.txt. */
  bomInBagitTxt?: boolean;
  /** bagit.txt's text in place of the one bagit.py writes (the BOM option still applies). */
  bagitTxt?: string;
  /** fetch.txt lines, written before the tag manifests (so they list it). */
  fetch?: string[];
  /** Files outside data/ added after bagging, so no tag manifest lists them. */
  laterTagFiles?: Record<string, string>;
}

const sha = (alg: string, data: Buffer | string): string => createHash(alg).update(data).digest('hex');

/** Writes a bag of `payload` (paths under data/) into `dir` and returns `dir`. */
export function writePyBag(dir: string, payload: Record<string, string | Buffer>, opts: PyBagOptions = {}): string {
  const encode = opts.manifestPath ?? bagitPyEncode;
  const put = (rel: string, data: string | Buffer): void => {
    const file = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
  };
  const paths = Object.keys(payload).sort();
  let bytes = 0;
  for (const p of paths) {
    const data = payload[p] ?? '';
    put(`data/${p}`, data);
    bytes += Buffer.byteLength(data);
  }
  for (const alg of ['sha256', 'sha512']) {
    put(`manifest-${alg}.txt`, paths.map((p) => `${sha(alg, payload[p] ?? '')}  ${encode(`data/${p}`)}\n`).join(''));
  }
  put(
    'bagit.txt',
    `${opts.bomInBagitTxt === true ? '\ufeff' : ''}${opts.bagitTxt ?? 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'}`,
  );
  const date = opts.date ?? '2024-05-06';
  put(
    'bag-info.txt',
    `Bag-Software-Agent: bagit.py v1.9.0 <https://github.com/LibraryOfCongress/bagit-python>\nBagging-Date: ` +
      `${date}\nPayload-Oxum: ${bytes}.${paths.length}\n`,
  );
  if (opts.fetch !== undefined) put('fetch.txt', opts.fetch.map((l) => `${l}\n`).join(''));
  const tagFiles = fs
    .readdirSync(dir)
    .filter((f) => f !== 'data' && !f.startsWith('tagmanifest-'))
    .sort();
  for (const alg of ['sha256', 'sha512']) {
    put(
      `tagmanifest-${alg}.txt`,
      tagFiles.map((f) => `${sha(alg, fs.readFileSync(path.join(dir, f)))} ${f}\n`).join(''),
    );
  }
  for (const [rel, data] of Object.entries(opts.laterTagFiles ?? {})) put(rel, data);
  return dir;
}
