/**
 * The app's own settings (auto-lock time, language, last vault folder): they
 * exist before any vault is unlocked, so they live in a small JSON file in the
 * user's profile, not in a vault. No secrets ever go in it.
 *
 * Read once at start (synchronously: the window needs the language before it
 * draws), validated with the contract's schema; a file that cannot be read as
 * settings is moved aside, never deleted, and the defaults are used.
 */
import { readFileSync, renameSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { AppSettingsSchema } from '../../shared/areas/settings.contract';
import { AUTO_LOCK_DEFAULT_MINUTES } from '../../shared/areas/settings.values';
import { VigilError } from '../../shared/errors';
import { writeFileAtomic } from '../fs/atomic';

/** The app's settings. */
export type AppSettings = z.infer<typeof AppSettingsSchema>;

/** The settings of a fresh install. */
export const DEFAULT_SETTINGS: AppSettings = Object.freeze({
  autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES,
  language: null,
  lastVaultDir: null,
});

/** What reading the file found. */
interface LoadedSettings {
  settings: AppSettings;
  /** Where an unreadable file was moved to, or null. */
  keptAside: string | null;
}

/** The name an unreadable settings file is moved to, beside the original. */
function asideName(file: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return path.join(path.dirname(file), `${path.basename(file)}.unreadable-${stamp}`);
}

function parseSettings(text: string): AppSettings | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  // Fields a later version may add are ignored (zod strips them); missing fields take their defaults.
  const merged =
    typeof json === 'object' && json !== null && !Array.isArray(json) ? { ...DEFAULT_SETTINGS, ...json } : json;
  const parsed = AppSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : null;
}

/** Reads `file`; a missing file gives the defaults, an unreadable one is kept aside and gives the defaults. */
export function loadSettings(file: string): LoadedSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // Missing (first start) or not readable (permissions): defaults, and leave the file where it is.
    return { settings: { ...DEFAULT_SETTINGS }, keptAside: null };
  }
  const settings = parseSettings(text);
  if (settings !== null) return { settings, keptAside: null };
  const aside = asideName(file);
  try {
    renameSync(file, aside);
    return { settings: { ...DEFAULT_SETTINGS }, keptAside: aside };
  } catch {
    return { settings: { ...DEFAULT_SETTINGS }, keptAside: null };
  }
}

/** The settings of this installation: read at construction, written atomically on every change. */
export class SettingsStore {
  private value: AppSettings;
  private readonly loaded: LoadedSettings;
  // Writes are chained so two quick changes reach the disk in the order they were made.
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {
    this.loaded = loadSettings(file);
    this.value = this.loaded.settings;
  }

  /** The current settings (a copy). */
  current(): AppSettings {
    return { ...this.value };
  }

  /** Where an unreadable settings file found at start was moved to, or null. */
  keptAside(): string | null {
    return this.loaded.keptAside;
  }

  /** Applies `changes` (refused whole with INVALID_INPUT if any value is out of range) and saves. */
  async update(changes: Partial<AppSettings>): Promise<AppSettings> {
    const parsed = AppSettingsSchema.safeParse({ ...this.value, ...changes });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new VigilError('INVALID_INPUT', `${issue?.message ?? 'The settings are not valid'}. Nothing was changed.`);
    }
    const next = parsed.data;
    const write = this.writing.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    });
    this.writing = write.catch(() => undefined);
    await write;
    this.value = next;
    return this.current();
  }
}
