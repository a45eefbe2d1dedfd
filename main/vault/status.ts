import { latestCheckpoint } from '../custody/checkpoint-store';
import { readCustodyHead } from '../custody/log-store';
import { VAULT_FORMAT_VERSION } from './keys/header';
import type { Vault } from './vault';

/** A summary of a vault, cheap to compute whatever its size (no full scans of the log). */
interface VaultStatus {
  vaultId: string;
  formatVersion: number;
  schemaVersion: number;
  member: { id: string; name: string; publicKey: string };
  counts: { members: number; items: number; objects: number; bytes: number; checkpoints: number };
  custody: { size: number; root: string; lastHash: string };
  latestCheckpoint: { size: number; root: string; createdAt: string } | null;
}

/** Reads the vault's counts, versions and custody head. */
export function vaultStatus(vault: Vault): VaultStatus {
  const db = vault.db;
  const count = (sql: string): number => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  const head = readCustodyHead(db);
  const checkpoint = latestCheckpoint(db);
  return {
    vaultId: vault.vaultId,
    formatVersion: VAULT_FORMAT_VERSION,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    member: { id: vault.member.id, name: vault.member.name, publicKey: vault.member.publicKeyHex },
    counts: {
      members: count('SELECT count(*) FROM members WHERE removed_at IS NULL'),
      items: count('SELECT count(*) FROM items'),
      objects: count('SELECT count(*) FROM objects'),
      bytes: count('SELECT coalesce(sum(size), 0) FROM objects'),
      checkpoints: count('SELECT count(*) FROM checkpoints'),
    },
    custody: { size: head.size, root: head.frontier.root().toString('hex'), lastHash: head.lastHash },
    latestCheckpoint: checkpoint
      ? { size: checkpoint.size, root: checkpoint.root, createdAt: checkpoint.createdAt }
      : null,
  };
}
