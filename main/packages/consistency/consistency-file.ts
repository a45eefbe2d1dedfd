/**
 * data/custody/consistency.json of a package (DESIGN §6, "Consistency with earlier packages"):
 * for each earlier package the sender sent to one of this package's recipients, the
 * checkpoint that package carried and the RFC 9162 consistency proof from it to this
 * package's checkpoint. An empty `from` says this is the first package to these recipients.
 * Written by export, read by verify and import; the reader is strict because the file comes
 * from another vault.
 */
import { decodeBase64Strict } from '../../custody/encoding';

/** Where the file is in a bag. */
export const CONSISTENCY_FILE = 'data/custody/consistency.json';
/** The value of its `format` member. */
const CONSISTENCY_FORMAT = 'vigil-consistency/1';

/** One earlier checkpoint and the proof that this package's log extends it. */
export interface EarlierCheckpoint {
  /** The earlier package that carried the checkpoint. */
  packageId: string;
  size: number;
  root: Buffer;
  /** The checkpoint note as that package carried it (checkpoint.txt). */
  checkpoint: string;
  proof: Buffer[];
}

/** The file taken apart. */
export interface ConsistencyFile {
  to: { size: number; root: Buffer };
  from: EarlierCheckpoint[];
}

// Bounds for a file from another vault: a proof has at most 2·log2(n) hashes.
const MAX_FROM = 1000;
const MAX_PROOF = 128;
const MAX_NOTE_CHARS = 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The file's bytes: one JSON object on one line, members in the order DESIGN gives. */
export function consistencyFileText(file: ConsistencyFile): string {
  const from = file.from.map((f) => ({
    packageId: f.packageId,
    size: f.size,
    root: f.root.toString('base64'),
    checkpoint: f.checkpoint,
    proof: f.proof.map((h) => h.toString('base64')),
  }));
  return `${JSON.stringify({ format: CONSISTENCY_FORMAT, to: { size: file.to.size, root: file.to.root.toString('base64') }, from })}\n`;
}

function size(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new Error(`${what} is not a whole number of entries`);
  return value;
}

function hash(value: unknown, what: string): Buffer {
  const bytes = typeof value === 'string' ? decodeBase64Strict(value) : null;
  if (bytes === null || bytes.length !== 32) throw new Error(`${what} is not the base64 of a 32-byte hash`);
  return bytes;
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function earlier(value: unknown, i: number): EarlierCheckpoint {
  const what = `from[${i}]`;
  const o = object(value, what);
  if (typeof o.packageId !== 'string' || !UUID.test(o.packageId))
    throw new Error(`${what}.packageId is not a package id`);
  if (typeof o.checkpoint !== 'string' || o.checkpoint.length > MAX_NOTE_CHARS)
    throw new Error(`${what}.checkpoint is not a checkpoint note`);
  if (!Array.isArray(o.proof) || o.proof.length > MAX_PROOF)
    throw new Error(`${what}.proof is not a list of at most ${MAX_PROOF} hashes`);
  return {
    packageId: o.packageId,
    size: size(o.size, `${what}.size`),
    root: hash(o.root, `${what}.root`),
    checkpoint: o.checkpoint,
    proof: o.proof.map((h, j) => hash(h, `${what}.proof[${j}]`)),
  };
}

/** Parses the file strictly; throws an Error saying what is wrong. */
export function parseConsistencyFile(text: string): ConsistencyFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error('it is not JSON');
  }
  const o = object(raw, 'the file');
  if (o.format !== CONSISTENCY_FORMAT) throw new Error(`its format is not "${CONSISTENCY_FORMAT}"`);
  const to = object(o.to, 'to');
  if (!Array.isArray(o.from) || o.from.length > MAX_FROM)
    throw new Error(`"from" is not a list of at most ${MAX_FROM} earlier checkpoints`);
  return { to: { size: size(to.size, 'to.size'), root: hash(to.root, 'to.root') }, from: o.from.map(earlier) };
}
