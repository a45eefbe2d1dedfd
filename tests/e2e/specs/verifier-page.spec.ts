// The offline verifier page written beside every package (DESIGN §6), opened from disk in
// Chromium with all network refused: it must reach the same verdicts, in the same words, as
// `vigil verify`, and keep its memory flat on a big package.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { encodeIdentity, generateX25519Identity, parseRecipient } from '../../../main/crypto/age';
import { createDemoVault } from '../../../main/evidence/demo';
import { exportPackage } from '../../../main/packages/export/export';
import { verifyPackageFile, type PackageReport } from '../../../main/packages/verify';
import { openVault } from '../../../main/vault/open';
import { checkText } from '../../../shared/package-report-text';
import { fastKdf } from '../../helpers/kdf';
import { expectNoSeriousA11yViolations } from '../a11y';
import { corpusFixture } from '../../integration/packages/corpus-fixture';
import { buildTamperCorpus, type TamperCase } from '../../integration/packages/tamper-corpus';
import {
  closeVerifierBrowser,
  openVerifier,
  sampleMemory,
  verifyIn,
  type PageOutcome,
} from '../verifier/verifier-page';
import { bigPackage } from '../verifier/big-package';

const DEMO_PASSPHRASE = 'a demo passphrase for the verifier page';
const PACKAGE_PASSPHRASE = 'correct horse battery staple, sealed';

let dir: string;

test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-verifier-page-'));
});

test.afterAll(async () => {
  await closeVerifierBrowser();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A demo case exported for a new X25519 key and once to a passphrase; the key file is written beside. */
async function demoExports(): Promise<{ forKey: string; forPassphrase: string; identityFile: string }> {
  await createDemoVault(path.join(dir, 'demo'), DEMO_PASSPHRASE, await fastKdf());
  const vault = await openVault(path.join(dir, 'demo'), { passphrase: DEMO_PASSPHRASE });
  try {
    const caseId = (vault.db.prepare('SELECT id FROM cases LIMIT 1').get() as { id: string }).id;
    const key = generateX25519Identity();
    const identityFile = path.join(dir, 'desk-officer.key');
    fs.writeFileSync(identityFile, `# a desk officer's age key\n${key.identity}\n`);
    const forKey = path.join(dir, 'for-key.tar.age');
    const forPassphrase = path.join(dir, 'for-passphrase.tar.age');
    const r = parseRecipient(key.recipient);
    if (r.kind !== 'x25519') throw new Error('not an X25519 recipient');
    await exportPackage(vault, { caseId, profile: 'protected', output: forKey, recipients: [r.publicKey] });
    await exportPackage(vault, {
      caseId,
      profile: 'protected',
      output: forPassphrase,
      recipients: null,
      passphrase: PACKAGE_PASSPHRASE,
    });
    return { forKey, forPassphrase, identityFile };
  } finally {
    await vault.close();
  }
}

let demo: ReturnType<typeof demoExports> | null = null;

/** The demo exports, made once for the tests that use them. */
function demoOnce(): ReturnType<typeof demoExports> {
  demo ??= demoExports();
  return demo;
}

/** The failed checks as `vigil verify` words them. */
function cliFailures(r: PackageReport): string[] {
  return r.checks.filter((c) => !c.ok).map((c) => `${c.check} | ${checkText(c)}`);
}

/** The failed checks as the page shows them. */
function pageFailures(o: PageOutcome): string[] {
  return o.checks.filter((c) => c.mark === 'FAIL').map((c) => `${c.check} | ${c.text}`);
}

/** About a dozen corpus cases, spread over every kind of check. */
function dozen(cases: TamperCase[]): TamperCase[] {
  const byCheck = new Map<string, TamperCase[]>();
  for (const c of cases) byCheck.set(c.expect, [...(byCheck.get(c.expect) ?? []), c]);
  return [...byCheck.values()].flatMap((list) =>
    list.filter((_c, i) => i % Math.ceil(list.length / 2) === 0).slice(0, 2),
  );
}

test(
  'a package exported with the page beside it passes, ' + 'opened with the identity file and with the passphrase',
  async () => {
    test.setTimeout(180_000);
    const { forKey, forPassphrase, identityFile } = await demoOnce();
    const page = forKey.replace(/\.tar\.age$/, '.verify.html');
    expect(fs.existsSync(page)).toBe(true);
    expect(fs.existsSync(forPassphrase.replace(/\.tar\.age$/, '.verify.html'))).toBe(true);
    const tab = await openVerifier(page);
    await expect(tab.page.getByRole('heading', { level: 1, name: 'Verify a Vigil package' })).toBeVisible();
    const withKey = await verifyIn(tab, forKey, { identityFile });
    expect(withKey.verdict).toBe('Result: every check passed.');
    expect(new Set(withKey.checks.map((c) => c.check))).toEqual(
      new Set([
        'decrypt',
        'tar',
        'bagit',
        'signature',
        'signer-trust',
        'custody',
        'proof',
        'checkpoint',
        'consistency',
        'update',
      ]),
    );
    expect(withKey.checks.every((c) => c.mark !== 'FAIL')).toBe(true);
    await expect(tab.page.locator('#signers li')).toHaveCount(1);
    await expectNoSeriousA11yViolations(tab.page, 'the verifier page with a report');
    const withPassphrase = await verifyIn(tab, forPassphrase, { passphrase: PACKAGE_PASSPHRASE });
    expect(withPassphrase.verdict).toBe('Result: every check passed.');
    expect(tab.problems).toEqual([]);
    await tab.close();
  },
);

test('a wrong identity is told the package is not for that key', async () => {
  test.setTimeout(120_000);
  const { forKey } = await demoOnce();
  const stranger = path.join(dir, 'stranger.key');
  fs.writeFileSync(stranger, `${encodeIdentity(generateX25519Identity().secretKey)}\n`);
  const tab = await openVerifier(forKey.replace(/\.tar\.age$/, '.verify.html'));
  const r = await verifyIn(tab, forKey, { identityFile: stranger });
  expect(pageFailures(r)).toHaveLength(1);
  expect(r.checks[0]).toMatchObject({ check: 'decrypt', mark: 'FAIL' });
  expect(r.checks[0]?.text).toMatch(/cannot be opened with the given key: it was sealed for someone else/);
  expect(tab.problems).toEqual([]);
  await tab.close();
});

test('a package and identity file dropped on the page are verified', async () => {
  test.setTimeout(120_000);
  const { forKey, identityFile } = await demoOnce();
  const tab = await openVerifier(forKey.replace(/\.tar\.age$/, '.verify.html'));
  const files = { pkg: fs.readFileSync(forKey).toString('base64'), key: fs.readFileSync(identityFile, 'utf8') };
  // Written as text: this file is compiled without the DOM's types, the page has them.
  const dataTransfer = await tab.page.evaluateHandle(`(() => {
    const f = ${JSON.stringify(files)};
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(f.pkg), (c) => c.charCodeAt(0))], 'for-key.tar.age'));
    dt.items.add(new File([f.key], 'desk-officer.key'));
    return dt;
  })()`);
  await tab.page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(tab.page.locator('#chosen-package')).toContainText('for-key.tar.age');
  await expect(tab.page.locator('#chosen-identity')).toContainText('desk-officer.key');
  await tab.page.getByRole('button', { name: 'Verify' }).click();
  await expect(tab.page.locator('#verdict')).toHaveText('Result: every check passed.', { timeout: 60_000 });
  expect(tab.problems).toEqual([]);
  await tab.close();
});

test('tampered packages fail in the page with the check and reason vigil verify gives', async () => {
  test.setTimeout(300_000);
  const fixture = await corpusFixture();
  try {
    const cases = dozen(await buildTamperCorpus(fixture.pkg, fixture.dir, fixture.extras));
    expect(cases.length).toBeGreaterThanOrEqual(12);
    const tab = await openVerifier(path.resolve('out/verifier/verify.html'));
    const differ: string[] = [];
    for (const c of cases) {
      const shown = await verifyIn(tab, c.file, { identityFile: fixture.pkg.identityFile });
      const cli = await verifyPackageFile(c.file, { identities: [fixture.pkg.identity] });
      expect(cli.ok, c.name).toBe(false);
      expect(shown.verdict, c.name).toMatch(/^Result: PROBLEMS FOUND/);
      expect(shown.checks[0]?.mark, `${c.name}: failed checks come first`).toBe('FAIL');
      if (JSON.stringify(pageFailures(shown)) !== JSON.stringify(cliFailures(cli)))
        differ.push(
          `${c.name}\n  page: ${pageFailures(shown).join('\n        ')}\n  cli:  ` +
            `${cliFailures(cli).join('\n        ')}`,
        );
      if (!pageFailures(shown).some((f) => f.startsWith(`${c.expect} |`)))
        differ.push(`${c.name}: ${c.expect} did not fail`);
    }
    expect(differ).toEqual([]);
    expect(tab.problems).toEqual([]);
    await tab.close();
  } finally {
    fs.rmSync(fixture.dir, { recursive: true, force: true });
  }
});

test('a big package verifies with the page memory flat (256 MiB; 1 GiB with VIGIL_BIG=1)', async () => {
  const size = process.env['VIGIL_BIG'] === '1' ? 1024 ** 3 : 256 * 1024 ** 2;
  test.setTimeout(size > 256 * 1024 ** 2 ? 1_800_000 : 600_000);
  const big = await bigPackage(path.join(dir, 'big'), size);
  const tab = await openVerifier(big.page);
  const memory = await sampleMemory(tab.page, 250);
  const started = Date.now();
  const r = await verifyIn(
    tab,
    big.file,
    { identityFile: big.identityFile },
    size > 256 * 1024 ** 2 ? 1_700_000 : 550_000,
  );
  const seconds = (Date.now() - started) / 1000;
  const { heap, rss } = await memory.stop();
  const mib = (n: number): string => (n / 1024 ** 2).toFixed(1);
  const half = Math.floor(rss.length / 2);
  console.log(
    `verifier page: ${mib(fs.statSync(big.file).size)} MiB package in ${seconds.toFixed(1)} s; JS heap used: ` +
      `first ${mib(heap[0] ?? 0)} MiB, peak ${mib(Math.max(...heap))} MiB; ` +
      `renderer RSS: first ${mib(rss[0] ?? 0)} MiB, peak in the first half ` +
      `${mib(Math.max(...rss.slice(0, half)))} MiB, in the second half ${mib(Math.max(...rss.slice(half)))} ` +
      `MiB (${heap.length} samples)`,
  );
  expect(r.verdict).toBe('Result: every check passed.');
  expect(tab.problems).toEqual([]);
  // Flat: the heap never comes near the package's size (the plaintext is never held), and the
  // renderer does not grow as the package goes by (the second half peaks no higher than the first, give or take).
  expect(Math.max(...heap)).toBeLessThan(96 * 1024 ** 2);
  if (rss.some((n) => n > 0))
    expect(Math.max(...rss.slice(half))).toBeLessThan(Math.max(...rss.slice(0, half)) + 64 * 1024 ** 2);
  await tab.close();
});
