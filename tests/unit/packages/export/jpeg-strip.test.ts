import { describe, expect, it } from 'vitest';
import { isJpeg, stripJpegMetadata } from '../../../../main/packages/export/jpeg-strip';
import { jpegWithExif } from '../../../integration/packages/export-fixture';

describe('packages/export/stripJpegMetadata', () => {
  it('removes APP1 (EXIF/GPS) and COM segments and keeps the rest byte for byte', () => {
    const input = jpegWithExif();
    const out = stripJpegMetadata(input);
    expect(isJpeg(out)).toBe(true);
    expect(out.includes('GPSLatitude')).toBe(false);
    expect(out.includes('Exif')).toBe(false);
    expect(out.includes('colony gate')).toBe(false);
    expect(out.includes('JFIF')).toBe(true);
    const sos = input.indexOf(Buffer.from([0xff, 0xda]));
    expect(out.subarray(out.indexOf(Buffer.from([0xff, 0xda])))).toEqual(input.subarray(sos));
  });

  it('returns the same buffer when there is nothing to strip', () => {
    const once = stripJpegMetadata(jpegWithExif());
    expect(stripJpegMetadata(once)).toBe(once);
  });

  it('refuses non-JPEG bytes and a segment length that runs past the end', () => {
    expect(() => stripJpegMetadata(Buffer.from('not a jpeg'))).toThrow(/not a JPEG/);
    const broken = Buffer.from(jpegWithExif());
    broken.writeUInt16BE(0xfff0, 4); // APP0 length now points beyond the file
    expect(() => stripJpegMetadata(broken)).toThrow(/malformed/);
    expect(() => stripJpegMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00]))).toThrow(/malformed/);
  });
});
