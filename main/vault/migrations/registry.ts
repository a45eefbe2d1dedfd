import { VigilError } from '../../../shared/errors';
import type { Db } from '../database';
import { migration0010Initial } from './0010-initial';
import { migration0020Evidence } from './0020-evidence';
import { migration0030Recipients } from './0030-recipients';
import { migration0040Provenance } from './0040-provenance';
import { migration0050RawFileNames } from './0050-raw-file-names';
import { migration0060KnownSigners } from './0060-known-signers';
import { migration0070RecordSalts } from './0070-record-salts';
import { migration0080CrashSafety } from './0080-crash-safety';
import { migration0090KeySlots } from './0090-key-slots';
import { migration0100CheckpointTimestamps } from './0100-checkpoint-timestamps';
import { migration0120ReceivedCheckpoints } from './0120-received-checkpoints';
import { migration0130UpdatePackages } from './0130-update-packages';
import { migration0140ObjectBindings } from './0140-object-bindings';
import { migration0160RawNameSalts } from './0160-raw-name-salts';

/** One schema step: its number (rising in tens) and the function that applies it. */
export interface Migration {
  version: number;
  name: string;
  up: (db: Db) => void;
}

/** Every migration, oldest first. Add new ones at the end, in steps of 10. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial', up: migration0010Initial },
  { version: 20, name: 'evidence', up: migration0020Evidence },
  { version: 30, name: 'recipients', up: migration0030Recipients },
  { version: 40, name: 'provenance', up: migration0040Provenance },
  { version: 50, name: 'raw-file-names', up: migration0050RawFileNames },
  { version: 60, name: 'known-signers', up: migration0060KnownSigners },
  { version: 70, name: 'record-salts', up: migration0070RecordSalts },
  { version: 80, name: 'crash-safety', up: migration0080CrashSafety },
  { version: 90, name: 'key-slots', up: migration0090KeySlots },
  { version: 100, name: 'checkpoint-timestamps', up: migration0100CheckpointTimestamps },
  { version: 120, name: 'received-checkpoints', up: migration0120ReceivedCheckpoints },
  { version: 130, name: 'update-packages', up: migration0130UpdatePackages },
  { version: 140, name: 'object-bindings', up: migration0140ObjectBindings },
  { version: 160, name: 'raw-name-salts', up: migration0160RawNameSalts },
];

/** The schema version this build of Vigil writes. */
export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Checks the registry is well formed: versions rise strictly. */
export function checkRegistry(migrations: readonly Migration[]): void {
  let last = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= last) {
      throw new VigilError(
        'INTERNAL',
        `Migration ${m.name} has version ${m.version}, which does not rise after ${last}.`,
      );
    }
    last = m.version;
  }
}

/**
 * Brings the database up to date: pending migrations run in one transaction
 * and `user_version` records the result. A database written by a newer Vigil is
 * refused rather than guessed at.
 */
export function runMigrations(db: Db, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  checkRegistry(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestSchemaVersion(migrations);
  if (current > latest) {
    throw new VigilError(
      'VAULT_FROM_FUTURE',
      `This vault was written by a newer version of Vigil (schema ${current}; this version knows up to ` +
        `${latest}). Update Vigil to open it; nothing was changed.`,
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return { from: current, to: current };
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return { from: current, to: latest };
}
