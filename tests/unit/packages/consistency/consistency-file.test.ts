import { describe, expect, it } from 'vitest';
import { consistencyFileText, parseConsistencyFile } from '../../../../main/packages/consistency/consistency-file';

const h = (byte: number): Buffer => Buffer.alloc(32, byte);
const sample = {
  to: { size: 9, root: h(1) },
  from: [
    {
      packageId: '0b5c6f3e-7d1a-4c2b-9e8f-1a2b3c4d5e6f',
      size: 4,
      root: h(2),
      checkpoint: 'vigil/x\n4\nAg==\n\n— k a\n',
      proof: [h(3), h(4)],
    },
  ],
};

describe('packages/consistency/consistency-file', () => {
  it('writes one line of JSON in the documented order, base64 hashes, and reads it back', () => {
    const text = consistencyFileText(sample);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
    expect(text.startsWith('{"format":"vigil-consistency/1","to":{"size":9,"root":"AQEB')).toBe(true);
    expect(Object.keys((JSON.parse(text) as { from: Record<string, unknown>[] }).from[0] ?? {})).toEqual([
      'packageId',
      'size',
      'root',
      'checkpoint',
      'proof',
    ]);
    expect(parseConsistencyFile(text)).toEqual(sample);
    expect(parseConsistencyFile(consistencyFileText({ to: sample.to, from: [] })).from).toEqual([]);
  });

  it('refuses anything but the documented shape, saying what is wrong', () => {
    const good = JSON.parse(consistencyFileText(sample)) as Record<string, unknown> & {
      from: Record<string, unknown>[];
    };
    const bad = (mutate: (o: typeof good) => void): string => {
      const o = JSON.parse(JSON.stringify(good)) as typeof good;
      mutate(o);
      return JSON.stringify(o);
    };
    expect(() => parseConsistencyFile('not json')).toThrow(/not JSON/);
    expect(() => parseConsistencyFile('[]')).toThrow(/not a JSON object/);
    expect(() => parseConsistencyFile(bad((o) => (o.format = 'vigil-consistency/2')))).toThrow(/format/);
    expect(() => parseConsistencyFile(bad((o) => ((o.to as Record<string, unknown>).size = -1)))).toThrow(/to.size/);
    expect(() => parseConsistencyFile(bad((o) => ((o.to as Record<string, unknown>).root = 'AQ==')))).toThrow(
      /to.root/,
    );
    expect(() => parseConsistencyFile(bad((o) => ((o.from[0] as Record<string, unknown>).packageId = '../x')))).toThrow(
      /packageId/,
    );
    expect(() => parseConsistencyFile(bad((o) => ((o.from[0] as Record<string, unknown>).size = 1.5)))).toThrow(
      /from\[0\].size/,
    );
    // Base64 must be canonical: padding bits set or missing padding are not the same hash.
    const root = h(2).toString('base64');
    expect(() =>
      parseConsistencyFile(bad((o) => ((o.from[0] as Record<string, unknown>).root = root.replace(/=$/, '')))),
    ).toThrow(/from\[0\].root/);
    expect(() => parseConsistencyFile(bad((o) => ((o.from[0] as Record<string, unknown>).proof = ['x'])))).toThrow(
      /proof\[0\]/,
    );
    expect(() =>
      parseConsistencyFile(
        bad((o) => ((o.from[0] as Record<string, unknown>).proof = Array.from({ length: 129 }, () => root))),
      ),
    ).toThrow(/at most 128/);
    expect(() => parseConsistencyFile(bad((o) => (o.from = {} as never)))).toThrow(/"from"/);
  });
});
