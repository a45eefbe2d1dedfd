import { describe, expect, it } from 'vitest';
import { orientedSize, orientPixels } from '../../../../main/evidence/redact/image-orientation';

// A stored 3 × 2 one-byte-per-pixel image:  1 2 3
//                                           4 5 6
const STORED = Uint8Array.from([1, 2, 3, 4, 5, 6]);

/** The image as shown under each EXIF orientation (rows, top to bottom). */
const SHOWN: Record<number, number[][]> = {
  1: [
    [1, 2, 3],
    [4, 5, 6],
  ],
  2: [
    [3, 2, 1],
    [6, 5, 4],
  ],
  3: [
    [6, 5, 4],
    [3, 2, 1],
  ],
  4: [
    [4, 5, 6],
    [1, 2, 3],
  ],
  5: [
    [1, 4],
    [2, 5],
    [3, 6],
  ],
  6: [
    [4, 1],
    [5, 2],
    [6, 3],
  ],
  7: [
    [6, 3],
    [5, 2],
    [4, 1],
  ],
  8: [
    [3, 6],
    [2, 5],
    [1, 4],
  ],
};

describe('evidence/redact/orientPixels', () => {
  it.each(Object.entries(SHOWN))('turns orientation %s as viewers show it', (o, rows) => {
    const [w, h] = orientedSize(3, 2, Number(o));
    expect([w, h]).toEqual([rows[0]?.length, rows.length]);
    expect([...orientPixels(STORED, 3, 2, 1, 3, Number(o))]).toEqual(rows.flat());
  });

  it('skips row padding (stride wider than the row)', () => {
    const padded = Uint8Array.from([1, 2, 3, 0, 4, 5, 6, 0]);
    expect([...orientPixels(padded, 3, 2, 1, 4, 1)]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...orientPixels(padded, 3, 2, 1, 4, 6)]).toEqual([4, 1, 5, 2, 6, 3]);
  });
});
