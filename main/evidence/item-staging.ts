/**
 * Items stored (from streams or files) before any of them is recorded. An import stores every item
 * of a package and checks each one against the package's manifest first; then it records
 * them all, or removes them all. The bytes go from the stream into the encrypted store and,
 * for text extraction, into memory: no plaintext is ever written to disk.
 */
import type { ItemKind } from '../../shared/domain';
import type { KnownDigests, StoredObject } from '../blobs/blob-store';
import type { Vault } from '../vault/vault';
import { recordPrepared, removeUnrecorded, settleRecorded, type AddedItem } from './item-ingest';
import { stageFile, stageStream, type AddFileOptions, type PreparedFile } from './item-stage';

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
    const file = await stageStream(this.vault, { fileName, fileNameRaw: null, size, body }, this.opts, {
      deferSync: true,
      ...(known === undefined ? {} : { known }),
    });
    this.staged.push(file);
    return file.stored;
  }

  /**
   * Stores a file from disk (a regular file only, never through a link) and reads its text, not
   * yet recorded; `kind` sets this item's kind when items differ (a call's audio and video).
   */
  async addFile(filePath: string, kind?: ItemKind): Promise<StoredObject> {
    const file = await stageFile(this.vault, filePath, { ...this.opts, ...(kind === undefined ? {} : { kind }) }, true);
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
