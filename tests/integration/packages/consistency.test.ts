/**
 * Consistency proofs between packages (issue 11, part 2; DESIGN §6 "Consistency with earlier
 * packages"): every package proves its sender's log extends the checkpoint of the last package
 * sent to the same recipient, and the receiving vault refuses one that does not extend the last
 * checkpoint it received from that vault, unless the person accepts it knowingly. Packages are
 * made by the real export path; the tampered ones are re-signed with the sender's own key, so
 * only the consistency check stands between them and an import.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ageDecrypt,
  encodeIdentity,
  encodeRecipient,
  generateX25519Identity,
  parseRecipient,
} from '../../../main/crypto/age';
import { registerCustodyCommands } from '../../../main/cli/commands/custody';
import { readCustodyHead } from '../../../main/custody/log-store';
import { attachTimestamp, requestTimestamp } from '../../../main/custody/timestamps/timestamps';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { exportPackage } from '../../../main/packages/export/export';
import { importPackage, type ImportOptions } from '../../../main/packages/import';
import { addRecipient } from '../../../main/packages/recipients';
import { receivedHistory } from '../../../main/packages/consistency/received-checkpoints';
import { loadSignerDirectory } from '../../../main/packages/trust';
import { verifyPackageFile, type PackageReport } from '../../../main/packages/verify';
import { createVault } from '../../../main/vault/create';
import { memberIdentity, memberMinisignKey } from '../../../main/vault/identity';
import { openVault } from '../../../main/vault/open';
import { addMember } from '../../../main/vault/passphrases';
import type { Vault } from '../../../main/vault/vault';
import { runInProcess } from '../../helpers/cli-in-process';
import { makeTestTsa } from '../../helpers/test-tsa';
import { hasTool } from '../../helpers/tools';
import { fastKdf, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { failure } from '../../unit/packages/helpers';
import { fillVault, sealBag, writePackage } from './make-package';
import { readBag } from './tamper-corpus';

interface Sender {
  dir: string;
  vaultId: string;
  caseId: string;
}

let root: string;
let receiver: Vault;
let receiverKey: Uint8Array;
let count = 0;

async function withSender<T>(s: Sender, fn: (vault: Vault) => Promise<T>): Promise<T> {
  const vault = await openVault(s.dir, { passphrase: TEST_PASSPHRASE });
  try {
    return await fn(vault);
  } finally {
    await vault.close();
  }
}

/** A sender vault with a case, in the receiver's address book (so only the history can fail). */
async function newSender(name: string): Promise<Sender> {
  const dir = path.join(root, `sender-${++count}`);
  const { vault } = await createVault(dir, { memberName: name, passphrase: TEST_PASSPHRASE, kdf: await fastKdf() });
  try {
    const files = path.join(root, `files-${count}`);
    fs.mkdirSync(files);
    const caseId = await fillVault(vault, files);
    const id = memberIdentity(vault);
    if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
    addRecipient(receiver, {
      name: `${name} ${count}`,
      ageRecipient: id.ageRecipient,
      minisignPublicKey: id.minisignPublicKey,
    });
    return { dir, vaultId: vault.vaultId, caseId };
  } finally {
    await vault.close();
  }
}

/** Adds one more document to the sender's case (three custody entries' worth of activity, the same in a clone). */
async function addEvidence(s: Sender, text: string): Promise<void> {
  await withSender(s, async (vault) => {
    const file = path.join(root, `evidence-${++count}.txt`);
    fs.writeFileSync(file, text);
    await addFileItem(vault, file, { caseId: s.caseId, title: 'More', extract: false });
  });
}

/** Exports the sender's case to the receiving member, or to the recipients given. */
async function exportTo(s: Sender, recipients?: Uint8Array[]): Promise<string> {
  return withSender(s, async (vault) => {
    const output = path.join(root, `package-${++count}.tar.age`);
    await exportPackage(vault, { caseId: s.caseId, recipients: recipients ?? [receiverKey], profile: 'full', output });
    return output;
  });
}

/** The package's consistency file, read by decrypting it as the receiver. */
async function consistencyOf(
  file: string,
): Promise<{ to: { size: number }; from: { packageId: string; size: number; root: string; proof: string[] }[] }> {
  const dir = await unpack(file);
  return JSON.parse(fs.readFileSync(path.join(dir.bagDir, 'data/custody/consistency.json'), 'utf8')) as never;
}

async function unpack(file: string): Promise<{ bagDir: string; bag: string }> {
  const tar = await ageDecrypt(fs.readFileSync(file), [memberIdentity(receiver).ageIdentity]);
  const dir = path.join(root, `unpacked-${++count}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'p.tar'), tar);
  execFileSync('tar', ['-xf', 'p.tar'], { cwd: dir });
  const bag = fs.readdirSync(dir).find((n) => n !== 'p.tar') ?? '';
  return { bagDir: path.join(dir, bag), bag };
}

/** The package re-made by its sender with `mutate` applied to consistency.json, signed with the sender's own key. */
async function resealed(
  file: string,
  s: Sender,
  mutate: (c: Record<string, unknown> & { from: Record<string, unknown>[] }) => void,
): Promise<string> {
  const { bagDir, bag } = await unpack(file);
  const files = new Map(
    [...readBag(bagDir)].filter(([p]) => p.startsWith('data/')).map(([p, d]) => [p.slice('data/'.length), d]),
  );
  const c = JSON.parse(files.get('custody/consistency.json')?.toString('utf8') ?? '{}') as Record<string, unknown> & {
    from: Record<string, unknown>[];
  };
  mutate(c);
  files.set('custody/consistency.json', Buffer.from(`${JSON.stringify(c)}\n`));
  const checkpoint = files.get('custody/checkpoint.txt')?.toString('utf8') ?? '';
  return withSender(s, async (vault) => {
    const spec = { files, bagName: bag, packageId: randomUUID(), vaultId: s.vaultId, key: memberMinisignKey(vault) };
    const written = await writePackage(
      root,
      `resealed-${++count}`,
      await sealBag(spec),
      spec,
      encodeRecipient(receiverKey),
      checkpoint,
    );
    return written.file;
  });
}

async function verifyAsReceiver(file: string): Promise<PackageReport> {
  return verifyPackageFile(file, {
    identities: [memberIdentity(receiver).ageIdentity],
    trust: { directory: loadSignerDirectory(receiver.db, receiver.vaultId) },
    history: receivedHistory(receiver.db, receiver.vaultId),
  });
}

function consistencyChecks(r: PackageReport): { ok: boolean; warning?: boolean; detail: string }[] {
  return r.checks.filter((c) => c.check === 'consistency');
}

function rows(): { package_id: string; relation: string; size: number }[] {
  return receiver.db.prepare('SELECT package_id, relation, size FROM received_checkpoints ORDER BY seq').all() as never;
}

function historyEntries(): { subject: string; data: Record<string, unknown> }[] {
  return (receiver.db.prepare('SELECT entry FROM custody_log ORDER BY seq').pluck().all() as string[])
    .map((e) => JSON.parse(e) as { action: string; subject: string; data: Record<string, unknown> })
    .filter((e) => e.action === 'package.history_accepted');
}

/** Expects the import refused for the sender's history, with nothing changed in the receiving vault. */
async function expectRefused(file: string, reason: RegExp): Promise<void> {
  const before = { custody: readCustodyHead(receiver.db).size, rows: rows().length };
  const err = await failure(importPackage(receiver, file));
  expect(err?.code).toBe('HISTORY_REWRITTEN');
  expect(err?.message).toMatch(/history was rewritten or forked since package/);
  expect(err?.message).toMatch(reason);
  expect({ custody: readCustodyHead(receiver.db).size, rows: rows().length }).toEqual(before);
}

beforeAll(async () => {
  root = suiteTempDir();
  receiver = (
    await createVault(path.join(root, 'receiver'), {
      memberName: 'Receiving Lawyer',
      passphrase: TEST_PASSPHRASE,
      kdf: await fastKdf(),
    })
  ).vault;
  receiverKey = (parseRecipient(memberIdentity(receiver).ageRecipient) as { publicKey: Uint8Array }).publicKey;
}, 60_000);

afterAll(async () => {
  await receiver.close();
});

afterEach(() => {
  process.exitCode = 0;
});

describe('packages/consistency between packages of one sender', () => {
  it(
    'proves the second package to a recipient extends the first; the receiving vault accepts both and keeps each ' +
      'checkpoint',
    async () => {
      const s = await newSender('Partner NGO');
      const first = await exportTo(s);
      await addEvidence(s, 'A second letter.');
      const second = await exportTo(s);
      expect((await consistencyOf(first)).from).toEqual([]);
      const proof = await consistencyOf(second);
      expect(proof.from).toHaveLength(1);
      expect(proof.from[0]?.size).toBeLessThan(proof.to.size);
      expect(proof.from[0]?.proof.length).toBeGreaterThan(0);

      const r1 = await verifyAsReceiver(first);
      expect(r1.ok).toBe(true);
      expect(r1.consistency).toEqual({ status: 'first' });
      const a = await importPackage(receiver, first);
      const r2 = await verifyAsReceiver(second);
      expect(r2.checks.filter((c) => !c.ok)).toEqual([]);
      expect(r2.consistency).toEqual({ status: 'extends', since: a.packageId });
      expect(
        consistencyChecks(r2)
          .map((c) => c.detail)
          .join('\n'),
      ).toContain(`extends package ${a.packageId}`);
      const b = await importPackage(receiver, second);
      expect(rows().slice(-2)).toEqual([
        { package_id: a.packageId, relation: 'first', size: expect.any(Number) as number },
        { package_id: b.packageId, relation: 'extends', size: proof.to.size },
      ]);
      expect(historyEntries()).toEqual([]);
    },
    60_000,
  );

  it('still proves the extension of what the recipient accepted when a package in between never arrived', async () => {
    const s = await newSender('Field office');
    const first = await exportTo(s);
    await addEvidence(s, 'Sent, but lost on the way.');
    const lost = await exportTo(s);
    await addEvidence(s, 'Sent after the lost one.');
    const third = await exportTo(s);
    const a = await importPackage(receiver, first);
    // Proofs from every earlier checkpoint to this recipient: the receiver finds the one it saw.
    const proof = await consistencyOf(third);
    expect(proof.from.map((f) => f.size)).toEqual([...proof.from.map((f) => f.size)].sort((x, y) => x - y));
    expect(proof.from).toHaveLength(2);
    const r = await verifyAsReceiver(third);
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.consistency).toEqual({ status: 'extends', since: a.packageId });
    const c = await importPackage(receiver, third);
    expect(rows().slice(-1)).toEqual([{ package_id: c.packageId, relation: 'extends', size: proof.to.size }]);
    // The lost package, arriving late, is older than what was accepted since: it is refused as a shorter log.
    await expectRefused(lost, /fewer than the/);
  }, 60_000);

  it('proves, for several recipients, the extension of the last package each of them got', async () => {
    const s = await newSender('Coalition');
    const colleague = generateX25519Identity();
    const toReceiver = await exportTo(s);
    await addEvidence(s, 'For the colleague.');
    await exportTo(s, [colleague.publicKey]);
    await addEvidence(s, 'For both.');
    const toBoth = await exportTo(s, [receiverKey, colleague.publicKey]);
    const proof = await consistencyOf(toBoth);
    expect(proof.from).toHaveLength(2);
    const a = await importPackage(receiver, toReceiver);
    expect(proof.from[0]?.packageId).toBe(a.packageId);
    const r = await verifyAsReceiver(toBoth);
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.consistency).toEqual({ status: 'extends', since: a.packageId });
    expect(
      consistencyChecks(r).filter((c) => c.detail.includes('the RFC 9162 consistency proof verifies')),
    ).toHaveLength(2);
  }, 60_000);

  it(
    'refuses a package whose proof hash was altered, or that proves a different old root, and the untouched ' +
      'package still imports',
    async () => {
      const s = await newSender('Field Office');
      await importPackage(receiver, await exportTo(s));
      await addEvidence(s, 'Another reply.');
      const second = await exportTo(s);
      const flipped = await resealed(second, s, (c) => {
        const proof = c.from[0]?.proof as string[];
        const bytes = Buffer.from(proof[0] ?? '', 'base64');
        bytes[0] = (bytes[0] ?? 0) ^ 1;
        proof[0] = bytes.toString('base64');
      });
      const report = await verifyAsReceiver(flipped);
      expect(report.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['consistency', 'consistency']);
      expect(report.consistency?.status).toBe('rewritten');
      await expectRefused(flipped, /consistency proof .*does not verify/);

      const otherRoot = await resealed(second, s, (c) => {
        const from = c.from[0] as Record<string, unknown>;
        from.root = Buffer.alloc(32, 7).toString('base64');
      });
      await expectRefused(otherRoot, /extends another log of \d+ entries than the one package/);

      const otherTarget = await resealed(second, s, (c) => {
        (c.to as Record<string, unknown>).size = 1;
      });
      // The history itself still extends (the proof holds), but a file that names another target is refused all the
      // same.
      expect(
        consistencyChecks(await verifyAsReceiver(otherTarget))
          .filter((c) => !c.ok)
          .map((c) => c.detail),
      ).toEqual([expect.stringMatching(/leads to a log of 1 entries with another root/)]);
      expect(await failure(importPackage(receiver, otherTarget))).toMatchObject({
        code: 'HISTORY_REWRITTEN',
        message: expect.stringMatching(/leads to a log of 1 entries/) as string,
      });

      const missing = await resealed(second, s, (c) => {
        c.from = [];
      });
      await expectRefused(missing, /carries no consistency proof from the checkpoint of package/);

      await importPackage(receiver, second);
      expect(rows().at(-1)?.relation).toBe('extends');
    },
    90_000,
  );

  it(
    'refuses an older, smaller log; accepting it ' + 'knowingly imports it and records the decision in ' + 'custody',
    async () => {
      const s = await newSender('Regional Office');
      const older = await exportTo(s);
      await addEvidence(s, 'Later evidence.');
      const newerFile = await exportTo(s);
      const newer = await importPackage(receiver, newerFile);
      await expectRefused(older, /fewer than the \d+ of package/);
      const accepted = await importPackage(receiver, older, { acceptRewrittenHistory: true } satisfies ImportOptions);
      expect(rows().at(-1)).toMatchObject({ package_id: accepted.packageId, relation: 'accepted' });
      const [entry] = historyEntries();
      expect(entry?.subject).toBe(accepted.caseId);
      expect(entry?.data).toMatchObject({
        packageId: accepted.packageId,
        sourceVault: s.vaultId,
        since: newer.packageId,
      });
      expect(String((entry?.data.reasons as string[])[0])).toMatch(/fewer than/);
      // Imported before, a package is said to be here, whatever its history now looks like.
      expect(await failure(importPackage(receiver, older))).toMatchObject({ code: 'ALREADY_IMPORTED' });
      expect(await failure(importPackage(receiver, newerFile))).toMatchObject({ code: 'ALREADY_IMPORTED' });
    },
    90_000,
  );

  it('refuses the packages of a forked copy of the sender vault, each with its reason', async () => {
    const s = await newSender('Forked Office');
    await importPackage(receiver, await exportTo(s));
    const clone: Sender = { ...s, dir: path.join(root, `clone-${++count}`) };
    fs.cpSync(s.dir, clone.dir, { recursive: true });
    // The original goes on and its package arrives; the copy does the same work on its own.
    await addEvidence(s, 'What the original holds.');
    const originalFile = await exportTo(s);
    const original = await importPackage(receiver, originalFile);
    await addEvidence(clone, 'What the copy holds!!!!');
    const forkSameSize = await exportTo(clone);
    await expectRefused(forkSameSize, /as many entries as package .* but other ones/);
    await addEvidence(clone, 'More in the copy.');
    const forkLater = await exportTo(clone);
    await expectRefused(
      forkLater,
      new RegExp(`extends another log of \\d+ entries than the one package ${original.packageId} showed`),
    );

    // Knowingly accepted, the fork becomes what the next package must extend: the original's next one is refused.
    await importPackage(receiver, forkLater, { acceptRewrittenHistory: true });
    // The original's package, imported before, is said to be here although it no longer extends what was accepted.
    expect(consistencyChecks(await verifyAsReceiver(originalFile)).some((c) => !c.ok)).toBe(true);
    expect(await failure(importPackage(receiver, originalFile))).toMatchObject({ code: 'ALREADY_IMPORTED' });
    await addEvidence(s, 'The original again.');
    await addEvidence(s, "And once more, so that its log is longer than the copy's.");
    await expectRefused(await exportTo(s), /carries no consistency proof from the checkpoint of package/);
  }, 120_000);

  it('vigil verify A B: passes when B extends A, fails on a fork or when swapped', async () => {
    const s = await newSender('Verify Office');
    const a = await exportTo(s);
    const clone: Sender = { ...s, dir: path.join(root, `clone-${++count}`) };
    await addEvidence(s, 'Next.');
    fs.cpSync(s.dir, clone.dir, { recursive: true });
    const b = await exportTo(s);
    await addEvidence(s, 'Next again.');
    const c = await exportTo(s);
    await addEvidence(clone, 'Elsewhere.');
    const fork = await exportTo(clone);
    const identity = path.join(root, `identity-${++count}.txt`);
    const own = memberIdentity(receiver).ageIdentity;
    if (own.kind !== 'x25519') throw new Error('the receiving member has an X25519 key');
    fs.writeFileSync(identity, `${encodeIdentity(own.secretKey)}\n`);
    const run = async (
      x: string,
      y: string,
    ): Promise<{ ok: boolean; extends: boolean; later: PackageReport; code: number }> => {
      process.exitCode = 0;
      const printed = await runInProcess([registerCustodyCommands], ['verify', x, y, '--identity', identity, '--json']);
      const code = Number(process.exitCode ?? 0);
      process.exitCode = 0;
      return { ...(JSON.parse(printed) as { ok: boolean; extends: boolean; later: PackageReport }), code };
    };
    expect(await run(a, b)).toMatchObject({ ok: true, extends: true, code: 0 });
    expect(await run(b, c)).toMatchObject({ ok: true, extends: true, code: 0 });
    const forked = await run(b, fork);
    expect(forked).toMatchObject({ ok: false, extends: false, code: 1 });
    expect(consistencyChecks(forked.later).filter((x) => !x.ok)[0]?.detail).toMatch(
      /rewritten or forked since package/,
    );
    expect(await run(c, b)).toMatchObject({ ok: false, extends: false, code: 1 });
    const text = await runInProcess([registerCustodyCommands], ['verify', a, b, '--identity', identity]);
    expect(text).toContain('The later package extends the earlier one');
  }, 120_000);
});

describe.skipIf(!hasTool('openssl'))("packages/consistency: the sender's timestamps are kept on import", () => {
  it('keeps each RFC 3161 timestamp the package carries with the received checkpoint', async () => {
    const s = await newSender('Timestamped Office');
    const tsaDir = path.join(root, `tsa-${++count}`);
    fs.mkdirSync(tsaDir);
    const tsa = makeTestTsa(tsaDir);
    await withSender(s, async (vault) => {
      const req = await requestTimestamp(vault);
      const tsq = path.join(root, `cp-${++count}.tsq`);
      fs.writeFileSync(tsq, req.der);
      const outcome = await attachTimestamp(vault, fs.readFileSync(tsa.reply(tsq)), fs.readFileSync(tsa.caPem, 'utf8'));
      expect(outcome.ok).toBe(true);
    });
    const imported = await importPackage(receiver, await exportTo(s));
    const kept = receiver.db
      .prepare(
        'SELECT t.name, t.checkpoint, length(t.reply) AS reply, t.chain_pem AS pem, t.consistency FROM ' +
          'received_timestamps t JOIN received_checkpoints r ON r.seq = t.received_seq WHERE r.package_id = ?',
      )
      .all(imported.packageId) as {
      name: string;
      checkpoint: string;
      reply: number;
      pem: string;
      consistency: string;
    }[];
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      name: 'ts-001',
      checkpoint: expect.stringContaining(`vigil/${s.vaultId}\n`) as string,
      pem: expect.stringContaining('BEGIN CERTIFICATE') as string,
    });
    expect(kept[0]?.reply).toBeGreaterThan(100);
  }, 60_000);
});

describe('packages/consistency to a vault of several members', () => {
  it(
    'proves a package to one member extends the last one sent to a colleague of the same vault (known from that ' +
      "vault's own packages)",
    async () => {
      const kdf = await fastKdf();
      const teamDir = path.join(root, `team-${++count}`);
      const colleaguePass = 'the colleague passphrase here';
      const team = (await createVault(teamDir, { memberName: 'Team Lead', passphrase: TEST_PASSPHRASE, kdf })).vault;
      const teamFiles = path.join(root, `team-files-${count}`);
      fs.mkdirSync(teamFiles);
      const teamCase = await fillVault(team, teamFiles);
      await addMember(team, 'Team Colleague', colleaguePass, { currentSecret: TEST_PASSPHRASE, kdf });
      await team.close();
      const s = await newSender('Sender To Team');
      const senderKey = await withSender(s, async (vault) => {
        const id = memberIdentity(vault);
        if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
        return {
          age: id.ageRecipient,
          minisign: id.minisignPublicKey,
          key: (parseRecipient(id.ageRecipient) as { publicKey: Uint8Array }).publicKey,
        };
      });
      // Each member of the team sends the sender a package: the sender's vault learns both keys are that vault's.
      const members: { age: string; key: Uint8Array }[] = [];
      for (const [name, passphrase] of [
        ['Team Lead', TEST_PASSPHRASE],
        ['Team Colleague', colleaguePass],
      ] as const) {
        const vault = await openVault(teamDir, { passphrase });
        try {
          const id = memberIdentity(vault);
          if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
          members.push({
            age: id.ageRecipient,
            key: (parseRecipient(id.ageRecipient) as { publicKey: Uint8Array }).publicKey,
          });
          // A signer of a package must have made custody entries in it.
          const note = path.join(teamFiles, `note-${++count}.txt`);
          fs.writeFileSync(note, `A note by ${name}.`);
          await addFileItem(vault, note, { caseId: teamCase, title: 'Note', extract: false });
          const output = path.join(root, `team-package-${++count}.tar.age`);
          await exportPackage(vault, { caseId: teamCase, recipients: [senderKey.key], profile: 'full', output });
          await withSender(s, async (sender) => {
            addRecipient(sender, { name, ageRecipient: id.ageRecipient, minisignPublicKey: id.minisignPublicKey });
            await importPackage(sender, output);
          });
          if (name === 'Team Lead')
            addRecipient(vault, {
              name: 'The sender',
              ageRecipient: senderKey.age,
              minisignPublicKey: senderKey.minisign,
            });
        } finally {
          await vault.close();
        }
      }
      const [lead, colleague] = members;
      if (lead === undefined || colleague === undefined) throw new Error('two members');
      const toLead = await exportTo(s, [lead.key]);
      await addEvidence(s, 'For the colleague now.');
      const toColleague = await exportTo(s, [colleague.key]);

      const asLead = await openVault(teamDir, { passphrase: TEST_PASSPHRASE });
      const first = await importPackage(asLead, toLead).finally(() => asLead.close());
      const asColleague = await openVault(teamDir, { passphrase: colleaguePass });
      try {
        const report = await verifyPackageFile(toColleague, {
          identities: [memberIdentity(asColleague).ageIdentity],
          trust: { directory: loadSignerDirectory(asColleague.db, asColleague.vaultId) },
          history: receivedHistory(asColleague.db, asColleague.vaultId),
        });
        expect(report.checks.filter((c) => !c.ok)).toEqual([]);
        expect(report.consistency).toEqual({ status: 'extends', since: first.packageId });
        await importPackage(asColleague, toColleague);
      } finally {
        await asColleague.close();
      }
    },
    120_000,
  );
});
