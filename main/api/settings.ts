/**
 * What the settings channels answer: the app's own settings as the window may see them, the members and the
 * address book with fingerprints to read aloud, and the passphrase operations.
 */
import type { InterfaceSettings } from '../../shared/areas/settings.contract';
import type { ReqParsed, Res } from '../../shared/contract';
import { definedOnly } from '../evidence/validate';
import { addRecipient, listRecipients, removeRecipient, type RecipientRow } from '../packages/recipients';
import type { AppSettings, SettingsStore } from '../settings/settings-store';
import type { KdfLimits } from '../vault/keys/slots';
import type { ReadDb } from '../vault/database';
import { keyFingerprint } from '../vault/identity';
import { listMembers } from '../vault/members';
import { addMember, changePassphrase, removeMember, replaceRecoveryCode } from '../vault/passphrases';
import type { Vault } from '../vault/vault';

/** The settings the window may see: everything but the remembered vault folder (it gets a grant for that instead). */
function interfaceSettings({ autoLockMinutes, language }: AppSettings): InterfaceSettings {
  return { autoLockMinutes, language };
}

/** settings:get — the app's settings, readable while locked. */
export function settingsGet(store: SettingsStore): Res<'settings:get'> {
  return interfaceSettings(store.current());
}

/** settings:update — changes the app's settings; answers them as they now are. */
export async function settingsUpdate(
  store: SettingsStore,
  req: ReqParsed<'settings:update'>,
): Promise<Res<'settings:update'>> {
  return interfaceSettings(await store.update(definedOnly(req)));
}

/** The fingerprint of a member's signing key, as `vigil passwd list` prints it: hex in groups of four. */
export function memberFingerprint(publicKeyHex: string): string {
  return (publicKeyHex.slice(0, 32).match(/.{4}/g) ?? []).join(' ');
}

/** settings:members — every member, oldest first; `youId` marks the member who unlocked. */
export function settingsMembers(db: ReadDb, youId: string): Res<'settings:members'> {
  return listMembers(db).map((m) => ({
    id: m.id,
    name: m.name,
    fingerprint: memberFingerprint(m.publicKeyHex),
    createdAt: m.createdAt,
    removedAt: m.removedAt,
    you: m.id === youId,
  }));
}

/** The key limits of new slots: the session's when it set any (tests), else the defaults. */
type Kdf = { kdf?: KdfLimits } | Record<string, never>;

/** settings:member-add — a new member with their own passphrase, confirmed by the current one. */
export async function settingsMemberAdd(
  vault: Vault,
  req: ReqParsed<'settings:member-add'>,
  kdf: Kdf,
): Promise<Res<'settings:member-add'>> {
  const added = await addMember(vault, req.name, req.passphrase, { ...kdf, currentSecret: req.currentPassphrase });
  return { id: added.id, fingerprint: memberFingerprint(added.publicKeyHex) };
}

/** settings:member-remove — removes a member's slot and key. */
export function settingsMemberRemove(
  vault: Vault,
  req: ReqParsed<'settings:member-remove'>,
): Promise<Res<'settings:member-remove'>> {
  return removeMember(vault, req.memberId);
}

/** settings:change-passphrase — a new passphrase for the member who unlocked. */
export async function settingsChangePassphrase(
  vault: Vault,
  req: ReqParsed<'settings:change-passphrase'>,
  kdf: Kdf,
): Promise<Res<'settings:change-passphrase'>> {
  const { rotated } = await changePassphrase(vault, req.next, { ...kdf, currentSecret: req.current });
  return { rotated, needsNewPassphrase: vault.needsNewPassphrase };
}

/** settings:replace-recovery-code — a new recovery code; the old one stops working. */
export function settingsReplaceRecoveryCode(
  vault: Vault,
  req: ReqParsed<'settings:replace-recovery-code'>,
  kdf: Kdf,
): Promise<Res<'settings:replace-recovery-code'>> {
  return replaceRecoveryCode(vault, { ...kdf, currentSecret: req.currentPassphrase });
}

/** The fingerprints of a recipient's keys, as `vigil recipients` prints them. */
export function recipientFingerprints(r: RecipientRow): { age: string; minisign: string | null } {
  return {
    age: keyFingerprint(r.ageRecipient),
    minisign: r.minisignPublicKey ? keyFingerprint(r.minisignPublicKey) : null,
  };
}

/** A recipient with the fingerprint of their age key. */
function recipientView(row: RecipientRow): RecipientRow & { fingerprint: string } {
  return { ...row, fingerprint: recipientFingerprints(row).age };
}

/** settings:recipients — the address book, by name, with fingerprints. */
export function settingsRecipients(db: ReadDb): (RecipientRow & { fingerprint: string })[] {
  return listRecipients(db).map(recipientView);
}

/** settings:recipient-add — a new entry of the address book. */
export function settingsRecipientAdd(
  vault: Vault,
  req: ReqParsed<'settings:recipient-add'>,
): Res<'settings:recipient-add'> {
  const { notes, ...rest } = req;
  return recipientView(addRecipient(vault, notes === undefined ? rest : { ...rest, notes }));
}

/** settings:recipient-remove — removes an entry of the address book. */
export function settingsRecipientRemove(
  vault: Vault,
  req: ReqParsed<'settings:recipient-remove'>,
): Res<'settings:recipient-remove'> {
  removeRecipient(vault, req.id);
  return {};
}
