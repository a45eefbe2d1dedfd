import { afterEach, describe, expect, it } from 'vitest';
import { settingsMembers, settingsRecipients } from '../../../main/api/settings';
import { iterateStoredEntries, readCustodyHead } from '../../../main/custody/log-store';
import { custodyPage } from '../../../main/api/custody-view';
import { recordProblems } from '../../../main/evidence/verify-records';
import { transcriptProblems } from '../../../main/evidence/verify-evidence';
import { integrityProblems, readOnly, type ReadDb } from '../../../main/vault/database';
import type { Vault } from '../../../main/vault/vault';
import { newTestVault } from '../../helpers/vault';

let vault: Vault | undefined;
afterEach(async () => {
  await vault?.close();
  vault = undefined;
});

async function reader(): Promise<{ db: ReadDb; vault: Vault }> {
  ({ vault } = await newTestVault());
  return { db: readOnly(vault.db), vault };
}

describe('vault/database ReadDb: a reader cannot write', () => {
  it('neither compiles a write nor runs one', async () => {
    const { db, vault: v } = await reader();
    const count = (): number =>
      v.db.prepare('SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM meta)').pluck().get() as number;
    const before = count();
    // @ts-expect-error a reader's statement has no run()
    expect(() => db.prepare("INSERT INTO members (id) VALUES ('x')").run()).toThrow(/prepared a statement that writes/);
    // @ts-expect-error nor does a toggled one
    expect(() => db.prepare('DELETE FROM members').pluck().run()).toThrow(/prepared a statement that writes/);
    // @ts-expect-error a pragma that sets a value is a write
    expect(() => db.pragma('foreign_keys = OFF')).toThrow(/set a pragma/);
    // @ts-expect-error no exec, no transactions
    expect(db.exec).toBeUndefined();
    // A write shaped as a read (get() of INSERT … RETURNING) compiles, and is refused when run.
    expect(() => db.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v') RETURNING key").get()).toThrow(
      /prepared a statement that writes/,
    );
    expect(count()).toBe(before);
    expect(db.prepare('SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM meta)').pluck().get()).toBe(
      before,
    );
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThan(0);
  });

  it('the readers of the core run through it', async () => {
    const { db, vault: v } = await reader();
    expect(integrityProblems(db)).toEqual([]);
    expect(custodyPage(db, { kind: 'vault' }, 0, 10).entries.map((e) => e.action)).toEqual(['vault.created']);
    expect(readCustodyHead(db).size).toBe(1);
    expect([...iterateStoredEntries(db)]).toHaveLength(1);
    expect(settingsMembers(db, '').map((m) => m.name)).toEqual(['Test Investigator']);
    expect(settingsRecipients(db)).toEqual([]);
    expect(transcriptProblems(db).every((f) => f.ok)).toBe(true);
    expect(recordProblems(db).every((f) => f.ok)).toBe(true);
    expect(v.db.inTransaction).toBe(false);
  });
});
