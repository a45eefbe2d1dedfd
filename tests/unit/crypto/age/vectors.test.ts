import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import * as vectors from 'cctv-age';
import { afterAll, describe, expect, it } from 'vitest';
import { createAgeDecryptStream, openAgeFile, parseIdentity, type AgeIdentity } from '../../../../main/crypto/age';
import { codeOf, runStream, sha256 } from './helpers';

interface Vector {
  name: string;
  expect: string;
  payload: string | undefined;
  identities: string[];
  passphrases: string[];
  armored: boolean;
  file: Buffer;
}

function parseVector(name: string, raw: Uint8Array): Vector {
  const buf = Buffer.from(raw);
  const split = buf.indexOf('\n\n');
  const fields: [string, string][] = buf
    .subarray(0, split)
    .toString('utf8')
    .split('\n')
    .map((line) => {
      const at = line.indexOf(': ');
      return [line.slice(0, at), line.slice(at + 2)];
    });
  const all = (k: string): string[] => fields.filter(([key]) => key === k).map(([, v]) => v);
  const body = buf.subarray(split + 2);
  return {
    name,
    expect: all('expect')[0] ?? '',
    payload: all('payload')[0],
    identities: all('identity'),
    passphrases: all('passphrase'),
    armored: all('armored')[0] === 'yes',
    file: all('compressed')[0] === 'zlib' ? inflateSync(body) : body,
  };
}

const EXPECTED_CODE: Record<string, string | null> = {
  success: null,
  'header failure': 'AGE_MALFORMED',
  'HMAC failure': 'AGE_MALFORMED',
  'payload failure': 'AGE_MALFORMED',
  'no match': 'AGE_NO_IDENTITY_MATCH',
};

const all = Object.entries(vectors as Record<string, Uint8Array>)
  .filter(([, v]) => v instanceof Uint8Array)
  .map(([name, v]) => parseVector(name, v));
// We do not implement ASCII armor, nor the post-quantum hybrid recipient type.
const armored = all.filter((v) => v.armored);
const unsupported = all.filter((v) => !v.armored && v.identities.some((i) => !i.startsWith('AGE-SECRET-KEY-1')));
const runnable = all.filter((v) => !armored.includes(v) && !unsupported.includes(v));

function identitiesOf(v: Vector): AgeIdentity[] {
  return [
    ...v.identities.map(parseIdentity),
    ...v.passphrases.map((p): AgeIdentity => ({ kind: 'scrypt', passphrase: Buffer.from(p, 'utf8') })),
  ];
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('crypto/age vectors', () => {
  it('covers the C2SP suite: counts what runs and what is skipped', () => {
    console.log(
      `C2SP age vectors: ${all.length} total, ${runnable.length} run, ${armored.length} armored skipped, ` +
        `${unsupported.length} hybrid (ML-KEM) skipped`,
    );
    expect(all.length).toBeGreaterThanOrEqual(140);
    expect(runnable.length).toBeGreaterThanOrEqual(90);
    expect(runnable.length + armored.length + unsupported.length).toBe(all.length);
    expect(runnable.every((v) => v.expect in EXPECTED_CODE)).toBe(true);
  });

  it.each(runnable.map((v) => [v.name, v] as const))('createAgeDecryptStream: %s', async (_name, v) => {
    for (const piece of [1 << 20, 4099]) {
      const { output, code } = await runStream(createAgeDecryptStream(identitiesOf(v)), v.file, piece);
      expect(code, v.expect).toBe(EXPECTED_CODE[v.expect]);
      // Whatever was released, even before a payload failure, must be the expected plaintext.
      if (v.payload) expect(sha256(output)).toBe(v.payload);
      else expect(output.length).toBe(0);
    }
  });

  it.each(runnable.map((v) => [v.name, v] as const))('openAgeFile: %s', async (_name, v) => {
    const file = path.join(tmp, `${v.name}.age`);
    fs.writeFileSync(file, v.file);
    const result = (async () => {
      const reader = await openAgeFile(file, identitiesOf(v));
      try {
        return await reader.read(0, reader.size);
      } finally {
        await reader.close();
      }
    })();
    const code = await codeOf(result);
    expect(code, v.expect).toBe(EXPECTED_CODE[v.expect]);
    if (code === null && v.payload) expect(sha256(await result)).toBe(v.payload);
  });
});
