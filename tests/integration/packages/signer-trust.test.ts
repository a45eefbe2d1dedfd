/**
 * Who signed a received package (issue 14, point 1): the signer is compared with the
 * address book's minisign keys and with the keys first seen from the sender's vault, so a
 * package can no longer certify itself. Every package here is made by the real export path.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, encodeIdentity, parseIdentity, parseRecipient } from '../../../main/crypto/age';
import { readCustodyHead } from '../../../main/custody/log-store';
import { exportPackage } from '../../../main/packages/export/export';
import { importPackage } from '../../../main/packages/import';
import { addRecipient } from '../../../main/packages/recipients';
import { loadSignerDirectory } from '../../../main/packages/trust';
import { verifyPackageFile, type PackageReport } from '../../../main/packages/verify';
import { createVault } from '../../../main/vault/create';
import { memberIdentity } from '../../../main/vault/identity';
import { openVault } from '../../../main/vault/open';
import { addMember, changePassphrase } from '../../../main/vault/passphrases';
import type { Vault } from '../../../main/vault/vault';
import { verifyVault } from '../../../main/checks/verify-vault';
import { failure } from '../../unit/packages/helpers';
import { fastKdf, runCli, suiteTempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { fillVault } from './make-package';

/** A sender: its vault folder, vault id, member fingerprint and minisign key, and the case it exports. */
interface Sender {
  dir: string;
  vaultId: string;
  caseId: string;
  fingerprint: string;
  minisign: string;
  ageRecipient: string;
  recoveryCode: string;
}

let root: string;
let receiver: Vault;
let receiverKey: Uint8Array;
let partner: Sender;
let forger: Sender;
let stranger: Sender;
let count = 0;

async function newSender(name: string): Promise<Sender> {
  const dir = path.join(root, `sender-${++count}`);
  const { vault, recoveryCode } = await createVault(dir, {
    memberName: name,
    passphrase: TEST_PASSPHRASE,
    kdf: await fastKdf(),
  });
  try {
    const files = path.join(root, `files-${count}`);
    fs.mkdirSync(files);
    const caseId = await fillVault(vault, files);
    const id = memberIdentity(vault);
    if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
    return {
      dir,
      vaultId: vault.vaultId,
      caseId,
      fingerprint: id.fingerprints.minisign,
      minisign: id.minisignPublicKey,
      ageRecipient: id.ageRecipient,
      recoveryCode,
    };
  } finally {
    await vault.close();
  }
}

/** A package of the sender's case sealed to the receiving member, made by exportPackage. */
async function packageFrom(
  sender: Sender,
  secret: { passphrase: string } | { recoveryCode: string } = { passphrase: TEST_PASSPHRASE },
): Promise<string> {
  const vault = await openVault(sender.dir, secret);
  try {
    const output = path.join(root, `package-${++count}.tar.age`);
    await exportPackage(vault, { caseId: sender.caseId, recipients: [receiverKey], profile: 'full', output });
    return output;
  } finally {
    await vault.close();
  }
}

async function verifyAsReceiver(file: string): Promise<PackageReport> {
  const own = memberIdentity(receiver).ageIdentity;
  return verifyPackageFile(file, {
    identities: [own],
    trust: { directory: loadSignerDirectory(receiver.db, receiver.vaultId) },
  });
}

function trustCheck(r: PackageReport): { ok: boolean; warning?: boolean; detail: string }[] {
  return r.checks.filter((c) => c.check === 'signer-trust');
}

/** What an import must leave untouched when it is refused. */
function state(): { cases: number; known: number; custody: number } {
  const n = (sql: string): number => receiver.db.prepare(sql).pluck().get() as number;
  return {
    cases: n('SELECT count(*) FROM cases'),
    known: n('SELECT count(*) FROM known_signers'),
    custody: readCustodyHead(receiver.db).size,
  };
}

/** The receiver's custody entries of `action`, newest last. */
function entries(action: string): { subject: string; data: Record<string, unknown> }[] {
  return (receiver.db.prepare('SELECT entry FROM custody_log ORDER BY seq').pluck().all() as string[])
    .map((e) => JSON.parse(e) as { action: string; subject: string; data: Record<string, unknown> })
    .filter((e) => e.action === action)
    .map(({ subject, data }) => ({ subject, data }));
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
  partner = await newSender('Alice Partner NGO');
  forger = await newSender('Alice Partner NGO');
  stranger = await newSender('Bob Field Lawyer');
  addRecipient(receiver, {
    name: 'Alice Partner NGO',
    ageRecipient: partner.ageRecipient,
    minisignPublicKey: partner.minisign,
  });
}, 60_000);

afterAll(async () => {
  await receiver.close();
});

describe('packages/signer trust (verify and import)', () => {
  it(
    'refuses a forged sender: a signer named as an address-book entry but holding another key is an ' +
      'impersonation, even when "confirmed"',
    async () => {
      const file = await packageFrom(forger);
      const report = await verifyAsReceiver(file);
      expect(report.ok).toBe(false);
      const [check] = trustCheck(report);
      expect(check?.ok).toBe(false);
      expect(check?.detail).toMatch(/impersonat/i);
      expect(check?.detail).toContain(forger.fingerprint);
      expect(check?.detail).toContain(partner.fingerprint);
      expect(report.signerTrust).toEqual([
        expect.objectContaining({
          status: 'impersonation',
          fingerprint: forger.fingerprint,
          addressBookName: 'Alice Partner NGO',
          expected: [partner.fingerprint],
        }),
      ]);
      // Every other check passes: the package is intact, only its signer is not who it claims.
      expect(report.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['signer-trust']);
      const before = state();
      for (const opts of [{}, { trustSigners: [forger.fingerprint] }]) {
        const err = await failure(importPackage(receiver, file, opts));
        expect(err?.code).toBe('SIGNER_UNTRUSTED');
        expect(err?.message).toMatch(/impersonat/i);
        expect(state()).toEqual(before);
      }
    },
  );

  it(
    'passes a sender whose key is in the address book, named as the address book names them; the import records ' +
      'that trust',
    async () => {
      const file = await packageFrom(partner);
      const report = await verifyAsReceiver(file);
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      const [check] = trustCheck(report);
      expect(check).toMatchObject({ ok: true, detail: expect.stringMatching(/address book/) });
      expect(check?.warning).toBeUndefined();
      expect(check?.detail).toContain('"Alice Partner NGO"');
      expect(report.signerTrust).toEqual([
        expect.objectContaining({
          status: 'address-book',
          addressBookName: 'Alice Partner NGO',
          fingerprint: partner.fingerprint,
        }),
      ]);
      const r = await importPackage(receiver, file);
      const known = receiver.db.prepare('SELECT vault_id AS vaultId, reason FROM known_signers').all();
      expect(known).toEqual([{ vaultId: partner.vaultId, reason: 'address-book' }]);
      expect(entries('package.signer_trusted')).toEqual([
        {
          subject: r.caseId,
          data: expect.objectContaining({
            sourceVault: partner.vaultId,
            fingerprint: partner.fingerprint,
            reason: 'address-book',
            packageId: r.packageId,
          }),
        },
      ]);
      expect(entries('package.imported').at(-1)?.subject).toBe(r.caseId);
      expect((await verifyVault(receiver, { quick: true })).ok).toBe(true);
    },
  );

  it(
    'refuses an unknown signer until its exact fingerprint is ' +
      "confirmed, then trusts that vault's key on first use",
    async () => {
      const first = await packageFrom(stranger);
      const report = await verifyAsReceiver(first);
      expect(report.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['signer-trust']);
      expect(trustCheck(report)[0]?.detail).toMatch(/unknown signer/i);
      expect(trustCheck(report)[0]?.detail).toContain(stranger.fingerprint);
      expect(report.signerTrust).toEqual([
        expect.objectContaining({ status: 'unknown', name: 'Bob Field Lawyer', fingerprint: stranger.fingerprint }),
      ]);

      const before = state();
      const refused = await failure(importPackage(receiver, first));
      expect(refused).toMatchObject({ code: 'SIGNER_UNTRUSTED', message: expect.stringMatching(/unknown signer/i) });
      // A fingerprint that is not the package signer's (here the partner's) is refused, not taken as consent.
      const mismatched = await failure(importPackage(receiver, first, { trustSigners: [partner.fingerprint] }));
      expect(mismatched).toMatchObject({
        code: 'SIGNER_UNTRUSTED',
        message: expect.stringContaining(partner.fingerprint),
      });
      expect(mismatched?.message).toMatch(/not the fingerprint of/);
      expect(state()).toEqual(before);

      // Read out over the phone and typed in lower case without spaces: the same fingerprint.
      const typed = stranger.fingerprint.replaceAll(' ', '').toLowerCase();
      const r = await importPackage(receiver, first, { trustSigners: [typed] });
      expect(r.sourceVault).toBe(stranger.vaultId);
      const row = receiver.db
        .prepare('SELECT reason, name, package_id AS packageId FROM known_signers WHERE vault_id = ?')
        .get(stranger.vaultId);
      expect(row).toEqual({ reason: 'confirmed', name: 'Bob Field Lawyer', packageId: r.packageId });
      expect(entries('package.signer_trusted').at(-1)).toEqual({
        subject: r.caseId,
        data: expect.objectContaining({
          sourceVault: stranger.vaultId,
          fingerprint: stranger.fingerprint,
          reason: 'confirmed',
        }),
      });

      // The second package from that vault and key passes without asking again.
      const second = await packageFrom(stranger);
      const again = await verifyAsReceiver(second);
      expect(again.checks.filter((c) => !c.ok)).toEqual([]);
      expect(trustCheck(again)[0]?.detail).toMatch(/trusted .* from this sender's vault/);
      expect(again.signerTrust?.[0]?.status).toBe('known');
      const trustedBefore = entries('package.signer_trusted').length;
      expect((await importPackage(receiver, second)).items).toBeGreaterThan(0);
      expect(entries('package.signer_trusted')).toHaveLength(trustedBefore);
    },
  );

  it(
    'refuses a known vault whose signing key changed, ' + 'showing both fingerprints, until the new one is confirmed',
    async () => {
      // A recovery-code unlock gives the member a new signing key: a real key change of a known vault.
      const vault = await openVault(stranger.dir, { recoveryCode: stranger.recoveryCode });
      await changePassphrase(vault, 'a new passphrase after recovery', {
        currentSecret: stranger.recoveryCode,
        kdf: await fastKdf(),
      });
      const id = memberIdentity(vault);
      if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
      await vault.close();
      const newFingerprint = id.fingerprints.minisign;
      expect(newFingerprint).not.toBe(stranger.fingerprint);
      const file = await packageFrom(stranger, { passphrase: 'a new passphrase after recovery' });

      const report = await verifyAsReceiver(file);
      expect(report.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['signer-trust']);
      const detail = trustCheck(report)[0]?.detail ?? '';
      expect(detail).toMatch(/the sender's signing key changed/i);
      expect(detail).toContain(stranger.fingerprint);
      expect(detail).toContain(newFingerprint);
      expect(report.signerTrust).toEqual([
        expect.objectContaining({ status: 'changed', fingerprint: newFingerprint, expected: [stranger.fingerprint] }),
      ]);

      const before = state();
      expect(await failure(importPackage(receiver, file))).toMatchObject({
        code: 'SIGNER_UNTRUSTED',
        message: expect.stringMatching(/signing key changed/i),
      });
      expect(await failure(importPackage(receiver, file, { trustSigners: [stranger.fingerprint] }))).toMatchObject({
        code: 'SIGNER_UNTRUSTED',
      });
      expect(state()).toEqual(before);
      const r = await importPackage(receiver, file, { trustSigners: [newFingerprint] });
      expect(entries('package.signer_trusted').at(-1)?.data).toMatchObject({
        fingerprint: newFingerprint,
        reason: 'confirmed',
        previous: [stranger.fingerprint],
      });
      expect(r.items).toBeGreaterThan(0);
    },
  );

  it(
    'a colleague added to a known vault who exports before making any entry of their own: the signature holds ' +
      '(the signed member.added entry admits their key) and the signer is that vault’s changed key, confirmable',
    async () => {
      const colleaguePassphrase = 'the colleague passphrase, fictional';
      const vault = await openVault(partner.dir, { passphrase: TEST_PASSPHRASE });
      try {
        await addMember(vault, 'Partner Colleague', colleaguePassphrase, {
          currentSecret: TEST_PASSPHRASE,
          kdf: await fastKdf(),
        });
      } finally {
        await vault.close();
      }
      const colleague = await openVault(partner.dir, { passphrase: colleaguePassphrase });
      const id = memberIdentity(colleague);
      if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
      await colleague.close();
      const fingerprint = id.fingerprints.minisign;
      const file = await packageFrom(partner, { passphrase: colleaguePassphrase });

      const report = await verifyAsReceiver(file);
      expect(report.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['signer-trust']);
      expect(report.signerTrust).toEqual([
        expect.objectContaining({ status: 'changed', fingerprint, expected: [partner.fingerprint] }),
      ]);
      const r = await importPackage(receiver, file, { trustSigners: [fingerprint] });
      expect(r.sourceVault).toBe(partner.vaultId);
    },
  );

  it('with no vault to check against, says the signer was not checked instead of passing silently', async () => {
    const file = await packageFrom(partner);
    const own = memberIdentity(receiver).ageIdentity;
    const report = await verifyPackageFile(file, { identities: [own] });
    expect(report.ok).toBe(true);
    const [check] = trustCheck(report);
    expect(check).toMatchObject({ ok: true, warning: true });
    expect(check?.detail).toMatch(/not checked against an address book/);
    expect(check?.detail).toContain(partner.fingerprint);
    expect(report.signerTrust).toEqual([expect.objectContaining({ status: 'unchecked' })]);
  });
});

describe('cli/verify and cli/import: signer trust', () => {
  it(
    'verify --vault names an unknown signer; import refuses it, refuses a wrong fingerprint, and takes the right ' +
      'one',
    async () => {
      const dir = path.join(root, 'cli-receiver');
      const { vault } = await createVault(dir, {
        memberName: 'CLI Receiver',
        passphrase: TEST_PASSPHRASE,
        kdf: await fastKdf(),
      });
      const id = memberIdentity(vault);
      const keyFile = path.join(root, 'cli-receiver-key.txt');
      if (id.ageIdentity.kind === 'x25519') {
        fs.writeFileSync(keyFile, `${encodeIdentity(id.ageIdentity.secretKey)}\n`);
        id.ageIdentity.secretKey.fill(0);
      }
      receiverKey = (parseRecipient(id.ageRecipient) as { publicKey: Uint8Array }).publicKey;
      await vault.close();
      const sender = await newSender('Carol Archive Desk');
      const file = await packageFrom(sender);

      const unchecked = runCli(['verify', file, '--identity', keyFile]);
      expect(unchecked.status, unchecked.stdout + unchecked.stderr).toBe(0);
      expect(unchecked.stdout).toMatch(/NOTE {2}signer-trust .*not checked against an address book/);
      expect(unchecked.stdout).toContain(
        'Result: every check passed, but the signer was not checked against an address book',
      );

      const judged = runCli(['verify', file, '--vault', dir]);
      expect(judged.status, judged.stdout + judged.stderr).toBe(1);
      expect(judged.stdout).toMatch(/FAIL {2}signer-trust .*Unknown signer: "Carol Archive Desk"/);
      expect(judged.stdout).toContain(`Result: SIGNER NOT TRUSTED.`);
      expect(judged.stdout).toContain(`--trust-new-signer "${sender.fingerprint}"`);

      const refused = runCli(['import', dir, file]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/Unknown signer.*--trust-new-signer/s);
      const wrong = runCli(['import', dir, file, '--trust-new-signer', partner.fingerprint]);
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toMatch(/is not the fingerprint of this package's signer/);
      const imported = runCli(['import', dir, file, '--trust-new-signer', sender.fingerprint]);
      expect(imported.status, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/Imported package/);
      const again = runCli(['verify', file, '--vault', dir]);
      expect(again.status, again.stdout).toBe(0);
      expect(again.stdout).toMatch(/PASS {2}signer-trust .*trusted on \d{4}-\d{2}-\d{2} from this sender's vault/);
      expect(again.stdout).toContain('Result: every check passed.');

      // An unpacked bag is judged the same way with --vault, and noted as unchecked without it.
      const bagDir = path.join(root, 'cli-unpacked');
      fs.mkdirSync(bagDir);
      fs.writeFileSync(
        path.join(bagDir, 'p.tar'),
        await ageDecrypt(fs.readFileSync(file), [parseIdentity(fs.readFileSync(keyFile, 'utf8').trim())]),
      );
      expect(spawnSync('tar', ['-xf', 'p.tar'], { cwd: bagDir }).status).toBe(0);
      const bag = path.join(bagDir, fs.readdirSync(bagDir).find((n) => n !== 'p.tar') ?? '');
      const bagJudged = runCli(['verify', bag, '--vault', dir]);
      expect(bagJudged.status, bagJudged.stdout + bagJudged.stderr).toBe(0);
      expect(bagJudged.stdout).toMatch(/PASS {2}signer-trust/);
      expect(runCli(['verify', bag]).stdout).toMatch(/NOTE {2}signer-trust/);
    },
  );
});
