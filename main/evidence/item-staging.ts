/**
 * Items stored (from streams or files) before any of them is recorded. An import stores every item
 * of a package and checks each one against the package's manifest first; then it records
 * them all, or removes them all. The bytes go from the stream into the encrypted store and,
 * for text extraction, into memory: no plaintext is ever written to disk.
 */
import { Readable } from 'node:stream';
import type { ItemKind } from '../../shared/domain';
import type { KnownDigests, StoredObject } from '../blobs/blob-store';
import { extractFromBytes, EXTRACT_INPUT_LIMIT } from '../ingest/extract';
import { extractorFor, SNIFF_BYTES, sniffMediaType } from '../ingest/media-type';
import type { Vault } from '../vault/vault';
import {
  pickMetadata,
  prepareFile,
  recordPrepared,
  removeUnrecorded,
  settleRecorded,
  type AddedItem,
  type AddFileOptions,
  type PreparedFile,
} from './item-ingest';
import { itemMetadataSchema } from './item-metadata';
import { parseInput } from './validate';

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
        // A buffer of its own (not Node's pool), so that it can be handed to the extraction worker.
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
    // Both buffers were made here (not taken from Node's pool), so the data can be handed to the worker as it is.
    const kept = this.bytes.subarray(0, this.used);
    return {
      head: kept.subarray(0, SNIFF_BYTES),
      data: this.whole === true || this.size <= SNIFF_BYTES ? kept : null,
      size: this.size,
    };
  }
}

async function* copying(body: AsyncIterable<Buffer>, copy: ExtractionCopy): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    copy.take(chunk);
    yield chunk;
  }
}

/** Stores items from streams, unrecorded until `commit`; `discard` removes them. */
export class ItemStaging {
  private staged: PreparedFile[] = [];

  /** `opts`: the items' metadata and whether to extract text; the case is given at commit. */
  constructor(
    private readonly vault: Vault,
    private readonly opts: Omit<AddFileOptions, 'caseId'>,
  ) {}

  /** Items stored and not yet recorded or discarded. */
  get count(): number {
    return this.staged.length;
  }

  /**
   * Stores one item's `size` bytes under `fileName` (encrypted, not yet flushed or recorded);
   * returns their digests. With `known` digests, content with another SHA-256 is not stored
   * (OBJECT_CORRUPT).
   */
  async add(fileName: string, size: number, body: AsyncIterable<Buffer>, known?: KnownDigests): Promise<StoredObject> {
    const copy = new ExtractionCopy(fileName, size);
    const stored = await this.vault.blobs.put(Readable.from(copying(body, copy)), {
      deferSync: true,
      ...(known === undefined ? {} : { known }),
    });
    const meta = parseInput(itemMetadataSchema, pickMetadata(this.opts));
    const file: PreparedFile = { stored, extraction: null, fileName, fileNameRaw: null, meta, opts: this.opts };
    this.staged.push(file);
    if (this.opts.extract !== false) file.extraction = await extractFromBytes(fileName, copy.content());
    return stored;
  }

  /**
   * Stores a file from disk (a regular file only, never through a link) and reads its text, not
   * yet recorded; `kind` sets this item's kind when items differ (a call's audio and video).
   */
  async addFile(filePath: string, kind?: ItemKind): Promise<StoredObject> {
    const file = await prepareFile(
      this.vault,
      filePath,
      { ...this.opts, ...(kind === undefined ? {} : { kind }) },
      true,
    );
    this.staged.push(file);
    return file.stored;
  }

  /**
   * Makes every staged object durable, then runs `write` in one transaction; `write` records
   * the items with `recordItems(caseId)` beside whatever else belongs with them (an import's
   * case, people and provenance). Either all of it is recorded, or nothing is and the objects
   * are removed.
   */
  async commit<T>(write: (recordItems: (caseId: string | null) => AddedItem[]) => T): Promise<T> {
    const staged = this.staged;
    this.staged = [];
    // What recordItems recorded, kept for publishing the new objects and removing the copies of content the vault
    // already had.
    let files = staged;
    let recorded: AddedItem[] = [];
    const recordItems = (caseId: string | null): AddedItem[] => {
      files = staged.map((f) => ({ ...f, meta: { ...f.meta, caseId }, opts: { ...f.opts, caseId } }));
      recorded = recordPrepared(this.vault, files);
      return recorded;
    };
    let result: T;
    try {
      await this.vault.blobs.syncObjects(staged.map((f) => f.stored.id));
      result = this.vault.together(() => write(recordItems));
    } catch (err) {
      await removeUnrecorded(this.vault, staged);
      throw err;
    }
    await settleRecorded(this.vault, files, recorded);
    return result;
  }

  /** Removes the objects of every staged item. */
  async discard(): Promise<void> {
    const files = this.staged;
    this.staged = [];
    await removeUnrecorded(this.vault, files);
  }
}
