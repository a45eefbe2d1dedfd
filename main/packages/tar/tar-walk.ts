import { VigilError } from '../../../shared/errors';
import type { ByteSource } from './byte-source';
import { quotePath } from './safe-path';
import { BLOCK, decodeHeader, isZeroBlock, parsePaxRecords, type TarEntryType } from './tar-format';

/** PAX and GNU long-name records are read into memory, so they are bounded. */
const MAX_META_BYTES = 1024 * 1024;
/** Zero padding after the end marker (tar programs pad to 10 KiB records); more is suspicious. */
const MAX_TRAILING_BYTES = 1024 * 1024;

/** One archive member after PAX/GNU records are applied. Read `body` before asking for the next. */
interface WalkEntry {
  name: string;
  type: TarEntryType;
  typeflag: string;
  size: number;
  body: () => AsyncGenerator<Buffer>;
}

function invalid(message: string): VigilError {
  return new VigilError('PACKAGE_INVALID', message);
}

function truncated(where: string): VigilError {
  return invalid(`The archive ends ${where}: the package is truncated or damaged. Ask the sender for a new copy.`);
}

/** Names and sizes from PAX / GNU records that apply to the next real entry. */
interface Pending {
  name?: string;
  size?: number;
}

async function readMeta(src: ByteSource, size: number, what: string): Promise<Buffer> {
  if (size > MAX_META_BYTES)
    throw invalid(`A ${what} in the archive is ${size} bytes, more than any real one; refusing it.`);
  const data = await src.read(size);
  if (data.length < size) throw truncated(`inside a ${what}`);
  await padding(src, size, `after a ${what}`);
  return data;
}

async function padding(src: ByteSource, size: number, where: string): Promise<void> {
  const pad = (BLOCK - (size % BLOCK)) % BLOCK;
  if ((await src.skip(pad)) < pad) throw truncated(where);
}

function applyPax(records: Map<string, string>, pending: Pending): void {
  for (const [key, value] of records) {
    if (key.startsWith('GNU.sparse.'))
      throw invalid('The archive holds a sparse file, which a package never contains; refusing it.');
    if (key === 'hdrcharset' && value !== 'ISO-IR 10646 2000 UTF-8')
      throw invalid('The archive uses names that are not UTF-8; refusing it.');
    if (key === 'path') pending.name = value;
    if (key === 'size') {
      if (!/^(0|[1-9][0-9]{0,15})$/.test(value) || !Number.isSafeInteger(Number(value)))
        throw invalid('A PAX header gives an unreadable size.');
      pending.size = Number(value);
    }
  }
}

/** After the end marker only zero padding may follow: data there would be hidden from `tar -x`. */
async function checkEnd(src: ByteSource): Promise<void> {
  const second = await src.read(BLOCK);
  if (second.length < BLOCK || !isZeroBlock(second)) throw truncated('with an incomplete end marker');
  let trailing = 0;
  for await (const chunk of src.chunks(MAX_TRAILING_BYTES + 1)) {
    trailing += chunk.length;
    if (!isZeroBlock(chunk) || trailing > MAX_TRAILING_BYTES)
      throw invalid('The archive has data after its end marker; refusing it.');
  }
}

/**
 * Walks a tar stream entry by entry, applying PAX and GNU long-name records, and checks the
 * framing: every header's size must be backed by data, and the archive must end properly.
 */
export async function* walkTar(src: ByteSource): AsyncGenerator<WalkEntry> {
  let pending: Pending = {};
  for (;;) {
    const block = await src.read(BLOCK);
    if (block.length < BLOCK) throw truncated(block.length === 0 ? 'without its end marker' : 'inside a header');
    if (isZeroBlock(block)) {
      if (pending.name !== undefined || pending.size !== undefined)
        throw invalid('The archive ends with a PAX or long-name header that names no entry.');
      await checkEnd(src);
      return;
    }
    const header = decodeHeader(block);
    if (header.type === 'pax') {
      applyPax(parsePaxRecords(await readMeta(src, header.size, 'PAX extended header')), pending);
      continue;
    }
    if (header.type === 'gnu-long-name') {
      const data = await readMeta(src, header.size, 'GNU long-name record');
      const nul = data.indexOf(0);
      pending.name = new TextDecoder('utf-8').decode(nul === -1 ? data : data.subarray(0, nul));
      continue;
    }
    if (header.type === 'pax-global')
      throw invalid('The archive has a global PAX header, which a package never contains; refusing it.');
    const entry = {
      name: pending.name ?? header.name,
      type: header.type,
      typeflag: header.typeflag,
      size: pending.size ?? header.size,
    };
    pending = {};
    yield* entryWithBody(src, entry);
  }
}

async function* entryWithBody(src: ByteSource, entry: Omit<WalkEntry, 'body'>): AsyncGenerator<WalkEntry> {
  let left = entry.size;
  async function* body(): AsyncGenerator<Buffer> {
    for await (const chunk of src.chunks(left)) {
      left -= chunk.length;
      yield chunk;
    }
    if (left > 0)
      throw truncated(
        `inside ${quotePath(entry.name)}: its header says ${entry.size} bytes but only ${entry.size - left} are there`,
      );
  }
  yield { ...entry, body };
  // Whatever the consumer did not read is skipped, so the next header is found where it is.
  for await (const _ of body());
  await padding(src, entry.size, `after ${quotePath(entry.name)}`);
}
