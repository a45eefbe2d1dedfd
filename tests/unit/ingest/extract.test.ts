import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFromFile } from '../../../main/ingest/extract';
import { DOCX_TYPE } from '../../../main/ingest/media-type';
import {
  makeDocx,
  makeJpegWithExif,
  makePdf,
  makePdfWithContent,
  makeTempDir,
  makeZip,
  writeFixture,
  zeroBomb,
} from './fixtures';

let dir = '';
let cleanup = (): void => {};
beforeAll(() => ({ dir, cleanup } = makeTempDir()));
afterAll(() => cleanup());

/** Runs an extraction and checks that the event loop kept turning while it ran. */
async function timed(file: string | Buffer, opts: Parameters<typeof extractFromFile>[1] = {}) {
  let ticks = 0;
  const ticker = setInterval(() => (ticks += 1), 10);
  const started = Date.now();
  try {
    const result = await extractFromFile(file, opts);
    return { result, ms: Date.now() - started, ticks };
  } finally {
    clearInterval(ticker);
  }
}

describe('ingest/extract/extractFromFile formats', () => {
  it('reads the text, page count and dates of a PDF; the author is sensitive', async () => {
    const { result } = await timed(
      writeFixture(dir, 'letter.pdf', makePdf(['Transfer to colony 7 refused', 'Second line'])),
    );
    expect(result).toMatchObject({
      status: 'ok',
      mediaType: 'application/pdf',
      metadata: { pageCount: 1, created: '2021-03-04T10:11:12Z', title: 'Letter' },
      sensitive: { author: 'A. Person' },
    });
    expect(result.text).toContain('Transfer to colony 7 refused');
    expect(result.text).toContain('Second line');
  });

  it('reads the text of a DOCX; core dates in metadata, author names only in sensitive', async () => {
    const { result } = await timed(
      writeFixture(dir, 'reply.docx', makeDocx(['Your request was considered.', 'No information can be given.'])),
    );
    expect(result).toMatchObject({
      status: 'ok',
      mediaType: DOCX_TYPE,
      text: 'Your request was considered.\n\nNo information can be given.',
      metadata: { created: '2020-05-06T07:08:09Z' },
      sensitive: { author: 'Jane Author', lastModifiedBy: 'John Editor' },
    });
    expect(JSON.stringify(result.metadata)).not.toMatch(/Jane|John/);
  });

  it('reads plain text and Markdown as UTF-8, normalising CRLF', async () => {
    expect((await extractFromFile(writeFixture(dir, 'n.txt', 'Строка один\r\nline two'))).text).toBe(
      'Строка один\nline two',
    );
    const md = await extractFromFile(writeFixture(dir, 'n.md', '# Notes\n\n*visit* denied'));
    expect(md).toMatchObject({ status: 'ok', mediaType: 'text/markdown', text: '# Notes\n\n*visit* denied' });
  });

  it('reads UTF-16 text that has a byte-order mark', async () => {
    const file = writeFixture(
      dir,
      'u16.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Письмо', 'utf16le')]),
    );
    expect(await extractFromFile(file)).toMatchObject({
      status: 'ok',
      text: 'Письмо',
      metadata: { encoding: 'utf-16le' },
    });
  });

  it('puts EXIF dates and camera in metadata and GPS only in sensitive', async () => {
    const { result } = await timed(writeFixture(dir, 'photo.jpg', makeJpegWithExif()));
    expect(result).toMatchObject({
      status: 'ok',
      mediaType: 'image/jpeg',
      metadata: {
        dateTimeOriginal: '2021-03-04T10:11:12',
        createDate: '2021-03-04T10:11:13',
        make: 'TestCam',
        model: 'Model 7',
        orientation: 6,
      },
    });
    expect(result.sensitive['latitude']).toBeCloseTo(55.76, 5);
    expect(result.sensitive['longitude']).toBeCloseTo(37.6167, 3);
    expect(result.sensitive['altitude']).toBeCloseTo(156.5, 3);
    expect(JSON.stringify(result.metadata)).not.toMatch(/latitude|longitude|altitude|gps|55\.7|37\.6/i);
  });

  it('records audio and video as unsupported with their media type', async () => {
    const mp3 = await extractFromFile(
      writeFixture(dir, 'call.mp3', Buffer.concat([Buffer.from('ID3\x04\0\0\0\0\0\0', 'latin1'), randomBytes(500)])),
    );
    expect(mp3).toMatchObject({ status: 'unsupported', mediaType: 'audio/mpeg' });
    expect(mp3.error).toMatch(/not extracted/);
  });

  it('cuts very long text and says so in metadata', async () => {
    const result = await extractFromFile(writeFixture(dir, 'long.txt', 'a'.repeat(1000)), { maxTextChars: 100 });
    expect(result.text).toHaveLength(100);
    expect(result.metadata).toMatchObject({ textTruncated: true, textChars: 1000, textCharsKept: 100 });
  });
});

describe('ingest/extract/extractFromFile hostile files', () => {
  it('fails cleanly on a truncated PDF', async () => {
    const pdf = makePdf(['cut short']);
    const { result } = await timed(writeFixture(dir, 'trunc.pdf', pdf.subarray(0, 150)));
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/PDF is damaged or incomplete/);
  });

  it('refuses a zip bomb disguised as .docx that declares 2 GiB', async () => {
    const bomb = makeDocx(['x'], [{ name: 'word/media/zeros.bin', data: Buffer.alloc(1000), declaredSize: 2 ** 31 }]);
    const { result, ms } = await timed(writeFixture(dir, 'bomb.docx', bomb), { timeoutMs: 20_000 });
    expect(result).toMatchObject({ status: 'failed', mediaType: DOCX_TYPE });
    expect(result.error).toMatch(/zip bomb/);
    expect(ms).toBeLessThan(20_000);
  });

  it('refuses a real 10 MiB → 10 GiB bomb whose header lies about its size, and stays responsive', async () => {
    const docx = makeDocx(['x'], [{ name: 'word/document2.xml', deflated: zeroBomb(10), declaredSize: 4000 }]);
    const { result, ms, ticks } = await timed(writeFixture(dir, 'liar.docx', docx), { timeoutMs: 20_000 });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/more data than it declares/);
    expect(ms).toBeLessThan(20_000);
    expect(ticks).toBeGreaterThan(0);
  });

  it('survives a PDF whose content stream inflates to 1 GiB, within the timeout', async () => {
    const pdf = makePdfWithContent(zeroBomb(1).raw, '/Filter /FlateDecode');
    const { result, ms, ticks } = await timed(writeFixture(dir, 'bomb.pdf', pdf), { timeoutMs: 8000 });
    // pdf.js decodes streams lazily and copes; whatever it does, the call returns in time and the loop kept turning.
    expect(['ok', 'failed']).toContain(result.status);
    expect(result.text ?? '').toBe('');
    expect(ms).toBeLessThan(8000 + 3000);
    expect(ticks).toBeGreaterThan(10);
  });

  it('stops the worker at its heap limit and reports it', async () => {
    // 300,000 paragraphs: mammoth builds a tree of millions of objects, far beyond a 32 MB heap.
    const docx = makeDocx(Array.from({ length: 300_000 }, (_, i) => `paragraph ${i}`));
    const { result } = await timed(writeFixture(dir, 'huge.docx', docx), { maxMemoryMb: 32, timeoutMs: 30_000 });
    expect(result).toMatchObject({ status: 'failed', mediaType: DOCX_TYPE });
    expect(result.error).toMatch(/ran out of memory|too much memory/);
  });

  it('stops the worker when the timeout passes', async () => {
    const { result, ms } = await timed(writeFixture(dir, 'slow.pdf', makePdf(['fine'])), { timeoutMs: 1 });
    expect(result).toMatchObject({ status: 'failed', mediaType: 'application/pdf' });
    expect(result.error).toMatch(/took longer than/);
    expect(ms).toBeLessThan(2000);
  });

  it('reads a PDF named .jpg as a PDF', async () => {
    const result = await extractFromFile(writeFixture(dir, 'holiday.jpg', makePdf(['not a photo'])));
    expect(result).toMatchObject({ status: 'ok', mediaType: 'application/pdf' });
    expect(result.text).toContain('not a photo');
  });

  it('a ZIP that is not a Word document is unsupported, even named .docx', async () => {
    const result = await extractFromFile(
      writeFixture(dir, 'fake.docx', makeZip([{ name: 'a.txt', data: Buffer.from('a') }])),
    );
    expect(result).toMatchObject({ status: 'unsupported', mediaType: 'application/zip' });
  });

  it('fails on a 0-byte file', async () => {
    const result = await extractFromFile(writeFixture(dir, 'empty.pdf', ''));
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/empty/);
  });

  it('does not extract from random bytes, whatever their name', async () => {
    const bytes = Buffer.concat([Buffer.from([0x00, 0x01]), randomBytes(64 * 1024)]);
    expect(await extractFromFile(writeFixture(dir, 'random.bin', bytes))).toMatchObject({
      status: 'unsupported',
      mediaType: 'application/octet-stream',
    });
    const asDocx = await extractFromFile(writeFixture(dir, 'random.docx', bytes));
    expect(asDocx.status).toBe('unsupported');
    const asPdf = await extractFromFile(
      writeFixture(dir, 'random2.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), bytes])),
    );
    expect(asPdf.status).toBe('failed');
  });

  it('fails on text that is not UTF-8 and has no BOM, saying where', async () => {
    const result = await extractFromFile(writeFixture(dir, 'latin1.txt', Buffer.from('caf\xe9 cr\xe8me', 'latin1')));
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/not valid UTF-8 \(first invalid byte at offset 3\)/);
    expect(result.text).toBeUndefined();
  });

  it('handles a file name that is not UTF-8 (Buffer path)', async () => {
    const name = Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('.txt')]);
    writeFileSync(name, 'words in a file with a broken name');
    expect(await extractFromFile(name)).toMatchObject({ status: 'ok', text: 'words in a file with a broken name' });
    const bad = Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xe9, 0xff]), Buffer.from('.pdf')]);
    writeFileSync(bad, makePdf(['x']).subarray(0, 100));
    expect((await extractFromFile(bad)).status).toBe('failed');
  });

  it('refuses folders, symbolic links and missing files without throwing', async () => {
    const sub = path.join(dir, 'folder.pdf');
    mkdirSync(sub);
    expect((await extractFromFile(sub)).error).toMatch(/not a regular file/);
    const link = path.join(dir, 'link.pdf');
    symlinkSync(writeFixture(dir, 'target.pdf', makePdf(['x'])), link);
    expect((await extractFromFile(link)).error).toMatch(/symbolic link/);
    expect((await extractFromFile(path.join(dir, 'missing.pdf'))).error).toMatch(/could not be opened \(ENOENT\)/);
  });

  it('does not parse files above the input cap', async () => {
    const result = await extractFromFile(writeFixture(dir, 'big.pdf', makePdf(['x'])), { maxInputBytes: 100 });
    expect(result).toMatchObject({ status: 'failed', mediaType: 'application/pdf' });
    expect(result.error).toMatch(/too large/);
  });

  it('the process still extracts normally after the hostile files', async () => {
    expect((await extractFromFile(writeFixture(dir, 'after.pdf', makePdf(['still alive'])))).text).toContain(
      'still alive',
    );
  });
});
