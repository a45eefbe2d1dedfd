import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../main/media/range';

describe('media/range/parseRange', () => {
  it('answers the whole body without a header or for several ranges', () => {
    expect(parseRange(undefined, 10)).toEqual({ kind: 'whole' });
    expect(parseRange('', 10)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-1,4-5', 10)).toEqual({ kind: 'whole' });
  });

  it('reads open, closed and suffix ranges, clamping the end', () => {
    expect(parseRange('bytes=0-', 10)).toEqual({ kind: 'range', start: 0, end: 10 });
    expect(parseRange('bytes=2-4', 10)).toEqual({ kind: 'range', start: 2, end: 5 });
    expect(parseRange('bytes=5-99', 10)).toEqual({ kind: 'range', start: 5, end: 10 });
    expect(parseRange('bytes=-3', 10)).toEqual({ kind: 'range', start: 7, end: 10 });
    expect(parseRange('bytes=-30', 10)).toEqual({ kind: 'range', start: 0, end: 10 });
  });

  it('refuses malformed and unsatisfiable ranges', () => {
    for (const header of ['bytes=10-', 'bytes=5-2', 'bytes=-0', 'bytes=-', 'items=0-1', 'bytes=a-b', 'bytes=1-2-3']) {
      expect(parseRange(header, 10), header).toEqual({ kind: 'unsatisfiable' });
    }
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
