import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyConsistency } from '../../../main/custody';

interface Probe {
  size1: number;
  size2: number;
  root1: string | null;
  root2: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const FIXTURE = path.resolve(__dirname, '../../fixtures/transparency-dev-merkle/consistency.json');
const probes = Object.entries(
  (JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { probes: Record<string, Probe> }).probes,
);
// Go decodes a JSON null []byte as empty.
const bytes = (b64: string | null): Buffer => Buffer.from(b64 ?? '', 'base64');

describe('custody/merkle/verifyConsistency (transparency-dev/merkle vectors)', () => {
  it('has the vectors, including the empty-tree edge cases', () => {
    expect(probes.length).toBeGreaterThan(90);
    expect(probes.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'additional/size1-is-zero-and-size2-is-not-zero.json',
        'additional/sizes-are-equal-zero-and-proof-is-empty.json',
      ]),
    );
  });

  // Before size-0 proofs were refused, additional/size1-is-zero-and-size2-is-not-zero and
  // additional/sizes-are-equal-zero-and-proof-is-empty failed; the rest guard the general case.
  it.each(probes)('%s', (_name, p) => {
    const ok = verifyConsistency(p.size1, p.size2, bytes(p.root1), bytes(p.root2), (p.proof ?? []).map(bytes));
    expect(ok, p.desc).toBe(!p.wantErr);
  });
});
