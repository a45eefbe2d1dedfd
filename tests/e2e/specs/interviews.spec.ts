import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectNoSeriousA11yViolations } from '../a11y';
import { CasesPage } from '../pages/cases-page';
import { InterviewsPage, writeSilentWav } from '../pages/interviews-page';
import { saveScreenshot } from '../screenshots';
import { expect, test } from '../fixtures';

const SRT =
  '1\n00:00:01,000 --> 00:00:04,000\nInterviewer: Where were you held together?\n\n2\n00:00:05,000 --> ' +
  '00:00:09,500\nW-001: In cell 14 of the pre-trial centre, in March.\n';

test.describe('interviews', () => {
  test(
    'a new interview: attach a WAV recording, import an SRT, ' + 'click a segment and the player seeks to its start',
    async ({ app, demo, vaultDir }) => {
      const { page } = app;
      expect(demo.counts.interviews).toBe(2);
      await new CasesPage(page).openCase('Incommunicado detention');
      const interviews = new InterviewsPage(page);
      await interviews.open();
      await expect(interviews.table().getByRole('row')).toHaveCount(1 + demo.counts.interviews);
      await expectNoSeriousA11yViolations(page, 'interviews list');

      await interviews.create('W-001', '2026-04-02', 'uk');
      await expect(page.getByRole('heading', { name: 'Interview with W-001' })).toBeVisible();
      await expect(page.getByText('No recording is attached to this interview.')).toBeVisible();

      const files = path.dirname(vaultDir);
      const wav = path.join(files, 'cellmate-interview.wav');
      writeSilentWav(wav, 12);
      app.core.dialogs.nextOpenFiles = [wav];
      await page.getByRole('button', { name: 'Add a recording file…' }).click();
      await expect(interviews.player()).toHaveCount(1);
      await expect.poll(() => interviews.playerDuration()).toBeCloseTo(12, 0);

      const srt = path.join(files, 'cellmate.srt');
      writeFileSync(srt, SRT);
      app.core.dialogs.nextOpenFiles = [srt];
      await page.getByRole('button', { name: 'Import transcript…' }).click();
      await expect(page.getByText('Revision 1 · 2 segments')).toBeVisible();
      await expect(interviews.segments()).toHaveCount(2);
      await expect(page.getByRole('textbox', { name: 'Speaker of segment 2', exact: true })).toHaveValue('W-001');

      await interviews.playSegment(2);
      await expect.poll(() => interviews.playerTime()).toBeCloseTo(5, 1);
      await expect(interviews.segments().nth(1)).toHaveAttribute('aria-current', 'true');
      // Keyboard: Enter on a focused segment row seeks too.
      await interviews.segments().first().focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => interviews.playerTime()).toBeCloseTo(1, 1);
      await expectNoSeriousA11yViolations(page, 'transcript editor');
    },
  );

  test(
    'demo interview: segments show, the recording seeks, an ' + 'edit is saved as revision 2 and the diff shows it',
    async ({ app, demo, vaultDir }) => {
      const { page } = app;
      await new CasesPage(page).openCase('Incommunicado detention');
      const interviews = new InterviewsPage(page);
      await interviews.open();
      await interviews.openInterview('R-001');
      await expect(interviews.segments()).toHaveCount(7);
      await expect(page.getByText('Revision 1 · 7 segments')).toBeVisible();

      // The demo has no recording: add a WAV to the case, then attach it from the case's items.
      const wav = path.join(path.dirname(vaultDir), 'mother-call.wav');
      writeSilentWav(wav, 30);
      app.core.dialogs.nextOpenFiles = [wav];
      await page.getByRole('button', { name: 'Add a recording file…' }).click();
      await expect(interviews.player()).toHaveCount(1);
      await expect.poll(() => interviews.playerDuration()).toBeCloseTo(30, 0);

      await interviews.playSegment(2);
      await expect.poll(() => interviews.playerTime()).toBeCloseTo(6.5, 1);
      await expect(interviews.segments().nth(1)).toHaveAttribute('aria-current', 'true');
      await interviews.scrollToTop();
      await saveScreenshot(page, 'interview-transcript');

      await interviews.editText(2, 'In November the letters stopped. The colony said he was not registered there.');
      await page
        .getByRole('textbox', { name: 'Translation of segment 2', exact: true })
        .fill('У листопаді листи припинилися.');
      await interviews.saveRevision('checked against the recording');
      await expect(page.getByText('Revision 2 · 7 segments')).toBeVisible();

      await interviews.openHistory();
      const history = page.getByRole('table', { name: 'Revisions of the transcript' });
      await expect(history.getByRole('row')).toHaveCount(3);
      await expect(history.getByRole('row').filter({ hasText: 'checked against the recording' })).toContainText(
        'Hash verified',
      );
      await expect(page.getByRole('status').filter({ hasText: 'Revision 1 → 2' })).toHaveText(
        'Revision 1 → 2: 1 changed, 0 added, 0 removed, 6 unchanged',
      );
      const diff = page.getByRole('list', { name: 'Differences from revision 1 to 2' });
      await expect(diff).toContainText('Segment 2 → 2: text, translation changed');
      await expect(diff.locator('del')).toContainText('I did not know if he was alive.');
      await expect(diff.locator('ins')).toContainText('The colony said he was not registered there.');
      await expectNoSeriousA11yViolations(page, 'revision history');
      await saveScreenshot(page, 'interview-history-diff');
      expect(demo.caseId).toBeTruthy();
    },
  );

  test('a long transcript (400 segments) is virtualized: only a window of rows is in the page', async ({
    app,
    demo,
    vaultDir,
  }) => {
    const { page } = app;
    await new CasesPage(page).openCase('Incommunicado detention');
    const interviews = new InterviewsPage(page);
    await interviews.open();
    await interviews.create('L-001', '2026-05', 'en');
    const cues = Array.from({ length: 400 }, (_, i) => {
      const t = (s: number): string =>
        `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')},000`;
      return `${i + 1}\n${t(i * 3)} --> ${t(i * 3 + 2)}\nL-001: Statement line ${i + 1}.\n`;
    });
    const srt = path.join(path.dirname(vaultDir), 'long.srt');
    writeFileSync(srt, cues.join('\n'));
    app.core.dialogs.nextOpenFiles = [srt];
    await page.getByRole('button', { name: 'Import transcript…' }).click();
    await expect(page.getByText('Revision 1 · 400 segments')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Text of segment 1', exact: true })).toHaveValue(
      'Statement line 1.',
    );
    const rendered = await page.getByRole('group', { name: /^Segment \d+ at / }).count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(60);
    await page.getByRole('region', { name: 'Transcript segments' }).evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(page.getByRole('textbox', { name: 'Text of segment 400', exact: true })).toHaveValue(
      'Statement line 400.',
    );
    expect(demo.counts.interviews).toBe(2);
  });
});
