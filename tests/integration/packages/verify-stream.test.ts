import fs from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateX25519Identity, parseIdentity } from '../../../main/crypto/age';
import { verifyPackageFile, type PackageReport } from '../../../main/packages/verify';
import { verifyPackageStream } from '../../../main/packages/verify-page/verify-stream';
import { suiteTempDir } from '../../helpers/vault';
import { corpusFixture } from './corpus-fixture';
import type { BuiltPackage } from './make-package';
import { buildTamperCorpus, type CorpusExtras } from './tamper-corpus';

/** The file as a web stream in small pieces, as a browser File gives it. */
function webStream(file: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(fs.createReadStream(file, { highWaterMark: 64 * 1024 })) as ReadableStream<Uint8Array>;
}

/** What a reader compares: each failed check's name, where, and why. */
function failedChecks(r: PackageReport): string[] {
  return r.checks.filter((c) => !c.ok).map((c) => `${c.check}: ${c.subject ?? ''} ${c.detail}`);
}

let pkg: BuiltPackage;
let extras: CorpusExtras;
let fixtureDir: string;

beforeAll(async () => {
  ({ pkg, extras, dir: fixtureDir } = await corpusFixture());
});

afterAll(() => {
  fs.rmSync(fixtureDir, { recursive: true, force: true });
});

describe('packages/verify-page/verifyPackageStream', () => {
  it('passes a good package with the same checks as vigil verify (the receipt aside)', async () => {
    const page = await verifyPackageStream(webStream(pkg.file), [pkg.identity]);
    const cli = await verifyPackageFile(pkg.file, { identities: [pkg.identity] });
    expect(failedChecks(page)).toEqual([]);
    expect(page).toEqual(cli);
  });

  it('says a package sealed for someone else is not for that key', async () => {
    const other = parseIdentity(generateX25519Identity().identity);
    const r = await verifyPackageStream(webStream(pkg.file), [other]);
    expect(r.ok).toBe(false);
    expect(r.checks[0]?.check).toBe('decrypt');
    expect(r.checks[0]?.detail).toMatch(/sealed for someone else/);
  });

  it('fails every case of the tamper corpus with the very checks and sentences of vigil verify', async () => {
    const cases = await buildTamperCorpus(pkg, suiteTempDir(), extras);
    expect(cases.length).toBeGreaterThanOrEqual(50);
    const differ: string[] = [];
    for (const c of cases) {
      const page = await verifyPackageStream(webStream(c.file), [pkg.identity]);
      const cli = await verifyPackageFile(c.file, { identities: [pkg.identity] });
      expect(page.ok, c.name).toBe(false);
      if (JSON.stringify(failedChecks(page)) !== JSON.stringify(failedChecks(cli)))
        differ.push(`${c.name}: page ${failedChecks(page).join(' | ')} / cli ${failedChecks(cli).join(' | ')}`);
    }
    expect(differ).toEqual([]);
  }, 240_000);
});
