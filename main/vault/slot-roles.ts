/**
 * Which key slot is whose (DESIGN §2). From vault.json format 2 on, the slots in vault.json
 * are all alike (no member id, no kind, a random order, a recovery slot carrying random bytes
 * where a passphrase slot carries the sealed signing key), so their roles live in the
 * encrypted database's key_slots table. Every write of vault.json goes through the atomic
 * header change (header-change.ts), and the roles are set in the same database transaction
 * that names the new header: a crash leaves the old header with the old roles or the new
 * header with the new ones.
 */
import { VigilError } from '../../shared/errors';
import type { CustodyRecord } from '../custody/log-store';
import type { Db, ReadDb } from './database';
import { commitHeaderChange, currentHeader } from './header-change';
import { VAULT_FORMAT_VERSION, type KeySlot, type SlotRole, type VaultHeader } from './keys/header';
import { migration0090KeySlots } from './migrations/0090-key-slots';
import type { Vault } from './vault';

/** A header to be written: the vault id and every slot with its role. */
export interface SlotsChange {
  vaultId: string;
  slots: KeySlot[];
}

/** Makes key_slots hold exactly the roles of `slots` (inside the caller's transaction). */
function setSlotRoles(db: Db, slots: KeySlot[]): void {
  const upsert = db.prepare(
    'INSERT INTO key_slots (slot_id, member_id, kind) VALUES (?, ?, ?) ON CONFLICT (slot_id) DO UPDATE SET ' +
      'member_id = excluded.member_id, kind = excluded.kind',
  );
  for (const s of slots) upsert.run(s.id, s.memberId, s.kind);
  const ids = new Set(slots.map((s) => s.id));
  const known = db.prepare('SELECT slot_id FROM key_slots').pluck().all() as string[];
  const remove = db.prepare('DELETE FROM key_slots WHERE slot_id = ?');
  for (const id of known) if (!ids.has(id)) remove.run(id);
}

/**
 * Creates key_slots in a database that skipped migration 0090: one made at schema 100 before
 * 0090 existed (runMigrations runs only numbers above the database's). Without the table such
 * a vault would still open, but no key-slot change could be recorded.
 */
export function ensureKeySlotsTable(db: Db): void {
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'key_slots'").get() !== undefined) return;
  db.transaction(() => migration0090KeySlots(db))();
}

/** The role of one slot as the database records it, or null. */
export function slotRole(db: ReadDb, slotId: string): SlotRole | null {
  const row = db.prepare('SELECT member_id AS memberId, kind FROM key_slots WHERE slot_id = ?').get(slotId) as
    SlotRole | undefined;
  return row ?? null;
}

/**
 * The header's slots with their roles (named by a format 1 header, else from the database); VAULT_CORRUPT for a slot
 * the database does not know.
 */
function slotsWithRoles(db: ReadDb, header: VaultHeader): KeySlot[] {
  return header.slots.map((stored) => {
    const { role: named, ...sealed } = stored;
    const role = named ?? slotRole(db, stored.id);
    if (!role) {
      throw new VigilError(
        'VAULT_CORRUPT',
        'vault.json holds a key slot the database does not know, so vault.json and vault.db do not belong ' +
          'together. Keep a copy of the folder and run "vigil verify".',
      );
    }
    return { ...sealed, kind: role.kind, memberId: role.memberId };
  });
}

/** The open vault's slots with their roles, an interrupted header change put right first. */
export async function currentSlots(vault: Vault): Promise<SlotsChange> {
  const header = await currentHeader(vault);
  return { vaultId: header.vaultId, slots: slotsWithRoles(vault.db, header) };
}

/**
 * Makes `next` the vault's header (written in the current format) together with `change` and
 * the slots' roles, as one atomic step (commitHeaderChange).
 */
export function commitSlots<T>(
  vault: Vault,
  next: SlotsChange,
  change: (db: Db) => { result: T; custody: CustodyRecord },
): Promise<T> {
  return commitHeaderChange(vault, next, (db) => {
    const made = change(db);
    // After `change`, which may add the member a new slot belongs to (key_slots refers to members).
    setSlotRoles(db, next.slots);
    return made;
  });
}

/**
 * Rewrites an older vault.json in the current format, recorded like any key-slot change (the
 * log names the new header). Only a member who can sign does it: after a recovery-code unlock
 * the passphrase change that must follow writes the current format anyway.
 */
export async function upgradeHeader(vault: Vault, header: VaultHeader): Promise<boolean> {
  if (header.version >= VAULT_FORMAT_VERSION || vault.needsNewPassphrase) return false;
  const slots = slotsWithRoles(vault.db, header);
  const data = { fromVersion: header.version, formatVersion: VAULT_FORMAT_VERSION };
  await commitSlots(vault, { vaultId: header.vaultId, slots }, () => ({
    result: null,
    custody: { action: 'vault.header_upgraded', subject: header.vaultId, hash: null, data },
  }));
  return true;
}
