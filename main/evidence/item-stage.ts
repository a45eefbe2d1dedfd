/**
 * The one way bytes enter the vault as an item. A stream is encrypted into the store and,
 * through a tee, kept in memory for text extraction: its head for sniffing the type, and all
 * of it only when text is extracted from that type and it is within the input cap. So an item's
 * text always comes from the very bytes that were hashed and stored, read once. A file on disk
 * is opened as a regular file (never through a link) and streamed the same way; a derivative
 * made in memory streams its buffer. Nothing is recorded here (item-ingest.ts records).
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { VigilError } from '../../shared/errors';
import type { KnownDigests, PutOptions, StoredObject } from '../blobs/blob-store';
import { baseNameBytes, readableName } from '../fs/file-names';
import { openRegularFile } from '../fs/regular-file';
import { extractFromBytes, EXTRACT_INPUT_LIMIT, type ExtractionResult } from '../ingest/extract';
import { extractorFor, SNIFF_BYTES, sniffMediaType } from '../ingest/media-type';
import type { Vault } from '../vault/vault';
import { itemMetadataSchema, type ItemMetadata } from './item-metadata';
import { parseInput } from './validate';

/** Options for adding a file: its metadata (all optional), whether to extract text, progress and cancellation. */
export interface AddFileOptions extends PutOptions, ItemMetadata {
  extract?: boolean;
  derivativeOf?: string;
  derivativeKind?: string;
  /** How a derivative was made (e.g. what a redaction removed), signed in its custody entry as `data.derivation`. */
  derivation?: Record<string, unknown>;
}

/** A stored object and the text read from its bytes, not yet referenced by the database. */
export interface PreparedFile {
  stored: StoredObject;
  extraction: ExtractionResult | null;
  /** The name's readable form (the name itself when it is UTF-8). */
  fileName: string;
  /** The name's bytes, only when they are not valid UTF-8. */
  fileNameRaw: Buffer | null;
  meta: ItemMetadata;
  opts: AddFileOptions;
}

/** The item metadata among add options (those given). */
function pickMetadata(opts: AddFileOptions): ItemMetadata {
  const { title, caseId, kind, date, dateApprox, sourcePersonId, acquisition } = opts;
  return Object.fromEntries(
    Object.entries({ title, caseId, kind, date, dateApprox, sourcePersonId, acquisition }).filter(
      ([, v]) => v !== undefined,
    ),
  ) as ItemMetadata;
}

/**
 * Keeps what text extraction needs of a stream: its head, for sniffing the type, and all of
 * it (in a buffer of its own) only when that type is one text is extracted from and the
 * size is within the input limit, so recordings and other binaries are not copied.
 */
class ExtractionCopy {
  private bytes: Uint8Array;
  private used = 0;
  private whole: boolean | null = null;

  constructor(
    private readonly name: string,
    private readonly size: number,
  ) {
    this.bytes = new Uint8Array(Math.min(size, SNIFF_BYTES));
  }

  take(chunk: Uint8Array): void {
    const from = this.fill(chunk, 0);
    if (this.whole === null && this.used === this.bytes.length) {
      this.whole = this.size <= EXTRACT_INPUT_LIMIT && extractorFor(sniffMediaType(this.bytes, this.name)) !== null;
      if (this.whole && this.size > this.bytes.length) {
        // A buffer of its own (not Node's pool), so that it can be handed to the extraction process.
        const all = new Uint8Array(new ArrayBuffer(this.size));
        all.set(this.bytes);
        this.bytes = all;
      }
    }
    if (this.whole === true) this.fill(chunk, from);
  }

  private fill(chunk: Uint8Array, from: number): number {
    const n = Math.min(chunk.length - from, this.bytes.length - this.used);
    if (n > 0) this.bytes.set(chunk.subarray(from, from + n), this.used);
    this.used += n;
    return from + n;
  }

  content(): { head: Uint8Array; data: Uint8Array | null; size: number } {
    // Both buffers were made here (not taken from Node's pool), so the data can be handed over as it is.
    const kept = this.bytes.subarray(0, this.used);
    return {
      head: kept.subarray(0, SNIFF_BYTES),
      data: this.whole === true || this.size <= SNIFF_BYTES ? kept : null,
      size: this.size,
    };
  }
}

async function* copying(body: AsyncIterable<Uint8Array>, copy: ExtractionCopy): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    copy.take(chunk);
    yield chunk;
  }
}

/** What is staged: the bytes, how many there are, and the name they are added under. */
interface StageSource {
  fileName: string;
  /** The name's bytes, only when they are not valid UTF-8. */
  fileNameRaw: Buffer | null;
  size: number;
  body: AsyncIterable<Uint8Array>;
}

/** How the object is stored: flushed now or with its batch, and digests the content must have. */
interface StageStore {
  deferSync: boolean;
  known?: KnownDigests;
}

/**
 * Stores `source` as an object (encrypted; durable unless deferred) and extracts its text from
 * the same bytes; records nothing. Content of another size than announced is refused and not
 * kept: the text would not match the object.
 */
export async function stageStream(
  vault: Vault,
  source: StageSource,
  opts: AddFileOptions,
  store: StageStore,
): Promise<PreparedFile> {
  const meta = parseInput(itemMetadataSchema, pickMetadata(opts));
  const copy = new ExtractionCopy(source.fileName, source.size);
  const stored = await vault.blobs.put(Readable.from(copying(source.body, copy)), {
    ...opts,
    deferSync: store.deferSync,
    sizeHint: source.size,
    ...(store.known === undefined ? {} : { known: store.known }),
  });
  if (stored.size !== source.size) {
    await vault.blobs.remove(stored.id).catch(() => undefined);
    throw new VigilError(
      'INVALID_INPUT',
      `${source.fileName} changed while it was read (${source.size} bytes when opened, ${stored.size} read); ` +
        `nothing was added. Add it again once it is complete.`,
    );
  }
  const extraction = opts.extract === false ? null : await extractFromBytes(source.fileName, copy.content());
  return { stored, extraction, fileName: source.fileName, fileNameRaw: source.fileNameRaw, meta, opts };
}

/** A path's file name: a string path's as it is; a byte path's readable form, and its bytes when they are not UTF-8. */
function nameOf(filePath: string | Buffer): { fileName: string; fileNameRaw: Buffer | null } {
  if (typeof filePath === 'string') return { fileName: path.basename(filePath), fileNameRaw: null };
  const raw = baseNameBytes(filePath);
  const { shown, shownAs } = readableName(raw);
  return { fileName: shown, fileNameRaw: shownAs === 'utf-8' ? null : raw };
}

/** Stages a file from disk: a regular file only, never through a link, read once. */
export async function stageFile(
  vault: Vault,
  filePath: string | Buffer,
  opts: AddFileOptions,
  deferSync: boolean,
): Promise<PreparedFile> {
  // Metadata is checked before the file is opened, so a bad request reads nothing.
  parseInput(itemMetadataSchema, pickMetadata(opts));
  const handle = await openRegularFile(filePath);
  try {
    const { size } = await handle.stat();
    // Read buffers sized to the file: a 1 MiB buffer per small file made garbage collection the main cost of batch
    // ingest.
    const highWaterMark = Math.min(1 << 20, Math.max(64 << 10, size + 1));
    const body = createReadStream('', { fd: handle, autoClose: false, highWaterMark });
    return await stageStream(vault, { ...nameOf(filePath), size, body }, opts, { deferSync });
  } finally {
    await handle.close();
  }
}
