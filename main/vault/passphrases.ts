import { randomUUID } from 'node:crypto';
import { VigilError } from '../../shared/errors';
import { signerFromSeed } from '../custody/member-signer';
import { wipe } from '../crypto/sodium';
import { readCustodyHead } from '../custody/log-store';
import { generateSigningSeed } from './keys/derive';
import type { KeySlot } from './keys/header';
import { generateRecoveryCode } from './keys/recovery-code';
import { createPassphraseSlot, createRecoverySlot, openSlot, type KdfLimits } from './keys/slots';
import { insertMember, listMembers, markMemberRemoved, rotateMemberKey } from './members';
import { commitSlots, currentSlots, type SlotsChange } from './slot-roles';
import type { Vault } from './vault';

/** Lighter Argon2id limits, for tests only. */
interface KdfOption {
  kdf?: KdfLimits;
}

/**
 * Adds a member with their own passphrase and signing key. The member row, its custody entry
 * and the new slot in vault.json are one atomic step (commitSlots): a crash leaves
 * either all of them or none.
 */
export async function addMember(
  vault: Vault,
  name: string,
  passphrase: string,
  opts: KdfOption & { currentSecret: string },
): Promise<{ id: string; publicKeyHex: string }> {
  if (!name.trim()) throw new VigilError('INVALID_INPUT', 'The new member needs a name.');
  vault.requireSigner();
  const header = await currentSlots(vault);
  const { masterKey, signingSeed } = await openSlot(vault.vaultId, ownSlot(vault, header.slots), opts.currentSecret);
  wipe(signingSeed);
  const seed = generateSigningSeed();
  const signer = await signerFromSeed(seed);
  const id = randomUUID();
  try {
    const slot = await createPassphraseSlot({
      vaultId: vault.vaultId,
      memberId: id,
      masterKey,
      signingSeed: seed,
      passphrase,
      ...(opts.kdf ? { limits: opts.kdf } : {}),
    });
    await commitSlots(vault, { ...header, slots: [...header.slots, slot] }, (db) => {
      insertMember(db, { id, name: name.trim(), publicKeyHex: signer.publicKeyHex }, readCustodyHead(db).size);
      return {
        result: null,
        custody: {
          action: 'member.added',
          subject: id,
          hash: null,
          data: { memberId: id, publicKey: signer.publicKeyHex },
        },
      };
    });
    return { id, publicKeyHex: signer.publicKeyHex };
  } finally {
    wipe(seed, masterKey);
    signer.wipe();
  }
}

/**
 * Sets a new passphrase for the acting member: the new slot replaces the old one in the same
 * atomic step as the custody entry. After a recovery-code unlock the old signing key cannot be
 * recovered, so a new one is made and the rotation is recorded, signed by the new key.
 */
export async function changePassphrase(
  vault: Vault,
  newPassphrase: string,
  opts: KdfOption & { currentSecret: string },
): Promise<{ rotated: boolean }> {
  const header = await currentSlots(vault);
  const unlocked = await openSlot(vault.vaultId, ownSlot(vault, header.slots), opts.currentSecret);
  const rotated = vault.needsNewPassphrase;
  const seed = rotated ? generateSigningSeed() : seedOf(vault);
  const member = vault.member;
  try {
    const slot = await createPassphraseSlot({
      vaultId: vault.vaultId,
      memberId: member.id,
      masterKey: unlocked.masterKey,
      signingSeed: seed,
      passphrase: newPassphrase,
      ...(opts.kdf ? { limits: opts.kdf } : {}),
    });
    const next = {
      ...header,
      slots: [...header.slots.filter((s) => !(s.kind === 'passphrase' && s.memberId === member.id)), slot],
    };
    if (rotated) await rotateKey(vault, next, seed);
    else
      await commitSlots(vault, next, () => ({
        result: null,
        custody: { action: 'member.passphrase_changed', subject: member.id, hash: null, data: { memberId: member.id } },
      }));
    // The slot this session was unlocked with is gone: later changes in the session start from the new one.
    vault.adoptSlot(slot.id);
    return { rotated };
  } finally {
    wipe(seed, unlocked.masterKey, unlocked.signingSeed);
  }
}

/**
 * Records a recovery's new signing key (signed by it) with the header holding the new slot; undone in memory if it
 * fails.
 */
async function rotateKey(vault: Vault, next: SlotsChange, seed: Uint8Array): Promise<void> {
  const member = vault.member;
  const signer = await signerFromSeed(seed);
  const previous = member.publicKeyHex;
  vault.adoptSigner(signer, { ...member, publicKeyHex: signer.publicKeyHex });
  try {
    await commitSlots(vault, next, (db) => {
      rotateMemberKey(db, member.id, previous, signer.publicKeyHex, readCustodyHead(db).size);
      const data = {
        memberId: member.id,
        publicKey: signer.publicKeyHex,
        previousPublicKey: previous,
        reason: 'recovery',
      };
      return { result: null, custody: { action: 'member.key_rotated', subject: member.id, hash: null, data } };
    });
  } catch (err) {
    vault.adoptSigner(null, member);
    throw err;
  }
}

/**
 * Removes another member: their passphrase slots leave vault.json and their key is retired in
 * the custody log, in one atomic step. A recovery slot they held passes to the acting member,
 * so the vault never loses its recovery code.
 */
export async function removeMember(vault: Vault, memberIdOrName: string): Promise<{ id: string }> {
  const target = listMembers(vault.db).find(
    (m) => !m.removedAt && (m.id === memberIdOrName || m.name === memberIdOrName),
  );
  if (!target)
    throw new VigilError('NOT_FOUND', `No current member "${memberIdOrName}". "vigil status" lists the members.`);
  if (target.id === vault.member.id)
    throw new VigilError('INVALID_INPUT', 'You cannot remove yourself; another member must do it.');
  vault.requireSigner();
  const header = await currentSlots(vault);
  const slots: KeySlot[] = header.slots
    .filter((s) => !(s.kind === 'passphrase' && s.memberId === target.id))
    .map((s) => (s.kind === 'recovery' && s.memberId === target.id ? { ...s, memberId: vault.member.id } : s));
  await commitSlots(vault, { ...header, slots }, (db) => {
    markMemberRemoved(db, target.id, target.publicKeyHex, readCustodyHead(db).size);
    return {
      result: null,
      custody: {
        action: 'member.removed',
        subject: target.id,
        hash: null,
        data: { memberId: target.id, publicKey: target.publicKeyHex },
      },
    };
  });
  return { id: target.id };
}

/**
 * Replaces the vault's recovery code (a printed copy was seen or lost). The member
 * re-authenticates with their passphrase; every old recovery slot leaves vault.json in the
 * same atomic step that adds the new one and records the replacement.
 */
export async function replaceRecoveryCode(
  vault: Vault,
  opts: KdfOption & { currentSecret: string },
): Promise<{ recoveryCode: string }> {
  if (vault.needsNewPassphrase) {
    throw new VigilError(
      'VAULT_LOCKED',
      'The vault was unlocked with the recovery code. Set a new passphrase first, then replace the recovery code.',
    );
  }
  vault.requireSigner();
  const header = await currentSlots(vault);
  const unlocked = await openSlot(vault.vaultId, ownSlot(vault, header.slots), opts.currentSecret);
  try {
    const recoveryCode = generateRecoveryCode();
    const slot = await createRecoverySlot({
      vaultId: vault.vaultId,
      memberId: vault.member.id,
      masterKey: unlocked.masterKey,
      recoveryCode,
      ...(opts.kdf ? { limits: opts.kdf } : {}),
    });
    const member = vault.member.id;
    await commitSlots(
      vault,
      { ...header, slots: [...header.slots.filter((s) => s.kind !== 'recovery'), slot] },
      () => ({
        result: null,
        custody: { action: 'vault.recovery_code_replaced', subject: member, hash: null, data: { memberId: member } },
      }),
    );
    return { recoveryCode };
  } finally {
    wipe(unlocked.masterKey, unlocked.signingSeed);
  }
}

function seedOf(vault: Vault): Uint8Array {
  // libsodium's 64-byte Ed25519 secret key is the 32-byte seed followed by the public key.
  return vault.requireSigner().keyPair().secretKey.slice(0, 32);
}

/** The slot this session was unlocked with: re-opening it re-authenticates the member and yields the master key. */
function ownSlot(vault: Vault, slots: KeySlot[]): KeySlot {
  const own = slots.find((s) => s.id === vault.slotId);
  if (!own)
    throw new VigilError(
      'VAULT_CORRUPT',
      'The key slot used to unlock is no longer in vault.json. Lock and unlock again.',
    );
  return own;
}
