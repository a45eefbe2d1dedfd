/** The interviews tab of a case, the transcript editor and the revision history, as a person uses them. */
import { expect, type Locator, type Page } from '@playwright/test';

// Kept importable from here: specs write their recordings with it.
export { writeSilentWav } from '../../helpers/media-files';

/** Page object of the interviews tab. */
export class InterviewsPage {
  constructor(private readonly page: Page) {}

  /** Switches the open case to its Interviews tab. */
  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Interviews' }).click();
    await expect(this.page.getByRole('heading', { name: 'Interviews', level: 2 })).toBeVisible();
  }

  /** The table of interviews. */
  table(): Locator {
    return this.page.getByRole('table', { name: 'Interviews of the case' });
  }

  /** Opens the interview with the interviewee `code`. */
  async openInterview(code: string): Promise<void> {
    await this.table()
      .getByRole('button', { name: new RegExp(`^Open the interview with ${code} `) })
      .click();
    await expect(this.page.getByRole('heading', { name: `Interview with ${code}` })).toBeVisible();
  }

  /** Creates an interview with the person whose option label starts with `personLabel`, and opens it. */
  async create(personLabel: string, date: string, language: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New interview' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'New interview' });
    const select = dialog.getByRole('combobox', { name: 'Interviewee' });
    const value = await select.locator('option', { hasText: personLabel }).first().getAttribute('value');
    await select.selectOption(value ?? '');
    await dialog.getByRole('textbox', { name: 'Date' }).fill(date);
    await dialog.getByRole('combobox', { name: 'How it was held' }).selectOption({ label: 'In person' });
    await dialog.getByRole('textbox', { name: 'Language' }).fill(language);
    await dialog.getByRole('checkbox', { name: /consented/ }).check();
    await dialog.getByRole('button', { name: 'Create interview' }).click();
    await expect(dialog).toBeHidden();
  }

  /** The segment rows of the transcript. */
  segments(): Locator {
    return this.page
      .getByRole('region', { name: 'Transcript segments' })
      .getByRole('group', { name: /^Segment \d+ at / });
  }

  /** The recording player. */
  player(): Locator {
    return this.page.locator('audio, video');
  }

  /** Where the player is, in seconds. */
  async playerTime(): Promise<number> {
    return this.player().evaluate((el) => (el as unknown as { currentTime: number }).currentTime);
  }

  /** Whether the player has loaded the recording's metadata (the media URL answered with audio). */
  async playerDuration(): Promise<number> {
    return this.player().evaluate((el) => (el as unknown as { duration: number }).duration);
  }

  /** Clicks segment `n`'s play button. */
  async playSegment(n: number): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^Play segment ${n} from `) }).click();
  }

  /** Replaces the text of segment `n`. */
  async editText(n: number, text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: `Text of segment ${n}`, exact: true }).fill(text);
  }

  /** Saves the working copy as a new revision with `note`. */
  async saveRevision(note: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Save a new revision' });
    await form.getByRole('textbox', { name: 'Note for this revision' }).fill(note);
    await form.getByRole('button', { name: 'Save revision' }).click();
  }

  /** Scrolls the workspace back to the case title (for screenshots of the whole screen). */
  async scrollToTop(): Promise<void> {
    await this.page.getByRole('heading', { level: 1 }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }

  /** Switches the interview to its revision history. */
  async openHistory(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Revision history' }).click();
    await expect(this.page.getByRole('table', { name: 'Revisions of the transcript' })).toBeVisible();
  }
}
