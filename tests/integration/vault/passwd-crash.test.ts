import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVigilError } from '../../../shared/errors';
import { iterateStoredEntries } from '../../../main/custody/log-store';
import { listMembers } from '../../../main/vault/members';
import { openVault, type UnlockSecret } from '../../../main/vault/open';
import type { Vault } from '../../../main/vault/vault';
import { verifyVault } from '../../../main/checks/verify-vault';
import { crashSeed, ownSteps, runKilled, type KillAt, type KilledRun } from '../../helpers/crash';
import { seededRandom } from '../../helpers/random';
import { runCli, tempDir } from '../../helpers/vault';

type Action = 'add' | 'change' | 'recovery' | 'remove' | 'rotate';

/**
 * What the test knows of the vault: each live member's passphrase and the recovery code (null once one was never
 * shown).
 */
interface Model {
  dir: string;
  first: string;
  members: Map<string, string>;
  removed: Map<string, string>;
  recovery: string | null;
  rounds: number;
}

const FIRST = 'Crash Member A';
/** Files a vault folder may hold once it is closed; anything else is a leftover. */
const VAULT_FILES = new Set(['vault.json', 'vault.db', 'vault.db-wal', 'vault.db-shm', 'vault.lock', 'blobs']);

/** Opens the vault with `secret`, or null when the secret opens nothing (any other failure fails the test). */
async function tryOpen(dir: string, secret: UnlockSecret): Promise<Vault | null> {
  try {
    return await openVault(dir, secret);
  } catch (err) {
    if (isVigilError(err) && err.code === 'WRONG_PASSPHRASE') return null;
    throw err;
  }
}

async function opens(dir: string, secret: UnlockSecret): Promise<boolean> {
  const vault = await tryOpen(dir, secret);
  await vault?.close();
  return vault !== null;
}

/** The actions of the custody entries from `seq` on. */
function actionsFrom(vault: Vault, seq: number): { action: string; subject: string | null }[] {
  return [...iterateStoredEntries(vault.db, seq)].map(
    (e) => JSON.parse(e.canonical) as { action: string; subject: string | null },
  );
}

function recoveryCodeIn(stdout: string): string | null {
  return /RECOVERY CODE[^\n]*\n\s+([0-9A-Z-]{35})\n/.exec(stdout)?.[1] ?? null;
}

/** The command line, its environment and the passphrase it would set, for one round of `action`. */
function commandFor(
  m: Model,
  action: Action,
  target: string | null,
): { args: string[]; env: Record<string, string>; next: string } {
  const next = `${action} passphrase number ${m.rounds}`;
  const own = m.members.get(m.first) ?? '';
  switch (action) {
    case 'add':
      return {
        args: ['passwd', m.dir, 'add', '--name', `Crash Member ${m.rounds}`],
        env: { VIGIL_PASSPHRASE: own, VIGIL_NEW_PASSPHRASE: next },
        next,
      };
    case 'change':
      return { args: ['passwd', m.dir, 'change'], env: { VIGIL_PASSPHRASE: own, VIGIL_NEW_PASSPHRASE: next }, next };
    case 'rotate':
      return {
        args: ['passwd', m.dir, 'change', '--recovery-code'],
        env: { VIGIL_RECOVERY_CODE: m.recovery ?? '', VIGIL_NEW_PASSPHRASE: next },
        next,
      };
    case 'recovery':
      return { args: ['passwd', m.dir, 'recovery'], env: { VIGIL_PASSPHRASE: own }, next };
    case 'remove':
      return { args: ['passwd', m.dir, 'remove', target ?? ''], env: { VIGIL_PASSPHRASE: own }, next };
  }
}

/** The custody size before a round (the first member's passphrase opens the vault between rounds). */
async function custodySize(m: Model): Promise<number> {
  const vault = await openVault(m.dir, { passphrase: m.members.get(m.first) ?? '' });
  try {
    return vault.db.prepare('SELECT count(*) FROM custody_log').pluck().get() as number;
  } finally {
    await vault.close();
  }
}

/**
 * After a round: exactly one of the first member's passphrases opens (the new one only if the
 * change is in custody), and the model follows what custody says happened.
 */
async function settle(
  m: Model,
  action: Action,
  run: KilledRun,
  before: number,
  next: string,
  target: string | null,
  label: string,
): Promise<void> {
  const old = m.members.get(m.first) ?? '';
  const changesOwn = action === 'change' || action === 'rotate';
  const withNew = changesOwn ? await tryOpen(m.dir, { passphrase: next }) : null;
  const withOld = await tryOpen(m.dir, { passphrase: old });
  expect(withNew === null || withOld === null, `${label}: the old and the new passphrase both open`).toBe(true);
  const vault = withNew ?? withOld;
  expect(vault, `${label}: neither the old nor the new passphrase of ${m.first} opens`).not.toBeNull();
  if (!vault) return;
  let entries: { action: string; subject: string | null }[];
  let names: Map<string, string>;
  try {
    entries = actionsFrom(vault, before);
    names = new Map(listMembers(vault.db).map((r) => [r.id, r.name]));
  } finally {
    await vault.close();
  }
  const logged = (what: string): boolean => entries.some((e) => e.action === what);
  const expected: Record<Action, string> = {
    add: 'member.added',
    change: 'member.passphrase_changed',
    rotate: 'member.key_rotated',
    recovery: 'vault.recovery_code_replaced',
    remove: 'member.removed',
  };
  const done = logged(expected[action]);
  if (run.status === 0) expect(done, `${label}: finished, but its custody entry is missing`).toBe(true);
  expect(entries.length, `${label}: unexpected custody entries ${JSON.stringify(entries)}`).toBe(done ? 1 : 0);
  if (changesOwn) {
    expect(withNew !== null, `${label}: the new passphrase opens exactly when the change is in custody`).toBe(done);
    if (done) m.members.set(m.first, next);
  }
  if (action === 'add' && done) {
    const added = names.get(entries[0]?.subject ?? '') ?? '';
    m.members.set(added, next);
  }
  if (action === 'add' && done)
    expect(await opens(m.dir, { passphrase: next }), `${label}: the added member cannot unlock`).toBe(true);
  if (action === 'add' && !done)
    expect(await opens(m.dir, { passphrase: next }), `${label}: an add not in custody left a working slot`).toBe(false);
  if (action === 'remove' && done && target) {
    m.removed.set(target, m.members.get(target) ?? '');
    m.members.delete(target);
  }
  if (action === 'recovery') settleRecovery(m, run, done, label);
  if (action === 'remove' && target)
    expect(
      await opens(m.dir, { passphrase: done ? (m.removed.get(target) ?? '') : (m.members.get(target) ?? '') }),
      `${label}: ${target}'s passphrase`,
    ).toBe(!done);
  if (action === 'recovery' || action === 'rotate') {
    const code = action === 'recovery' && done ? (m.removed.get('recovery code') ?? '') : m.recovery;
    if (code)
      expect(
        await opens(m.dir, { recoveryCode: code }),
        `${label}: the ${done ? 'replaced' : 'current'} recovery code`,
      ).toBe(!(action === 'recovery' && done));
    if (m.recovery !== null)
      expect(await opens(m.dir, { recoveryCode: m.recovery }), `${label}: the recovery code does not open`).toBe(true);
  }
}

/** A replaced recovery code: the old one stops; the new one is known only if it was printed. */
function settleRecovery(m: Model, run: KilledRun, done: boolean, label: string): void {
  const printed = recoveryCodeIn(run.stdout);
  if (!done) {
    expect(printed, `${label}: a recovery code was printed but not recorded`).toBeNull();
    return;
  }
  m.removed.set('recovery code', m.recovery ?? '');
  m.recovery = printed;
}

/** Every live member's passphrase and the recovery code open the vault; no removed or replaced secret does. */
async function checkSecrets(m: Model, label: string): Promise<void> {
  for (const [name, passphrase] of m.members)
    expect(await opens(m.dir, { passphrase }), `${label}: ${name} cannot unlock`).toBe(true);
  for (const [name, secret] of m.removed) {
    if (secret === '') continue;
    const unlock: UnlockSecret = name === 'recovery code' ? { recoveryCode: secret } : { passphrase: secret };
    expect(await opens(m.dir, unlock), `${label}: the removed or replaced secret of ${name} still opens`).toBe(false);
  }
  if (m.recovery !== null)
    expect(await opens(m.dir, { recoveryCode: m.recovery }), `${label}: the recovery code does not open`).toBe(true);
}

/**
 * What must hold after every round, whatever moment the command died at: vault.json is the
 * header the log last named (verify), with one slot per live member and one recovery slot,
 * and nothing else lies in the folder. `settle` checked the secrets the round touched;
 * every secret is tried after each action's sweep (an unlock costs some 25 ms).
 */
async function checkVault(m: Model, label: string): Promise<void> {
  const header = JSON.parse(readFileSync(path.join(m.dir, 'vault.json'), 'utf8')) as { slots: unknown[] };
  // One passphrase slot per live member and one recovery slot: no slot that custody does not account for.
  expect(header.slots.length, `${label}: ${header.slots.length} slots for ${m.members.size} members`).toBe(
    m.members.size + 1,
  );
  const vault = await openVault(m.dir, { passphrase: m.members.get(m.first) ?? '' });
  try {
    const report = await verifyVault(vault, { quick: true });
    expect(
      report.findings.filter((f) => !f.ok),
      label,
    ).toEqual([]);
  } finally {
    await vault.close();
  }
  expect(
    readdirSync(m.dir).filter((n) => !VAULT_FILES.has(n) && !n.startsWith('.vault.lock.')),
    `${label}: leftovers in the vault folder`,
  ).toEqual([]);
}

/** One round: run `action`, kill it as `kill` says, then check what it left. */
async function round(m: Model, action: Action, kill: KillAt, label: string, traceFile?: string): Promise<KilledRun> {
  m.rounds += 1;
  const target = action === 'remove' ? ([...m.members.keys()].find((n) => n !== m.first) ?? null) : null;
  const { args, env, next } = commandFor(m, action, target);
  const before = await custodySize(m);
  const run = await runKilled(args, env, kill, traceFile);
  await settle(m, action, run, before, next, target, label);
  await checkVault(m, label);
  return run;
}

/** Makes sure a round of `action` can run: someone to remove, a known recovery code to rotate with. */
async function precondition(m: Model, action: Action): Promise<void> {
  if (action === 'remove' && m.members.size < 2) await round(m, 'add', null, 'setup add');
  if (action === 'rotate' && m.recovery === null) await round(m, 'recovery', null, 'setup recovery');
}

const ACTIONS: Action[] = ['add', 'change', 'recovery', 'remove', 'rotate'];
const RANDOM_KILLS = 6;

describe('crash safety of vigil passwd', () => {
  it(
    'after a SIGKILL before every file-system step of add, change, recovery, remove and a recovery rotation, and ' +
      'at random moments, every member unlocks and every slot change is in custody',
    async () => {
      const random = seededRandom(crashSeed('passwd crash test'));
      const dir = path.join(tempDir(), 'vault');
      const init = runCli(['init', dir, '--name', FIRST]);
      expect(init.status, init.stderr).toBe(0);
      const m: Model = {
        dir,
        first: FIRST,
        members: new Map([[FIRST, 'correct horse battery staple']]),
        removed: new Map(),
        recovery: recoveryCodeIn(init.stdout),
        rounds: 0,
      };
      const traceFile = path.join(tempDir(), 'trace');
      // The steps every command shares (taking and giving back the lock) are swept with the first action only.
      const unlock = await runKilled(['status', dir], {}, null, traceFile);
      const fullMs = new Map<Action, number>();
      const swept: string[] = [];
      for (const [i, action] of ACTIONS.entries()) {
        await precondition(m, action);
        const started = Date.now();
        const full = await round(m, action, null, `${action}: full run`, traceFile);
        fullMs.set(action, Date.now() - started);
        expect(full.status, full.stderr).toBe(0);
        const trace = full.trace ?? [];
        const steps = i === 0 ? trace.map((_, k) => k + 1) : ownSteps(trace, unlock.trace ?? []);
        swept.push(`${action} ${steps.length} of ${trace.length} steps`);
        for (const op of steps) {
          await precondition(m, action);
          await round(m, action, { op }, `${action}: killed before step ${op} of ${trace.length} (${trace[op - 1]})`);
        }
        await checkSecrets(m, `after the ${action} sweep`);
      }
      for (let i = 0; i < RANDOM_KILLS; i++) {
        const action = ACTIONS[Math.floor(random() * ACTIONS.length)] ?? 'add';
        await precondition(m, action);
        const delayMs = Math.floor(random() * (fullMs.get(action) ?? 300));
        await round(m, action, { delayMs }, `${action}: killed after ${delayMs} ms`);
      }
      await checkSecrets(m, 'at the end');
      console.log(`passwd crash test: killed before ${swept.join(', ')}; and ${RANDOM_KILLS} times at random moments`);
    },
    120_000,
  );
});
