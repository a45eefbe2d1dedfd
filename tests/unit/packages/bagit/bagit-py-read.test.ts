import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBag } from '../../../../main/packages/bagit/bag-validate';
import { tempDir } from '../../../helpers/vault';
import { bagitPyEncode, writePyBag } from './bagit-py-bag';

// Bags as bagit.py writes them, and the cases of the Library of Congress bagit-conformance-suite
// (v0.97 and v1.0) that RFC 8493 still decides the same way, rebuilt here as BagIt 1.0 bags.

const bagDir = (): string => path.join(tempDir(), 'bag');
const HOLEY = 'http://localhost:8989/bags/holey-bag';

describe('packages/bagit/validateBag (bags written by bagit.py)', () => {
  it('passes percent-encoded line breaks, a tab, "%", spaces and non-ASCII in names', async () => {
    const payload = {
      'line\nbreak.txt': 'x',
      'cr\rname': 'c',
      'tab\tname.txt': 't',
      '50%.txt': 'y',
      'sub dir/é.txt': 'e',
      '~test.txt': 'h',
    };
    const bag = writePyBag(bagDir(), payload);
    expect(fs.readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8')).toContain('  data/line%0Abreak.txt\n');
    const r = await validateBag(bag);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.payloadFiles).toBe(6);
  });

  it('reads "%25" as RFC 8493 encodes "%", and as bagit.py writes a literal "%25" (with a warning)', async () => {
    const rfc = writePyBag(
      bagDir(),
      { '100%.txt': 'a' },
      { manifestPath: (p) => bagitPyEncode(p).replace(/%(?![0-9A-F]{2})/g, '%25') },
    );
    expect(fs.readFileSync(path.join(rfc, 'manifest-sha256.txt'), 'utf8')).toContain('data/100%25.txt');
    expect((await validateBag(rfc)).problems).toEqual([]);
    const literal = await validateBag(writePyBag(bagDir(), { '100%25.txt': 'b' }));
    expect(literal.problems).toEqual([]);
    expect(literal.warnings).toEqual([
      { path: 'manifest-sha256.txt', problem: expect.stringMatching(/line 1 was read as bagit.py writes it/) },
      { path: 'manifest-sha512.txt', problem: expect.stringMatching(/line 1 was read as bagit.py writes it/) },
    ]);
  });

  it('accepts "./data/…" manifest paths (conformance: bag-with-leading-dot-slash-in-manifest)', async () => {
    const bag = writePyBag(bagDir(), { 'test1.txt': '1', 'dir1/test3.txt': '3' }, { manifestPath: (p) => `./${p}` });
    const r = await validateBag(bag);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it(
    'refuses a byte-order mark in bagit.txt (conformance: bom-in-bagit.txt), and skips one in a manifest with a ' +
      'warning',
    async () => {
      const bom = await validateBag(writePyBag(bagDir(), { 'hello.txt': 'hi' }, { bomInBagitTxt: true }));
      expect(bom.ok).toBe(false);
      expect(bom.problems).toEqual([
        {
          path: 'bagit.txt',
          problem: expect.stringMatching(/byte-order mark, which RFC 8493 does not allow in bagit.txt/),
        },
      ]);
      const bag = writePyBag(bagDir(), { 'hello.txt': 'hi' }, { manifestPath: (p) => p });
      const manifest = path.join(bag, 'manifest-sha256.txt');
      fs.writeFileSync(manifest, `\ufeff${fs.readFileSync(manifest, 'utf8')}`);
      for (const f of ['tagmanifest-sha256.txt', 'tagmanifest-sha512.txt']) fs.rmSync(path.join(bag, f));
      const inManifest = await validateBag(bag);
      expect(inManifest.problems.filter((p) => p.path === 'manifest-sha256.txt')).toEqual([]);
      expect(inManifest.warnings).toContainEqual({
        path: 'manifest-sha256.txt',
        problem: expect.stringMatching(/byte-order mark/),
      });
    },
  );

  it('refuses whitespace before the colon of a bagit.txt label (conformance v1.0: bagit-with-invalid-whitespace)', async () => {
    // As the suite's bag has it; bagit.py trims the label and accepts it, RFC 8493 does not.
    const bag = writePyBag(
      bagDir(),
      { README: 'hi' },
      { bagitTxt: 'BagIt-Version : 1.0\nTag-File-Character-Encoding : UTF-8\n' },
    );
    const r = await validateBag(bag);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      { path: 'bagit.txt', problem: expect.stringMatching(/line 1 has whitespace around its label "BagIt-Version"/) },
      {
        path: 'bagit.txt',
        problem: expect.stringMatching(/line 2 has whitespace around its label "Tag-File-Character-Encoding"/),
      },
    ]);
    const tab = await validateBag(
      writePyBag(bagDir(), { README: 'hi' }, { bagitTxt: 'BagIt-Version:\t1.0\nTag-File-Character-Encoding: UTF-8\n' }),
    );
    expect(tab.problems).toEqual([]);
  });

  it(
    'ignores a tag file no tag manifest lists, with a ' + 'warning; a payload file no manifest lists still fails',
    async () => {
      const bag = writePyBag(
        bagDir(),
        { 'a.txt': 'a' },
        { laterTagFiles: { 'notes.txt': 'added later', 'meta/extra.xml': '<x/>' } },
      );
      const r = await validateBag(bag);
      expect(r.problems).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.warnings.map((w) => w.path)).toEqual(['meta/extra.xml', 'notes.txt']);
      expect(r.warnings[0]?.problem).toMatch(
        /outside data\/ and was ignored: no checksum covers it, as it is not listed in tagmanifest-sha256.txt or tagmanifest-sha512.txt/,
      );
      fs.writeFileSync(path.join(bag, 'data', 'planted.txt'), 'planted');
      const planted = await validateBag(bag);
      expect(planted.ok).toBe(false);
      expect(planted.problems).toContainEqual({
        path: 'data/planted.txt',
        problem: expect.stringMatching(/is in the bag but not listed in manifest-sha256.txt or manifest-sha512.txt/),
      });
    },
  );

  // A guard: this passed before fetch.txt was read too, and must keep passing.
  it('passes a bag whose fetch.txt files are all present (conformance: holey-bag)', async () => {
    const fetch = [
      `${HOLEY}/data/test%201.txt - data/test 1.txt`,
      `${HOLEY}/data/dir1/test3.txt 1 data/dir1/test3.txt`,
    ];
    const r = await validateBag(writePyBag(bagDir(), { 'test 1.txt': '1', 'dir1/test3.txt': '3' }, { fetch }));
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('reports a bag with unfetched files as incomplete, and fetches nothing', async () => {
    const bag = writePyBag(
      bagDir(),
      { 'test 1.txt': '1', 'test2.txt': '2' },
      { fetch: [`${HOLEY}/data/test2.txt 1 data/test2.txt`] },
    );
    fs.rmSync(path.join(bag, 'data', 'test2.txt'));
    const r = await validateBag(bag);
    expect(r.ok).toBe(false);
    expect(r.unfetched).toBe(1);
    expect(r.problems).toEqual([
      {
        path: 'data/test2.txt',
        problem: expect.stringMatching(
          /listed in fetch.txt \(line 1\) to be downloaded from http:\/\/localhost:8989\/.*the bag is incomplete\. Vigil works offline and never downloads/,
        ),
      },
    ]);
  });

  it.each([
    ['../../../README.md', /line 1 names a path that contains "\.\."/],
    ['data/../../escape.txt', /line 1 names a path that contains "\.\."/],
    ['/tmp/test.txt', /line 1 names a path that is an absolute path/],
    ['~/test.txt', /line 1 names a path that starts with "~"/],
    ['~root/foo', /line 1 names a path that starts with "~"/],
    ['data\\..\\x', /line 1 names a path that contains a backslash/],
    ['bagit.txt', /line 1 names a file outside data\//],
  ])('refuses the unsafe fetch.txt path %j (conformance: out-of-scope-file-paths-…-for-fetch)', async (target, why) => {
    const r = await validateBag(
      writePyBag(bagDir(), { 'a.txt': 'a' }, { fetch: [`https://en.wikipedia.org - ${target}`] }),
    );
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ path: 'fetch.txt', problem: expect.stringMatching(why) }]);
  });

  // "~" paths were accepted before; the others are guards that were already refused.
  it.each([
    ['../../../README.md', /names a path that contains "\.\."/],
    ['/tmp/foo', /names a path that is an absolute path/],
    ['~/foo', /names a path that starts with "~"/],
    ['~root/foo', /names a path that starts with "~"/],
    ['data/\\.\\./\\.\\./README.md', /names a path that contains a backslash/],
  ])('refuses the unsafe manifest path %j (conformance: out-of-scope-file-paths-…)', async (target, why) => {
    const bag = writePyBag(bagDir(), { 'a.txt': 'a' });
    fs.appendFileSync(path.join(bag, 'manifest-sha256.txt'), `${'0'.repeat(64)}  ${target}\n`);
    const r = await validateBag(bag);
    expect(r.problems).toContainEqual({ path: 'manifest-sha256.txt', problem: expect.stringMatching(why) });
  });
});
