import { describe, expect, it } from 'vitest';
import { DOCX_TYPE, extractorFor, sniffMediaType, suggestItemKind } from '../../../main/ingest/media-type';
import { makeDocx, makeJpegWithExif, makePdf, makeZip } from './fixtures';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');

describe('ingest/media-type/sniffMediaType', () => {
  it('recognises formats by their signatures', () => {
    expect(sniffMediaType(makePdf(['x']), 'a.pdf')).toBe('application/pdf');
    expect(sniffMediaType(makeJpegWithExif(), 'a.jpg')).toBe('image/jpeg');
    expect(sniffMediaType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), 'x')).toBe('image/png');
    expect(sniffMediaType(ascii('GIF89a....'), 'x')).toBe('image/gif');
    expect(sniffMediaType(ascii('RIFF\0\0\0\0WEBPVP8 '), 'x')).toBe('image/webp');
    expect(sniffMediaType(ascii('RIFF\0\0\0\0WAVEfmt '), 'x')).toBe('audio/wav');
    expect(sniffMediaType(bytes(0x49, 0x49, 0x2a, 0, 8, 0, 0, 0), 'x')).toBe('image/tiff');
    expect(sniffMediaType(ascii('ID3\x04\0\0\0\0\0\0'), 'x')).toBe('audio/mpeg');
    expect(sniffMediaType(ascii('\0\0\0\x20ftypisom\0\0'), 'x')).toBe('video/mp4');
    expect(sniffMediaType(ascii('\0\0\0\x20ftypM4A \0\0'), 'x')).toBe('audio/mp4');
    expect(sniffMediaType(ascii('\0\0\0\x14ftypqt  \0\0'), 'x')).toBe('video/quicktime');
    expect(sniffMediaType(ascii('OggS\0\x02......OpusHead'), 'x')).toBe('audio/ogg');
    expect(sniffMediaType(ascii('fLaC\0\0\0\x22'), 'x')).toBe('audio/flac');
    expect(sniffMediaType(Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), ascii('\x42\x82\x84webm')]), 'x')).toBe(
      'video/webm',
    );
    expect(
      sniffMediaType(Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), ascii('\x42\x82\x88matroska')]), 'x'),
    ).toBe('video/x-matroska');
    expect(sniffMediaType(makeDocx(['hi']), 'letter.bin')).toBe(DOCX_TYPE);
    expect(sniffMediaType(makeZip([{ name: 'a.txt', data: Buffer.from('a') }]), 'a.zip')).toBe('application/zip');
  });

  it('is not fooled by a wrong extension', () => {
    expect(sniffMediaType(makePdf(['x']), 'holiday.jpg')).toBe('application/pdf');
    expect(sniffMediaType(makeJpegWithExif(), 'report.pdf')).toBe('image/jpeg');
    expect(sniffMediaType(ascii('plain words\n'), 'photo.jpg')).toBe('text/plain');
    expect(sniffMediaType(bytes(0, 1, 2, 3, 0, 0, 9), 'notes.txt')).toBe('application/octet-stream');
  });

  it('uses the extension only for formats without a signature', () => {
    expect(sniffMediaType(ascii('# Title\n'), 'notes.md')).toBe('text/markdown');
    expect(sniffMediaType(ascii('1\n00:00:01,000 --> 00:00:02,000\nhi\n'), 'a.srt')).toBe('application/x-subrip');
    expect(sniffMediaType(new Uint8Array(0), 'empty.txt')).toBe('text/plain');
    expect(sniffMediaType(new Uint8Array(0), 'empty.pdf')).toBe('application/octet-stream');
    expect(sniffMediaType(bytes(0xff, 0xfe, 0x41, 0), 'utf16.txt')).toBe('text/plain');
  });

  it('falls back to application/octet-stream for unknown bytes', () => {
    expect(sniffMediaType(bytes(0x00, 0x13, 0x37, 0x00, 0x42), 'blob')).toBe('application/octet-stream');
  });
});

describe('ingest/media-type/suggestItemKind', () => {
  it('maps media types to item kinds', () => {
    expect(suggestItemKind('image/jpeg')).toBe('photo');
    expect(suggestItemKind('audio/mpeg')).toBe('audio');
    expect(suggestItemKind('video/mp4')).toBe('video');
    expect(suggestItemKind('application/pdf')).toBe('document');
    expect(suggestItemKind(DOCX_TYPE)).toBe('document');
    expect(suggestItemKind('text/plain; charset=utf-8')).toBe('document');
    expect(suggestItemKind('application/octet-stream')).toBe('other');
  });
});

describe('ingest/media-type/extractorFor', () => {
  it('names an extractor only for formats text or metadata is read from', () => {
    expect(extractorFor('application/pdf')).toBe('pdf');
    expect(extractorFor(DOCX_TYPE)).toBe('docx');
    expect(extractorFor('image/jpeg')).toBe('image');
    expect(extractorFor('text/markdown')).toBe('text');
    expect(extractorFor('audio/mpeg')).toBeNull();
    expect(extractorFor('application/octet-stream')).toBeNull();
  });
});
