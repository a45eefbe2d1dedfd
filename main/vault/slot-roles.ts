/**
 * Which key slot is whose (DESIGN §2). From vault.json format 2 on, the slots in
 * vault.json are all alike (no member id, no kind, a random order, a recovery
 * slot carrying random bytes where a passphrase slot carries the sealed signing
 * key), so their roles live in the encrypted database's key_slots table. Roles
 * are written before vault.json names a slot and forgotten only after it no
 * longer does, so a crash in between never leaves a slot without its role.
 */
import { VigilError } from '../../shared/errors';
import type { Db, ReadDb } from './database';
import { readVaultHeader, VAULT_FORMAT_VERSION, writeVaultHeader, type KeySlot, type SlotRole, type VaultHeader } from './keys/header';
import type { Vault } from './vault';

/** Records (or updates) the role of each slot. */
export function recordSlotRoles(db: Db, slots: KeySlot[]): void {
  const upsert = db.prepare('INSERT INTO key_slots (slot_id, member_id, kind) VALUES (?, ?, ?) ON CONFLICT (slot_id) DO UPDATE SET member_id = excluded.member_id, kind = excluded.kind');
  db.transaction(() => {
    for (const s of slots) upsert.run(s.id, s.memberId, s.kind);
  })();
}

/** Forgets the roles of slots that vault.json no longer holds. */
function forgetOtherRoles(db: Db, keep: KeySlot[]): void {
  const ids = new Set(keep.map((s) => s.id));
  const known = db.prepare('SELECT slot_id FROM key_slots').pluck().all() as string[];
  const remove = db.prepare('DELETE FROM key_slots WHERE slot_id = ?');
  db.transaction(() => {
    for (const id of known) if (!ids.has(id)) remove.run(id);
  })();
}

/** The role of one slot as the database records it, or null. */
export function slotRole(db: ReadDb, slotId: string): SlotRole | null {
  const row = db.prepare('SELECT member_id AS memberId, kind FROM key_slots WHERE slot_id = ?').get(slotId) as SlotRole | undefined;
  return row ?? null;
}

/** The header's slots with their roles (named by a format 1 header, else from the database); VAULT_CORRUPT for a slot the database does not know. */
export function slotsWithRoles(db: ReadDb, header: VaultHeader): KeySlot[] {
  return header.slots.map((stored) => {
    const { role: named, ...sealed } = stored;
    const role = named ?? slotRole(db, stored.id);
    if (!role) {
      throw new VigilError('VAULT_CORRUPT', 'vault.json holds a key slot the database does not know, so vault.json and vault.db do not belong together. Keep a copy of the folder and restore the matching files from a backup.');
    }
    return { ...sealed, kind: role.kind, memberId: role.memberId };
  });
}

/** The open vault's slots with their roles. */
export async function readVaultSlots(vault: Vault): Promise<{ vaultId: string; slots: KeySlot[] }> {
  const header = await readVaultHeader(vault.dir);
  return { vaultId: header.vaultId, slots: slotsWithRoles(vault.db, header) };
}

/** Writes vault.json with exactly these slots: their roles into the database first, then the file, then stale roles go. */
export async function writeSlots(dir: string, db: Db, header: { vaultId: string; slots: KeySlot[] }): Promise<void> {
  recordSlotRoles(db, header.slots);
  await writeVaultHeader(dir, header);
  forgetOtherRoles(db, header.slots);
}

/** writeSlots for an open vault. */
export function writeVaultSlots(vault: Vault, header: { vaultId: string; slots: KeySlot[] }): Promise<void> {
  return writeSlots(vault.dir, vault.db, header);
}

/** Rewrites an older vault.json in the current format (on unlock), its roles kept in the database; a current one is left alone. */
export async function upgradeHeader(dir: string, db: Db, header: VaultHeader): Promise<void> {
  if (header.version >= VAULT_FORMAT_VERSION) return;
  await writeSlots(dir, db, { vaultId: header.vaultId, slots: slotsWithRoles(db, header) });
}
