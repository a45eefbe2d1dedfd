import type { Db, ReadDb } from './database';
import type { VaultMember } from './vault';

/** A member row as stored. */
interface MemberRow extends VaultMember {
  createdAt: string;
  removedAt: string | null;
}

/** Inserts a member and records their first signing key (introduced by custody entry `seq`). */
export function insertMember(db: Db, member: VaultMember, seq: number): void {
  const now = new Date().toISOString();
  db.prepare('INSERT INTO members (id, name, public_key, created_at) VALUES (?, ?, ?, ?)').run(
    member.id,
    member.name,
    member.publicKeyHex,
    now,
  );
  db.prepare('INSERT INTO member_keys (public_key, member_id, added_seq) VALUES (?, ?, ?)').run(
    member.publicKeyHex,
    member.id,
    seq,
  );
}

/** Replaces a member's signing key, keeping the old one on record as retired at `seq`. */
export function rotateMemberKey(db: Db, memberId: string, oldKeyHex: string, newKeyHex: string, seq: number): void {
  db.prepare('UPDATE member_keys SET retired_seq = ? WHERE public_key = ? AND retired_seq IS NULL').run(seq, oldKeyHex);
  db.prepare('INSERT INTO member_keys (public_key, member_id, added_seq) VALUES (?, ?, ?)').run(
    newKeyHex,
    memberId,
    seq,
  );
  db.prepare('UPDATE members SET public_key = ? WHERE id = ?').run(newKeyHex, memberId);
}

/** Marks a member removed and retires their key. */
export function markMemberRemoved(db: Db, memberId: string, keyHex: string, seq: number): void {
  db.prepare('UPDATE members SET removed_at = ? WHERE id = ?').run(new Date().toISOString(), memberId);
  db.prepare('UPDATE member_keys SET retired_seq = ? WHERE public_key = ? AND retired_seq IS NULL').run(seq, keyHex);
}

/** One member by id, or null. */
export function getMember(db: ReadDb, id: string): MemberRow | null {
  const row = db
    .prepare(
      'SELECT id, name, public_key AS publicKeyHex, created_at AS createdAt, removed_at AS removedAt FROM ' +
        'members WHERE id = ?',
    )
    .get(id) as MemberRow | undefined;
  return row ?? null;
}

/** Every member, oldest first. */
export function listMembers(db: ReadDb): MemberRow[] {
  return db
    .prepare(
      'SELECT id, name, public_key AS publicKeyHex, created_at AS createdAt, removed_at AS removedAt FROM ' +
        'members ORDER BY created_at, id',
    )
    .all() as MemberRow[];
}

/** Every signing key ever used, with the member's name, for readable custody reports. */
export function keyDirectory(db: ReadDb): Map<string, { memberId: string; name: string }> {
  const rows = db
    .prepare(
      'SELECT k.public_key AS key, m.id AS memberId, m.name AS name FROM member_keys k JOIN members m ON m.id ' +
        '= k.member_id',
    )
    .all() as { key: string; memberId: string; name: string }[];
  return new Map(rows.map((r) => [r.key, { memberId: r.memberId, name: r.name }]));
}
