/**
 * The whole workflow in one test, as a new user does it from an empty folder: create a vault, a case,
 * people, an interview with a recording and a transcript, documents, timeline and requests; the overview
 * counts the days without contact; search lands on a document; the export opens and verifies with the
 * real age, tar, minisign and sha256sum (its signer checked against the vault's own key as `vigil identity`
 * prints it once the vault is locked); custody Verify holds; lock, unlock, and the case is still there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { hasTool } from '../../helpers/tools';
import { E2E_PASSPHRASE, expect, test } from '../fixtures';
import type { LaunchedApp } from '../harness';
import { identityOf, pageRequest } from '../outside';
import { makePdf } from '../media';
import { CasesPage } from '../pages/cases-page';
import { CustodyPage } from '../pages/custody-page';
import { ExportPage } from '../pages/export-page';
import { InterviewsPage, writeSilentWav } from '../pages/interviews-page';
import { ItemsPage } from '../pages/items-page';
import { PeoplePage } from '../pages/people-page';
import { RequestsPage } from '../pages/requests-page';
import { SearchPage } from '../pages/search-page';
import { TimelinePage } from '../pages/timeline-page';
import { UnlockPage } from '../pages/unlock-page';

const CASE = 'Disappearance of a village teacher (journey)';
/** A word that appears only in the text document, so search has exactly one place to land. */
const WORD = 'Zarichkovo';
const RECIPIENT = 'Regional Prosecutor (journey)';
const SRT =
  '1\n00:00:01,000 --> 00:00:04,000\nInterviewer: When did you last hear from him?\n\n2\n00:00:05,000 --> ' +
  '00:00:09,000\nR-001: On the phone, the evening before the search.\n';
const TOOLS = ['age', 'age-keygen', 'minisign', 'sha256sum', 'tar'];

/** The date `days` days before today (UTC), as YYYY-MM-DD: the incommunicado count is then known exactly. */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

const ARREST = daysAgo(40);
const CONTACT_LOST = daysAgo(30);

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout + r.stderr;
}

async function createCaseWithPeople(page: Page): Promise<void> {
  const cases = new CasesPage(page);
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  await cases.createCase({
    title: CASE,
    reference: 'J-2026-001',
    summary: 'Taken from the school at noon; the family has had no word since.',
  });
  await cases.openCase(CASE);
  await expect(page.getByText('No detainee yet')).toBeVisible();

  const people = new PeoplePage(page);
  await people.open();
  await people.addPerson({
    name: 'Taras Hnatiuk (fictional)',
    role: 'Detainee',
    shareWith: 'UN WGAD',
    consentDate: daysAgo(20),
    consentMethod: 'through the lawyer',
  });
  await expect(people.row('D-001')).toContainText('Detainee');
  await expect(people.row('D-001')).toContainText('Hidden');
  await expect(people.row('D-001')).toContainText(`Given ${daysAgo(20)}, through the lawyer`);
  await people.addPerson({ name: 'Olena Hnatiuk (fictional)', role: 'Relative', contact: 'via the neighbour' });
  await expect(people.row('R-001')).toContainText('Relative');
  await expect(people.table().getByRole('row')).toHaveCount(3);
}

async function interviewWithRecordingAndTranscript(app: LaunchedApp, files: string): Promise<void> {
  const { page } = app;
  const interviews = new InterviewsPage(page);
  await interviews.open();
  await interviews.create('R-001', daysAgo(10), 'uk');
  await expect(page.getByRole('heading', { name: 'Interview with R-001' })).toBeVisible();

  const wav = path.join(files, 'mother-interview.wav');
  writeSilentWav(wav, 12);
  app.core.dialogs.nextOpenFiles = [wav];
  await page.getByRole('button', { name: 'Add a recording file…' }).click();
  await expect.poll(() => interviews.playerDuration()).toBeCloseTo(12, 0);

  const srt = path.join(files, 'mother-interview.srt');
  fs.writeFileSync(srt, SRT);
  app.core.dialogs.nextOpenFiles = [srt];
  await page.getByRole('button', { name: 'Import transcript…' }).click();
  await expect(page.getByText('Revision 1 · 2 segments')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Speaker of segment 2', exact: true })).toHaveValue('R-001');
  await interviews.playSegment(2);
  await expect.poll(() => interviews.playerTime()).toBeCloseTo(5, 1);
}

async function addDocuments(app: LaunchedApp, files: string): Promise<void> {
  const { page } = app;
  const text = path.join(files, 'neighbour-statement.txt');
  const pdf = path.join(files, 'refusal-letter.pdf');
  fs.writeFileSync(text, `Statement of a neighbour (fictional)\n\nThe car drove off towards ${WORD} at about noon.\n`);
  fs.writeFileSync(
    pdf,
    makePdf(['District police (fictional)', 'Reply to the family', 'No information can be given.']),
  );
  const items = new ItemsPage(page);
  await page.getByRole('tab', { name: 'Items' }).click();
  await expect(items.list()).toBeVisible();
  app.core.dialogs.nextOpenFiles = [text, pdf];
  await items.addFiles();
  await expect(page.getByText('Files added and encrypted in the vault: 2.')).toBeVisible();
  await expect(items.row('neighbour-statement.txt')).toBeVisible();
  await expect(items.row('refusal-letter.pdf')).toBeVisible();
  // The interview's recording is an item of the case too.
  await expect(items.row('mother-interview.wav')).toBeVisible();
  await expect(items.list().getByRole('listitem')).toHaveCount(3);
  await items.row('refusal-letter.pdf').click();
  await expect(items.detail().getByText('Page 1 of 1')).toBeVisible();
}

async function timelineAndRequests(page: Page): Promise<void> {
  const timeline = new TimelinePage(page);
  await timeline.open();
  await timeline.addEvent({
    type: 'Arrest',
    date: ARREST,
    place: 'District Police Station No. 4 (fictional)',
    placeType: 'police station',
    region: 'Western Region (fictional)',
    description: 'Taken from the school by three men in plain clothes.',
  });
  await timeline.addEvent({
    type: 'Contact lost',
    date: CONTACT_LOST,
    description: 'The lawyer is told he is no longer held there.',
  });
  await expect(timeline.table().getByRole('row')).toHaveCount(3);
  await expect(timeline.rows('Taken from the school')).toContainText('D-001');
  await expect(timeline.rows('no longer held there')).toContainText('Contact lost');

  const requests = new RequestsPage(page);
  await requests.open();
  await requests.add({
    date: daysAgo(25),
    recipient: RECIPIENT,
    by: 'R-001',
    channel: 'registered letter',
    about: 'Where is my son held?',
  });
  await expect.poll(() => requests.readCounts()).toEqual({ total: 1, unanswered: 1 });
  await requests.answer(daysAgo(25), RECIPIENT, {
    date: daysAgo(15),
    kind: 'Denial',
    note: 'The information is not disclosed.',
  });
  await expect.poll(() => requests.readCounts()).toEqual({ total: 1, unanswered: 0 });
  await expect(requests.table().getByRole('row').filter({ hasText: RECIPIENT })).toContainText('Denial');
}

async function overviewCountsDays(app: LaunchedApp): Promise<void> {
  const { page } = app;
  await page.getByRole('tab', { name: 'Overview' }).click();
  const card = page.getByRole('region', { name: 'Detainee D-001' });
  await expect(card).toContainText('Name hidden');
  await expect(page.getByTestId('days-without-contact')).toHaveText('30');
  await expect(page.getByRole('region', { name: 'Days without contact' })).toContainText(
    `Contact lost since ${CONTACT_LOST}`,
  );
  await expect(page.getByRole('img', { name: /Incommunicado timeline from/ })).toHaveAttribute(
    'aria-label',
    /days without contact so far: 30/,
  );
  const requests = page.getByRole('region', { name: 'Requests for information' });
  await expect(requests).toContainText('1');
  await expect(card).toContainText(`Latest event: Contact lost, ${CONTACT_LOST}`);
  // The figure the screen shows is the core's own.
  const caseId = await caseIdOf(app);
  const overview = await pageRequest(page, 'cases:overview', { id: caseId });
  expect(overview.detainees[0]?.incommunicado.periods.find((p) => p.open)?.days).toBe(30);
}

async function caseIdOf(app: LaunchedApp): Promise<string> {
  const found = (await pageRequest(app.page, 'cases:list', {})).find((c) => c.title === CASE);
  if (found === undefined) throw new Error('the journey case is not in the vault');
  return found.id;
}

async function searchLandsOnItem(page: Page): Promise<void> {
  const search = new SearchPage(page);
  await search.goto();
  await search.search(WORD.toLowerCase());
  const hit = search.result('neighbour-statement.txt');
  await expect(hit).toBeVisible();
  await expect(search.results().getByRole('listitem')).toHaveCount(1);
  await expect(hit.locator('mark').first()).toHaveText(new RegExp(WORD, 'i'));
  await hit.getByRole('button').click();
  await expect(page.getByRole('heading', { name: CASE, level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Items', selected: true })).toBeVisible();
  const items = new ItemsPage(page);
  await expect(items.row('neighbour-statement.txt')).toHaveAttribute('aria-current', 'true');
  await expect(items.detail().getByTestId('item-text')).toContainText(`towards ${WORD}`);
}

/** The journey case exported to a fresh age key through the wizard; returns what the result screen showed. */
async function exportThroughWizard(
  app: LaunchedApp,
  dir: string,
  recipient: string,
): Promise<{ sha256: string; signer: string }> {
  const wizard = new ExportPage(app);
  await wizard.open(CASE);
  await expect(wizard.step('Items')).toBeVisible();
  await app.page.getByRole('radio', { name: /The whole case/ }).check();
  await wizard.next();
  await expect(app.page.getByRole('radio', { name: 'Protected (recommended)' })).toBeChecked();
  await wizard.next();
  await wizard.sealToKeys([recipient]);
  await wizard.next();
  const preview = wizard.step('Preview');
  await expect(preview.getByText(/data\/VERIFY\.txt$/)).toBeVisible();
  await expect(preview.getByText(/data\/items\/001(\.\w+)?$/)).toBeVisible();
  await expect(preview.getByText(recipient)).toBeVisible();
  await wizard.next();
  await expect(wizard.step('Export')).toBeVisible();
  await wizard.exportTo(path.join(dir, 'journey.tar.age'));
  return wizard.result();
}

/** Decrypts, unpacks and checks the package with the real tools, as its recipient would; returns the bag folder. */
function checkPackageWithTools(dir: string): string {
  run('age', ['-d', '-i', 'key.txt', '-o', 'p.tar', 'journey.tar.age'], dir);
  const into = path.join(dir, 'opened');
  fs.mkdirSync(into);
  run('tar', ['-xf', path.join(dir, 'p.tar')], into);
  const [bag] = fs.readdirSync(into).filter((n) => n.startsWith('vigil-'));
  if (bag === undefined) throw new Error('no bag folder in the package');
  const bagDir = path.join(into, bag);
  const checked = run('sha256sum', ['-c', 'manifest-sha256.txt'], bagDir);
  expect(checked).not.toContain('FAILED');
  // Three items (the recording and two documents); the text document left the vault intact.
  const itemFiles = fs.readdirSync(path.join(bagDir, 'data', 'items'));
  expect(itemFiles).toHaveLength(3);
  const texts = itemFiles.map((f) => fs.readFileSync(path.join(bagDir, 'data', 'items', f)).toString('latin1'));
  expect(texts.some((t) => t.includes(`towards ${WORD}`))).toBe(true);
  return bagDir;
}

/** What the export left to check against the vault's own key once it is locked. */
interface Exported {
  bagDir: string;
  /** The signer's fingerprint the result screen showed. */
  signer: string;
}

async function exportAndVerify(app: LaunchedApp, files: string): Promise<Exported> {
  const dir = path.join(files, 'export');
  fs.mkdirSync(dir);
  run('age-keygen', ['-o', 'key.txt'], dir);
  const recipient = /# public key: (age1[0-9a-z]+)/.exec(fs.readFileSync(path.join(dir, 'key.txt'), 'utf8'))?.[1] ?? '';
  expect(recipient).not.toBe('');

  const shown = await exportThroughWizard(app, dir, recipient);
  expect(shown.sha256).toBe(run('sha256sum', ['journey.tar.age'], dir).split(' ')[0]);
  expect(fs.existsSync(path.join(dir, 'journey.receipt.txt'))).toBe(true);
  return { bagDir: checkPackageWithTools(dir), signer: shown.signer };
}

/**
 * The package was signed with the vault member's own key: the one `vigil identity` prints from the locked vault
 * folder is the one the result screen named, the one VERIFY.txt gives, and the one minisign checks the bag with.
 */
function signedByTheMember(vaultDir: string, exported: Exported): void {
  const identity = identityOf(vaultDir, E2E_PASSPHRASE);
  const signerKeyLine = identity.minisignPublicKey.trim().split('\n').at(-1) ?? '';
  expect(exported.signer).toBe(identity.fingerprints.minisign);
  const { bagDir } = exported;
  expect(fs.readFileSync(path.join(bagDir, 'data', 'VERIFY.txt'), 'utf8')).toContain(signerKeyLine);
  expect(
    run(
      'minisign',
      ['-Vm', 'tagmanifest-sha512.txt', '-x', 'tagmanifest-sha512.txt.minisig', '-P', signerKeyLine],
      bagDir,
    ),
  ).toContain('Signature and comment signature verified');
}

async function custodyHolds(page: Page, exported: boolean): Promise<void> {
  const custody = new CustodyPage(page);
  await custody.goto();
  const newest = custody.log().getByRole('listitem').first();
  if (exported) await expect(newest).toContainText(`exported a sealed package of the case “${CASE}” (3 items)`);
  else await expect(newest).toContainText('Journey Investigator');
  const report = await custody.verify();
  await expect(report).toContainText('Everything holds');
  await expect(custody.findings(report).filter({ hasText: 'Failed' })).toHaveCount(0);
}

async function lockAndUnlock(app: LaunchedApp, vaultDir: string, exported: Exported | null): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('form', { name: 'Unlock a vault' })).toBeVisible();
  expect(await pageRequest(page, 'vault:state', {})).toMatchObject({ unlocked: false });
  await expect(page.getByText(CASE)).toHaveCount(0);
  // Locked, the folder is free for the CLI (it holds vault.lock while the app has the vault open).
  if (exported !== null) signedByTheMember(vaultDir, exported);

  await new UnlockPage(page).unlock(vaultDir, E2E_PASSPHRASE);
  await expect(page.getByText('Signed in as Journey Investigator')).toBeVisible();
  const cases = new CasesPage(page);
  await cases.goto();
  await expect(cases.openButton(CASE)).toContainText('J-2026-001');
  await cases.openCase(CASE);
  await expect(page.getByTestId('days-without-contact')).toHaveText('30');
  const people = new PeoplePage(page);
  await people.open();
  await expect(people.table().getByRole('row')).toHaveCount(3);
}

test(
  'a new user does the whole workflow from an empty folder, ' + 'and the exported package verifies with the real tools',
  async ({ app, vaultDir }) => {
    test.setTimeout(180_000);
    const { page } = app;
    const files = path.dirname(vaultDir);
    const tools = TOOLS.every((t) => hasTool(t));
    let exported: Exported | null = null;

    await test.step('create a vault', async () => {
      const code = await new UnlockPage(page).createVault('Journey Investigator', E2E_PASSPHRASE);
      expect(code).toMatch(/^[0-9A-Z-]{20,}$/);
      await expect(page.getByText('Signed in as Journey Investigator')).toBeVisible();
    });
    await test.step('create a case and add the detainee and a relative', () => createCaseWithPeople(page));
    await test.step('interview the relative: recording and transcript', () =>
      interviewWithRecordingAndTranscript(app, files));
    await test.step('add two documents through the Items tab', () => addDocuments(app, files));
    await test.step('timeline events and a denied request', () => timelineAndRequests(page));
    await test.step('the overview shows the days without contact', () => overviewCountsDays(app));
    await test.step('search finds the distinctive word and lands on the item', () => searchLandsOnItem(page));
    await test.step('export to an age key and verify the package with age, tar, minisign and sha256sum', async () => {
      if (!tools) {
        test.info().annotations.push({
          type: 'not checked',
          description: `export not run: one of ${TOOLS.join(', ')} is not installed`,
        });
        return;
      }
      exported = await exportAndVerify(app, files);
    });
    await test.step('custody: Verify says everything holds', () => custodyHolds(page, tools));
    await test.step("lock (the package's signer is the vault's own key), unlock with the passphrase, and the case is still there", () =>
      lockAndUnlock(app, vaultDir, exported));
  },
);
