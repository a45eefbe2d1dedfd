import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { CustomProfileSchema } from '../../../shared/areas/packages.contract';
import type { ItemKind } from '../../../shared/domain';
import { VigilError } from '../../../shared/errors';

/**
 * A profile read from a JSON file: what leaves the vault in a package (names: codes never names a person, consent only
 * those who consented, all everyone).
 */
export type CustomProfile = z.output<typeof CustomProfileSchema>;

/** The profile of an export: one of the two built-in names, or a custom one. */
export type ExportProfile = 'protected' | 'full' | CustomProfile;

/** The settings a profile stands for, whatever form it was given in. */
export interface ProfileSettings {
  name: string;
  kind: 'protected' | 'full' | 'custom';
  names: CustomProfile['names'];
  recordings: boolean;
  stripExif: boolean;
  contactDetails: boolean;
  /** Each item's latest redacted derivative goes in its place, when it has one. */
  useRedacted: boolean;
  kinds: ItemKind[] | null;
}

/** 'protected', 'full', or the path of a custom profile JSON file (validated). */
export async function loadProfile(nameOrPath: string): Promise<ExportProfile> {
  if (nameOrPath === 'protected' || nameOrPath === 'full') return nameOrPath;
  return readProfileFile(nameOrPath);
}

/** Reads and checks the custom profile JSON file at `nameOrPath`. */
export async function readProfileFile(nameOrPath: string): Promise<CustomProfile> {
  let text: string;
  try {
    text = await readFile(nameOrPath, 'utf8');
  } catch (cause) {
    throw new VigilError(
      'NOT_FOUND',
      `No profile "${nameOrPath}": use protected, full, or the path of a profile JSON file.`,
      { cause },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new VigilError('INVALID_INPUT', `The profile file ${nameOrPath} is not valid JSON. Fix it and try again.`, {
      cause,
    });
  }
  return parseCustomProfile(json, nameOrPath);
}

/** Checks a custom profile object; INVALID_INPUT naming the first problem. */
export function parseCustomProfile(json: unknown, where = 'the custom profile'): CustomProfile {
  const parsed = CustomProfileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    throw new VigilError(
      'INVALID_INPUT',
      `${where} is not a valid export profile${at}: ${issue?.message ?? 'invalid'}. It needs name, names ` +
        `(codes|consent|all), recordings, stripExif and contactDetails.`,
    );
  }
  const { items, useRedacted, ...rest } = parsed.data;
  // useRedacted is kept only when given, so a profile without it reads back as it was written.
  const base = useRedacted === undefined ? rest : { ...rest, useRedacted };
  return items?.kinds ? { ...base, items: { kinds: items.kinds } } : base;
}

/** The settings of a profile. */
export function profileSettings(profile: ExportProfile): ProfileSettings {
  if (profile === 'protected')
    return {
      name: 'protected',
      kind: 'protected',
      names: 'consent',
      recordings: true,
      stripExif: true,
      contactDetails: false,
      useRedacted: false,
      kinds: null,
    };
  if (profile === 'full')
    return {
      name: 'full',
      kind: 'full',
      names: 'all',
      recordings: true,
      stripExif: false,
      contactDetails: true,
      useRedacted: false,
      kinds: null,
    };
  return {
    name: profile.name,
    kind: 'custom',
    names: profile.names,
    recordings: profile.recordings,
    stripExif: profile.stripExif,
    contactDetails: profile.contactDetails,
    useRedacted: profile.useRedacted ?? false,
    kinds: profile.items?.kinds ?? null,
  };
}

/**
 * The profile report's sentence for custody entries left out because their record hashes are unsalted (see
 * custodyFiles).
 */
export function withheldEntriesChange(count: number): string {
  return (
    `${count} custody entries written before record hashes were salted were left out, with the hashes of ` +
    `transcript revisions saved before then: hashing a record with a guessed name could confirm it against them.`
  );
}

/** What the profile changed compared with the vault's own records, in words for case.json. */
export function profileChanges(
  s: ProfileSettings,
  counts: { stripped: number; leftOut: number; namingItems?: number; redacted?: number },
): string[] {
  const changes: string[] = [];
  if (s.names === 'codes')
    changes.push(
      'Every person is named by protective code only; real names and aliases were replaced by codes in all ' +
        'texts, including transcripts.',
    );
  if (s.names === 'consent')
    changes.push(
      'People who did not consent to be named appear by protective code only; their names and aliases were ' +
        'replaced by codes in all texts, including transcripts.',
    );
  if (!s.contactDetails)
    changes.push("People's contact details and internal notes, and items' acquisition notes, were left out.");
  if (s.stripExif)
    changes.push(
      `EXIF/GPS and other metadata segments were removed from ${counts.stripped} exported JPEG image(s); the ` +
        `stripped copies are recorded in the vault as derivatives of the originals.`,
    );
  if (s.useRedacted)
    changes.push(
      `${counts.redacted ?? 0} item(s) were exported as their latest redacted copy in place of the original; ` +
        `each copy is recorded in the vault as a derivative of its original, and its custody entry names the ` +
        `original's SHA-256 and what was removed.`,
    );
  if (!s.recordings) changes.push('Audio and video recordings were left out.');
  if (s.kinds) changes.push(`Only items of these kinds were exported: ${s.kinds.join(', ')}.`);
  if (counts.leftOut > 0) changes.push(`${counts.leftOut} item(s) of the case were not exported.`);
  if ((counts.namingItems ?? 0) > 0) {
    changes.push(
      `${counts.namingItems} exported item(s) name people this profile protects, in their text, file name, ` +
        `title or notes (listed by code under namesInOriginals). Originals are exported unaltered and may show ` +
        `those names; the sender checked these items and confirmed the export.`,
    );
  }
  if (changes.length === 0)
    changes.push('Nothing: names, contact details, recordings and original files are exported as recorded.');
  return changes;
}
