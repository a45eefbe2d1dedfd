import { describe, expect, it } from 'vitest';
import { checkZipLimits, readZipDirectory, readZipEntry } from '../../../main/ingest/zip-guard';
import { makeDocx, makeZip } from './fixtures';

describe('ingest/zip-guard/readZipDirectory', () => {
  it('lists the entries of a real archive', () => {
    const entries = readZipDirectory(makeDocx(['hello']));
    expect(entries.map((e) => e.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'word/document.xml',
      'docProps/core.xml',
    ]);
  });

  it('refuses a truncated archive', () => {
    const zip = makeDocx(['hello']);
    expect(() => readZipDirectory(zip.subarray(0, zip.length - 30))).toThrow(/central directory|truncated|damaged/);
  });

  it('refuses a directory that points past the end', () => {
    const zip = Buffer.from(makeDocx(['hello']));
    zip.writeUInt32LE(zip.length + 100, zip.length - 6); // the end record's directory offset
    expect(() => readZipDirectory(zip)).toThrow(/damaged|truncated/);
  });
});

describe('ingest/zip-guard/checkZipLimits', () => {
  it('accepts an honest document', () => {
    const zip = makeDocx(['hello']);
    expect(() => checkZipLimits(zip, readZipDirectory(zip))).not.toThrow();
  });

  it('refuses an entry that declares 2 GiB', () => {
    const zip = makeZip([{ name: 'word/document.xml', data: Buffer.alloc(1000), declaredSize: 2 ** 31 }]);
    expect(() => checkZipLimits(zip, readZipDirectory(zip))).toThrow(/zip bomb/);
  });

  it('refuses an absurd compression ratio', () => {
    const zip = makeZip([{ name: 'word/document.xml', data: Buffer.alloc(64 * 1024 * 1024) }]);
    expect(() => checkZipLimits(zip, readZipDirectory(zip))).toThrow(/expands \d+-fold/);
  });

  it('refuses an entry that holds more than it declares', () => {
    const zip = makeZip([{ name: 'word/document.xml', data: Buffer.alloc(5 * 1024 * 1024), declaredSize: 1000 }]);
    expect(() => checkZipLimits(zip, readZipDirectory(zip))).toThrow(/more data than it declares/);
  });

  it('refuses too large a declared total', () => {
    const inputs = Array.from({ length: 5 }, (_, i) => ({
      name: `word/m${i}.bin`,
      data: Buffer.alloc(10),
      declaredSize: 120 * 1024 * 1024,
    }));
    const zip = makeZip(inputs);
    expect(() =>
      checkZipLimits(zip, readZipDirectory(zip), {
        maxEntries: 10,
        maxTotalBytes: 512 * 1024 * 1024,
        maxEntryBytes: 128 * 1024 * 1024,
        maxRatio: 1e12,
      }),
    ).toThrow(/in total/);
  });
});

describe('ingest/zip-guard/readZipEntry', () => {
  it('inflates an entry', () => {
    const zip = makeZip([
      { name: 'a.txt', data: Buffer.from('contents') },
      { name: 'b.txt', data: Buffer.from('stored'), store: true },
    ]);
    const [a, b] = readZipDirectory(zip);
    expect(readZipEntry(zip, a!).toString()).toBe('contents');
    expect(readZipEntry(zip, b!).toString()).toBe('stored');
  });

  it('refuses damaged compressed data', () => {
    const zip = Buffer.from(makeZip([{ name: 'a.txt', data: Buffer.from('contents '.repeat(50)) }]));
    zip.fill(0xff, 40, 50);
    expect(() => readZipEntry(zip, readZipDirectory(zip)[0]!)).toThrow(/damaged|more data/);
  });
});
