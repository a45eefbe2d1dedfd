/**
 * The export wizard over the demo case: preview, seal to an age key or a
 * passphrase, and the package verified with the real age, tar, minisign and
 * sha256sum against the signer's key as `vigil identity` prints it once the page has locked the
 * vault; a cancelled export leaves nothing behind. Axe on every step.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ageDecrypt } from '../../../main/crypto/age';
import { hasTool } from '../../helpers/tools';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_PASSPHRASE, expect, test } from '../fixtures';
import type { LaunchedApp } from '../harness';
import { identityOf, lockFromPage, pageRequest } from '../outside';
import { ExportPage } from '../pages/export-page';
import { saveScreenshot } from '../screenshots';

const hasTools =
  hasTool('age') && hasTool('age-keygen') && hasTool('minisign') && hasTool('sha256sum') && hasTool('tar');

/**
 * Axe (WCAG 2 A/AA) over the screen's content, the <main> region the wizard lives in, failing
 * on serious or critical violations. The navigation rail is the workspace's, checked by its own specs.
 */
async function expectNoSeriousA11yViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .include('main')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  expect(serious, `axe on ${screen}`).toEqual([]);
}

function run(cmd: string, args: string[], cwd: string, input?: Buffer): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', ...(input ? { input } : {}) });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout + r.stderr;
}

/** A work folder for the test, removed afterwards by the OS temp cleanup of the fixture's parent. */
function workDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-export-e2e-'));
}

/** The demo case's title, as the page asks for it. */
async function caseTitle(app: LaunchedApp, caseId: string): Promise<string> {
  return (await pageRequest(app.page, 'cases:get', { id: caseId })).title;
}

/**
 * The member's minisign public key file and fingerprint, as `vigil identity` prints them from the vault folder once
 * the page has locked it: the package is checked against the vault's own key, not the one it carries.
 */
async function signerAfterLock(
  app: LaunchedApp,
  vaultDir: string,
  dir: string,
): Promise<{ pubFile: string; signerFingerprint: string }> {
  await lockFromPage(app);
  const id = identityOf(vaultDir, DEMO_PASSPHRASE);
  const pubFile = path.join(dir, 'signer.pub');
  fs.writeFileSync(pubFile, id.minisignPublicKey);
  return { pubFile, signerFingerprint: id.fingerprints.minisign };
}

/**
 * Runs `whileHeld` with the core host stopped (SIGSTOP from this process, its parent, as Electron main could): what
 * the page asks meanwhile waits, in order, in the pipe to the host, which takes it up once continued.
 */
async function withHostStopped(app: LaunchedApp, whileHeld: () => Promise<void>): Promise<void> {
  const pid = app.core.pid;
  if (pid === undefined) throw new Error('the core host has no process id');
  process.kill(pid, 'SIGSTOP');
  try {
    await whileHeld();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

/** Unpacks a decrypted tar and checks the bag with minisign and sha256sum; returns the bag folder. */
function checkBag(tarFile: string, into: string, pubFile: string): string {
  fs.mkdirSync(into, { recursive: true });
  run('tar', ['-xf', tarFile], into);
  const [bag] = fs.readdirSync(into).filter((n) => n.startsWith('vigil-'));
  if (bag === undefined) throw new Error('no bag folder in the package');
  const bagDir = path.join(into, bag);
  expect(
    run('minisign', ['-Vm', 'tagmanifest-sha512.txt', '-x', 'tagmanifest-sha512.txt.minisig', '-p', pubFile], bagDir),
  ).toContain('Signature and comment signature verified');
  expect(run('sha256sum', ['-c', 'manifest-sha256.txt'], bagDir)).not.toContain('FAILED');
  expect(fs.readFileSync(path.join(bagDir, 'data', 'VERIFY.txt'), 'utf8')).toContain('HOW TO VERIFY THIS PACKAGE');
  return bagDir;
}

test('exports the demo case to an age key; the package verifies with age, tar, minisign and sha256sum', async ({
  app,
  demo,
  vaultDir,
}) => {
  test.skip(!hasTools, 'age, age-keygen, minisign, sha256sum or tar is not installed');
  const dir = workDir();
  run('age-keygen', ['-o', 'key.txt'], dir);
  const recipient = /# public key: (age1[0-9a-z]+)/.exec(fs.readFileSync(path.join(dir, 'key.txt'), 'utf8'))?.[1] ?? '';
  const wizard = new ExportPage(app);
  await wizard.open(await caseTitle(app, demo.caseId));

  await expect(wizard.step('Items')).toBeVisible();
  await expectNoSeriousA11yViolations(app.page, 'export: items');
  await app.page.getByRole('radio', { name: 'Only the items I choose' }).check();
  await expect(app.page.getByRole('group', { name: 'Items of the case' }).getByRole('checkbox')).toHaveCount(
    demo.counts.items,
  );
  await expectNoSeriousA11yViolations(app.page, 'export: chosen items');
  await app.page.getByRole('radio', { name: /The whole case/ }).check();
  await wizard.next();

  await expect(wizard.step('Profile')).toBeVisible();
  await expect(app.page.getByRole('radio', { name: 'Protected (recommended)' })).toBeChecked();
  await expectNoSeriousA11yViolations(app.page, 'export: profile');
  await wizard.next();

  await expect(wizard.step('Who can open it')).toBeVisible();
  await wizard.sealToKeys([recipient]);
  await expectNoSeriousA11yViolations(app.page, 'export: seal');
  await wizard.next();

  const preview = wizard.step('Preview');
  await expect(
    preview.getByText(/^Files in the package: \d+$/).or(preview.getByRole('region', { name: /Files in the package/ })),
  ).toBeVisible();
  await expect(preview.getByText(/data\/items\/001(\.\w+)?$/)).toBeVisible();
  await expect(preview.getByText(/data\/VERIFY\.txt$/)).toBeVisible();
  await expect(preview.getByText(/People shown by protective code only/)).toBeVisible();
  await expect(preview.getByText(recipient)).toBeVisible();
  await expectNoSeriousA11yViolations(app.page, 'export: preview');
  await saveScreenshot(app.page, 'export-preview');
  await wizard.next();

  await expect(wizard.step('Export')).toBeVisible();
  await expectNoSeriousA11yViolations(app.page, 'export: run');
  const output = path.join(dir, 'demo.tar.age');
  await wizard.exportTo(output);
  const shown = await wizard.result();
  await expectNoSeriousA11yViolations(app.page, 'export: result');
  await saveScreenshot(app.page, 'export-result');

  expect(shown.sha256).toBe(run('sha256sum', [output], dir).split(' ')[0]);
  expect(fs.existsSync(path.join(dir, 'demo.receipt.txt'))).toBe(true);
  // The offline verifier page is written beside the package and listed on the result screen.
  expect(fs.existsSync(path.join(dir, 'demo.verify.html'))).toBe(true);
  await expect(app.page.getByRole('row', { name: /Offline verifier page/ })).toContainText(
    path.join(dir, 'demo.verify.html'),
  );
  const facts = await signerAfterLock(app, vaultDir, dir);
  expect(shown.signer).toBe(facts.signerFingerprint);
  run('age', ['-d', '-i', 'key.txt', '-o', 'p.tar', output], dir);
  checkBag(path.join(dir, 'p.tar'), path.join(dir, 'bag'), facts.pubFile);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('exports to a passphrase; the package opens with it and verifies', async ({ app, demo, vaultDir }) => {
  test.skip(!hasTools, 'minisign, sha256sum or tar is not installed');
  const dir = workDir();
  const passphrase = 'lantern harbour violet seventeen orchard';
  const wizard = new ExportPage(app);
  await wizard.open(await caseTitle(app, demo.caseId));
  await wizard.next();
  await wizard.next();
  await wizard.sealToPassphrase(passphrase);
  await expect(app.page.getByText('Very strong.').or(app.page.getByText('Strong.'))).toBeVisible();
  await expectNoSeriousA11yViolations(app.page, 'export: passphrase');
  await wizard.next();
  await expect(wizard.step('Preview').getByText('Anyone who knows the package passphrase.')).toBeVisible();
  await wizard.next();
  const output = path.join(dir, 'pass.tar.age');
  await wizard.exportTo(output);
  const shown = await wizard.result();
  const facts = await signerAfterLock(app, vaultDir, dir);
  expect(shown.signer).toBe(facts.signerFingerprint);
  // age reads a passphrase only from a terminal: the project's own age decrypts here; tar, minisign and sha256sum
  // check.
  const tar = await ageDecrypt(fs.readFileSync(output), [{ kind: 'scrypt', passphrase: Buffer.from(passphrase) }]);
  fs.writeFileSync(path.join(dir, 'p.tar'), tar);
  checkBag(path.join(dir, 'p.tar'), path.join(dir, 'bag'), facts.pubFile);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a cancelled export leaves no package file', async ({ app, demo }) => {
  const dir = workDir();
  const wizard = new ExportPage(app);
  await wizard.open(await caseTitle(app, demo.caseId));
  await wizard.next();
  await wizard.next();
  await wizard.sealToKeys(['age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p']);
  await wizard.next();
  await wizard.next();
  const output = path.join(dir, 'cancelled.tar.age');
  app.core.dialogs.nextSaveFile = output;
  await app.page.getByRole('button', { name: 'Save as…' }).click();
  await expect(app.page.getByText(output)).toBeVisible();
  // The host takes up the export and its cancel together, so the Cancel click always lands mid-export: the task
  // starts as the request arrives, and the cancel that follows it in the pipe stops it before its first byte.
  await withHostStopped(app, async () => {
    await app.page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(app.page.getByText('Preparing the package…')).toBeVisible();
    await expect(app.page.getByRole('progressbar', { name: 'Export progress' })).toHaveAttribute('aria-valuenow', '0');
    await expectNoSeriousA11yViolations(app.page, 'export: running');
    await app.page.getByRole('button', { name: 'Cancel export' }).click();
  });
  await expect(app.page.getByText('The export was cancelled. No package was written.')).toBeVisible();
  expect(fs.readdirSync(dir)).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});
