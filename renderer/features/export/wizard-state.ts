/** The export wizard's choices, its steps, and what each step needs before Next. */
import type { Req } from '../../../shared/contract';
import { assertNever } from '../../../shared/errors';

/** A profile as the requests carry it (the contract's form). */
type ProfileChoice = Req<'packages:plan'>['profile'];

/** A custom profile's settings, as read from the file the person chose. */
type CustomProfile = Extract<ProfileChoice, { kind: 'custom' }>['profile'];

/** A profile as the wizard holds it: a custom one may have no file chosen yet. */
export type WizardProfile =
  | Exclude<ProfileChoice, { kind: 'custom' }>
  | { kind: 'custom'; file: { name: string; profile: CustomProfile } | null };

/** The profile the requests carry, or null while a custom profile has no file. */
export function requestProfile(p: WizardProfile): ProfileChoice | null {
  if (p.kind !== 'custom') return p;
  return p.file === null ? null : { kind: 'custom', profile: p.file.profile };
}

/** The steps, in order. */
export const EXPORT_STEPS = ['items', 'profile', 'seal', 'preview', 'run'] as const;
export type ExportStep = (typeof EXPORT_STEPS)[number];

/** Everything chosen so far. */
export interface ExportChoices {
  scope: 'all' | 'chosen';
  itemIds: string[];
  profile: WizardProfile;
  seal: 'recipients' | 'passphrase';
  recipientIds: string[];
  /** "age1…" keys pasted by hand, separated by commas, spaces or lines. */
  pastedKeys: string;
  passphrase: string;
  confirm: string;
  /** "I have checked these items": the sender saw the originals that name protected people and exports them anyway. */
  namesChecked: boolean;
  /**
   * An update of the last package to the same recipients instead of a full package (offered only when there is one).
   */
  update: boolean;
}

/** The choices a new wizard starts from: the whole case, the protected profile, recipients. */
export const INITIAL_CHOICES: ExportChoices = {
  scope: 'all',
  itemIds: [],
  profile: { kind: 'protected' },
  seal: 'recipients',
  recipientIds: [],
  pastedKeys: '',
  passphrase: '',
  confirm: '',
  namesChecked: false,
  update: false,
};

/**
 * The choices after a change. A confirmation of protected names holds only for
 * the items it was given for, so choosing other items or another profile withdraws it.
 */
export function withChoices(c: ExportChoices, next: Partial<ExportChoices>): ExportChoices {
  const rescoped = 'scope' in next || 'itemIds' in next || 'profile' in next;
  // An update builds on the last package to exactly these recipients: other recipients, other choice.
  const resealed = 'seal' in next || 'recipientIds' in next || 'pastedKeys' in next;
  return {
    ...c,
    ...next,
    ...(rescoped && !('namesChecked' in next) ? { namesChecked: false } : {}),
    ...(resealed && !('update' in next) ? { update: false } : {}),
  };
}

/** The pasted keys as a list. */
export function pastedKeyList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((k) => k.trim())
    .filter((k) => k !== '');
}

/** The recipients the export request carries: chosen address-book ids, then pasted keys. */
export function sealRecipients(c: ExportChoices): string[] {
  return c.seal === 'recipients' ? [...c.recipientIds, ...pastedKeyList(c.pastedKeys)] : [];
}

/** The item ids the requests carry: none means the whole case. */
export function scopeItemIds(c: ExportChoices): string[] | undefined {
  return c.scope === 'chosen' ? c.itemIds : undefined;
}

/**
 * Whether the choices of `step` allow moving on. `namesPending`: the preview is not
 * shown yet, or it lists originals that name protected people and they are not checked.
 */
export function stepReady(
  step: ExportStep,
  c: ExportChoices,
  passphraseStrong: boolean,
  namesPending = false,
): boolean {
  switch (step) {
    case 'items':
      return c.scope === 'all' || c.itemIds.length > 0;
    case 'profile':
      return requestProfile(c.profile) !== null;
    case 'seal':
      return c.seal === 'recipients' ? sealRecipients(c).length > 0 : passphraseStrong && c.passphrase === c.confirm;
    case 'preview':
      return !namesPending;
    case 'run':
      return true;
    default:
      return assertNever(step, 'export step');
  }
}
