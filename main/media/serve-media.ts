/**
 * Streams an item's decrypted content for one HTTP request, with byte ranges
 * (a video seeks by asking for ranges; only the age chunks a range touches are
 * read and decrypted). Served only while the vault is unlocked. The first view
 * of an item in a session is recorded in the custody log ("item.opened",
 * purpose "view"); the many range requests of one playback are not.
 */
import { Readable } from 'node:stream';
import { isVigilError } from '../../shared/errors';
import { getItem, openItem, type ItemSummary } from '../evidence/items';
import type { AgeFileReader } from '../crypto/age';
import type { Vault } from '../vault/vault';
import { parseRange } from './range';

/** What the scheme handler (or the E2E harness) sends back. */
interface MediaReply {
  status: number;
  headers: Record<string, string>;
  /** The body, or null (errors, HEAD). The stream closes the decrypting reader when it ends or is destroyed. */
  body: Readable | null;
}

/** Where the open vault comes from (the session: VAULT_LOCKED when there is none). */
export interface VaultSource {
  requireVault(): Vault;
}

const BASE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/** Items already viewed, per open vault: their opening is recorded once per session. */
const viewed = new WeakMap<Vault, Set<string>>();

function plain(status: number, text: string): MediaReply {
  return {
    status,
    headers: { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8' },
    body: Readable.from([Buffer.from(text)]),
  };
}

async function openForView(vault: Vault, itemId: string): Promise<{ item: ItemSummary; reader: AgeFileReader }> {
  const seen = viewed.get(vault) ?? new Set<string>();
  viewed.set(vault, seen);
  const item = getItem(vault.db, itemId);
  if (seen.has(item.id)) return { item, reader: await vault.blobs.open(item.objectId) };
  const opened = await openItem(vault, item.id, 'view');
  seen.add(item.id);
  return opened;
}

function closeWith(stream: Readable, reader: AgeFileReader): Readable {
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    void reader.close().catch(() => undefined);
  };
  stream.once('close', close);
  stream.once('end', close);
  stream.once('error', close);
  return stream;
}

/** Answers a request for item `itemId` with the Range header `range`: 200, 206, 416, or 403/404 on refusal. */
export async function serveItemMedia(
  source: VaultSource,
  itemId: string,
  range: string | undefined | null,
  opts: { head?: boolean } = {},
): Promise<MediaReply> {
  let opened: { item: ItemSummary; reader: AgeFileReader };
  try {
    opened = await openForView(source.requireVault(), itemId);
  } catch (error) {
    if (isVigilError(error) && error.code === 'VAULT_LOCKED') return plain(403, 'The vault is locked.');
    if (
      isVigilError(error) &&
      (error.code === 'NOT_FOUND' || error.code === 'OBJECT_NOT_FOUND' || error.code === 'INVALID_INPUT')
    )
      return plain(404, 'No such item.');
    return plain(500, 'The item could not be read.');
  }
  const { item, reader } = opened;
  const size = reader.size;
  const type = item.mediaType ?? 'application/octet-stream';
  const common = { ...BASE_HEADERS, 'content-type': type, 'accept-ranges': 'bytes' };
  const wanted = parseRange(range, size);
  if (wanted.kind === 'unsatisfiable') {
    await reader.close();
    return {
      status: 416,
      headers: {
        ...common,
        'content-type': 'text/plain; charset=utf-8',
        'content-range': `bytes */${size}`,
        'content-length': '0',
      },
      body: null,
    };
  }
  const [start, end] = wanted.kind === 'range' ? [wanted.start, wanted.end] : [0, size];
  const headers: Record<string, string> = { ...common, 'content-length': String(end - start) };
  if (wanted.kind === 'range') headers['content-range'] = `bytes ${start}-${end - 1}/${size}`;
  const status = wanted.kind === 'range' ? 206 : 200;
  if (opts.head === true || end === start) {
    await reader.close();
    return { status, headers, body: null };
  }
  return { status, headers, body: closeWith(reader.createReadStream({ start, end }), reader) };
}
