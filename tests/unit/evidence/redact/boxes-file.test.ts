import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBoxes, readBoxesFile } from '../../../../main/evidence/redact/boxes-file';
import { tempDir } from '../../../helpers/vault';

const BOX = { page: 0, x: 72, y: 100, width: 300, height: 20 };

describe('evidence/redact/parseBoxes', () => {
  it('takes the documented format', () => {
    expect(parseBoxes({ boxes: [BOX, { ...BOX, page: 2, x: -3.5 }] })).toEqual([BOX, { ...BOX, page: 2, x: -3.5 }]);
  });

  it.each([
    ['no boxes', { boxes: [] }, /needs at least one box/],
    ['a zero height', { boxes: [{ ...BOX, height: 0 }] }, /box 1 height: must be greater than 0/],
    ['a fractional page', { boxes: [BOX, { ...BOX, page: 1.5 }] }, /box 2 page: must be a whole number/],
    ['a key the format does not have', { boxes: [{ ...BOX, colour: 'red' }] }, /box 1/],
    ['a key beside boxes', { boxes: [BOX], people: ['W-001'] }, /Unrecognized key/i],
    ['an infinite coordinate', { boxes: [{ ...BOX, x: Number.POSITIVE_INFINITY }] }, /box 1 x/],
    ['too many boxes', { boxes: Array.from({ length: 5001 }, () => BOX) }, /boxes/],
  ])('refuses %s with INVALID_INPUT naming it', (_what, json, message) => {
    expect(() => parseBoxes(json, 'boxes.json')).toThrow(message);
  });

  it('says when the file is not JSON or cannot be read', async () => {
    const file = path.join(tempDir(), 'boxes.json');
    fs.writeFileSync(file, '{ "boxes": [');
    await expect(readBoxesFile(file)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/not valid JSON/) as unknown,
    });
    await expect(readBoxesFile(`${file}.missing`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
