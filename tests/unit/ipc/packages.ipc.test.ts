import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCustodyHead } from '../../../main/custody/log-store';
import type { DemoSummary } from '../../../main/evidence/demo';
import { listItems } from '../../../main/evidence/items';
import { parseRecipient } from '../../../main/crypto/age';
import { exportPackage } from '../../../main/packages/export/export';
import { addRecipient } from '../../../main/packages/recipients';
import { memberIdentity } from '../../../main/vault/identity';
import { callChannel, channelValue as ok, coreForEachTest, suiteDemoVault } from '../../helpers/ipc';
import { hasTool } from '../../helpers/tools';
import { newTestVault, tempDir } from '../../helpers/vault';
import { fillVault } from '../../integration/packages/make-package';
import { addNamesCase, MARK } from '../../integration/packages/names-fixture';

const cores = coreForEachTest();

let demoDir = '';
let demo: DemoSummary;
beforeAll(async () => {
  ({ dir: demoDir, demo } = await suiteDemoVault());
});

/** A new age key pair made by age-keygen. */
function ageKeygen(dir: string): { identityFile: string; recipient: string } {
  const identityFile = path.join(dir, 'key.txt');
  const r = spawnSync('age-keygen', ['-o', identityFile], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`age-keygen failed: ${r.stderr}`);
  const recipient = /# public key: (age1[0-9a-z]+)/.exec(fs.readFileSync(identityFile, 'utf8'))?.[1] ?? '';
  return { identityFile, recipient };
}

type Plan = {
  bag: string;
  items: { path: string; size: number; id: string }[];
  generated: string[];
  tagFiles: string[];
  candidates: unknown[];
  leftOut: number;
  codedPeople: string[];
  namedPeople: number;
  settings: { names: string; stripExif: boolean; contactDetails: boolean };
};
type Exported = {
  packagePath: string;
  receiptPath: string;
  packageSha256: string;
  bag: string;
  items: number;
  recipients: { name: string | null; fingerprint: string }[];
  signerFingerprint: string;
};

const hasAge = hasTool('age') && hasTool('age-keygen');
const TEST_KEY = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';

describe('ipc/packages.ipc', () => {
  it('packages:recipients lists the address book with each key fingerprint', async () => {
    const core = await cores.unlocked(demoDir);
    expect(await ok(core, 'packages:recipients', {})).toEqual([]);
    addRecipient(core.services.session.requireVault(), { name: 'Test mechanism', ageRecipient: TEST_KEY });
    const list = await ok<{ name: string; ageRecipient: string; fingerprint: string }[]>(
      core,
      'packages:recipients',
      {},
    );
    expect(list).toEqual([
      expect.objectContaining({
        name: 'Test mechanism',
        ageRecipient: TEST_KEY,
        fingerprint: expect.stringMatching(/^([0-9A-Z]{4} ){5}[0-9A-Z]{4}$/),
      }),
    ]);
  });

  it('packages:plan previews the bag without writing anything to the vault', async () => {
    const core = await cores.unlocked(demoDir);
    const db = core.services.session.requireVault().db;
    const headBefore = readCustodyHead(db).size;
    const itemsBefore = listItems(db, { caseId: demo.caseId }).length;
    const plan = await ok<Plan>(core, 'packages:plan', { caseId: demo.caseId, profile: { kind: 'protected' } });
    expect(plan.items).toHaveLength(demo.counts.items);
    // The protected profile names items by number only (NNN.ext): a file name may name a person.
    expect(plan.items.every((i) => /^data\/items\/\d{3}(\.\w+)?$/.test(i.path))).toBe(true);
    expect(plan.generated).toEqual(
      expect.arrayContaining(['data/case.json', 'data/register.csv', 'data/custody/entries.jsonl', 'data/VERIFY.txt']),
    );
    expect(plan.tagFiles).toEqual(
      expect.arrayContaining(['bagit.txt', 'manifest-sha256.txt', 'tagmanifest-sha512.txt.minisig']),
    );
    expect(plan.settings).toMatchObject({ names: 'consent', stripExif: true, contactDetails: false });
    expect(plan.codedPeople.length).toBeGreaterThan(0);
    expect(readCustodyHead(db).size).toBe(headBefore);
    expect(listItems(db, { caseId: demo.caseId })).toHaveLength(itemsBefore);

    const full = await ok<Plan>(core, 'packages:plan', { caseId: demo.caseId, profile: { kind: 'full' } });
    expect(full.codedPeople).toEqual([]);
    expect(full.settings).toMatchObject({ names: 'all', stripExif: false, contactDetails: true });
    const first = plan.candidates[0] as { id: string };
    const subset = await ok<Plan>(core, 'packages:plan', {
      caseId: demo.caseId,
      itemIds: [first.id],
      profile: { kind: 'protected' },
    });
    expect(subset.items.map((i) => i.id)).toEqual([first.id]);
    expect(subset.leftOut).toBe(demo.counts.items - 1);
  });

  it(
    'packages:read-profile reads a chosen custom profile file once, and names the problem in a bad one; plan ' +
      'takes its settings',
    async () => {
      const core = await cores.unlocked(demoDir);
      const dir = tempDir();
      const good = path.join(dir, 'codes.json');
      fs.writeFileSync(
        good,
        JSON.stringify({
          name: 'codes only',
          names: 'codes',
          recordings: false,
          stripExif: true,
          contactDetails: false,
        }),
      );
      const read = await ok<{ name: string; profile: { names: string } }>(core, 'packages:read-profile', {
        file: core.grant(good),
      });
      expect(read).toMatchObject({ name: 'codes.json', profile: { name: 'codes only', names: 'codes' } });
      const plan = await ok<Plan>(core, 'packages:plan', {
        caseId: demo.caseId,
        profile: { kind: 'custom', profile: read.profile },
      });
      expect(plan.settings).toMatchObject({ names: 'codes' });
      expect(plan.namedPeople).toBe(0);
      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify({ name: 'x', names: 'everyone' }));
      const refused = await callChannel(core, 'packages:read-profile', { file: core.grant(bad) });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining('names') },
      });
      // Settings sent by the window are checked again: the window cannot smuggle in a profile the file format refuses.
      const smuggled = await callChannel(core, 'packages:plan', {
        caseId: demo.caseId,
        profile: {
          kind: 'custom',
          profile: { name: 'x', names: 'everyone', recordings: true, stripExif: false, contactDetails: true },
        },
      });
      expect(smuggled).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    },
  );

  it.skipIf(!hasAge)(
    'packages:export seals to an age key with progress; the bag holds exactly the previewed files',
    async () => {
      const core = await cores.unlocked(demoDir);
      const dir = tempDir();
      const key = ageKeygen(dir);
      const plan = await ok<Plan>(core, 'packages:plan', { caseId: demo.caseId, profile: { kind: 'protected' } });
      const output = path.join(dir, 'case.tar.age');
      const result = await ok<Exported>(core, 'packages:export', {
        taskId: 'export-0001',
        caseId: demo.caseId,
        profile: { kind: 'protected' },
        recipients: [key.recipient],
        output: core.grant(output, 'save-file'),
      });
      expect(result).toMatchObject({
        packagePath: output,
        receiptPath: path.join(dir, 'case.receipt.txt'),
        items: demo.counts.items,
        bag: plan.bag,
      });
      expect(result.recipients).toEqual([{ name: null, ageRecipient: key.recipient, fingerprint: expect.any(String) }]);
      expect(result.signerFingerprint).toMatch(/^([0-9A-Z]{4} ){5}[0-9A-Z]{4}$/);
      expect(
        core.events.some(
          (e) => e.name === 'task:progress' && (e.payload as { taskId: string }).taskId === 'export-0001',
        ),
      ).toBe(true);
      const listing = spawnSync('sh', ['-c', `age -d -i "${key.identityFile}" "${output}" | tar -t`], {
        encoding: 'utf8',
      });
      expect(listing.status).toBe(0);
      const inBag = listing.stdout
        .split('\n')
        .filter((l) => l !== '' && !l.endsWith('/'))
        .map((l) => l.slice(result.bag.length + 1))
        .sort();
      expect(inBag).toEqual([...plan.items.map((i) => i.path), ...plan.generated, ...plan.tagFiles].sort());
    },
  );

  it('packages:export seals to a passphrase, and refuses recipients and a passphrase together', async () => {
    const core = await cores.unlocked(demoDir);
    const dir = tempDir();
    const base = { caseId: demo.caseId, profile: { kind: 'protected' } };
    const result = await ok<Exported>(core, 'packages:export', {
      ...base,
      taskId: 'export-0002',
      recipients: [],
      passphrase: 'five quiet words for the court',
      output: core.grant(path.join(dir, 'p.tar.age'), 'save-file'),
    });
    expect(result.recipients).toEqual([]);
    expect(fs.existsSync(result.packagePath)).toBe(true);
    const both = await callChannel(core, 'packages:export', {
      ...base,
      taskId: 'export-0003',
      recipients: [TEST_KEY],
      passphrase: 'five quiet words for the court',
      output: core.grant(path.join(dir, 'q.tar.age'), 'save-file'),
    });
    expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a cancelled export ends with CANCELLED and leaves no file', async () => {
    const core = await cores.unlocked(demoDir);
    const dir = tempDir();
    const pending = callChannel(core, 'packages:export', {
      taskId: 'export-0004',
      caseId: demo.caseId,
      profile: { kind: 'protected' },
      recipients: [TEST_KEY],
      output: core.grant(path.join(dir, 'c.tar.age'), 'save-file'),
    });
    // Cancel as soon as the task is registered, before the bag is written.
    while (!core.services.tasks.cancel('export-0004')) await new Promise((r) => setImmediate(r));
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it(
    'packages:verify and packages:import open a package sealed to the member with their own key, with progress; ' +
      'the case comes in whole',
    async () => {
      const core = await cores.unlocked(demoDir);
      const vault = core.services.session.requireVault();
      const id = memberIdentity(vault);
      if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
      const file = path.join(tempDir(), 'to-myself.tar.age');
      await ok(core, 'packages:export', {
        taskId: 'export-0010',
        caseId: demo.caseId,
        profile: { kind: 'full' },
        recipients: [id.ageRecipient],
        output: core.grant(file, 'save-file'),
      });
      const checked = core.grant(file);
      const report = await ok<{
        ok: boolean;
        items: number;
        checks: { check: string; ok: boolean }[];
        signerTrust?: { status: string }[];
        importGrant: { grant: string; label: string };
      }>(core, 'packages:verify', { taskId: 'verify-0001', file: checked });
      expect(report).toMatchObject({ ok: true, items: demo.counts.items, importGrant: { label: file } });
      // The check spent its grant; the import takes the fresh one the check answered with.
      expect(report.importGrant.grant).not.toBe(checked);
      expect(await callChannel(core, 'packages:import', { taskId: 'import-0009', file: checked })).toMatchObject({
        ok: false,
        error: { code: 'NOT_GRANTED' },
      });
      expect(new Set(report.checks.map((c) => c.check))).toEqual(
        new Set([
          'decrypt',
          'tar',
          'bagit',
          'signature',
          'signer-trust',
          'custody',
          'proof',
          'checkpoint',
          'consistency',
          'record',
          'update',
        ]),
      );
      // Sealed by this very vault: its own member signed it.
      expect(report.signerTrust).toEqual([expect.objectContaining({ status: 'member' })]);
      const progressOf = (taskId: string): { done: number; total: number }[] =>
        core.events
          .filter((e) => e.name === 'task:progress' && (e.payload as { taskId: string }).taskId === taskId)
          .map((e) => e.payload as { done: number; total: number });
      const size = fs.statSync(file).size;
      expect(progressOf('verify-0001').at(-1)).toMatchObject({ done: size, total: size });
      const cases = vault.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
      const imported = await ok<{ caseId: string; items: number }>(core, 'packages:import', {
        taskId: 'import-0001',
        file: report.importGrant.grant,
      });
      expect(imported.items).toBe(demo.counts.items);
      expect(listItems(vault.db, { caseId: imported.caseId })).toHaveLength(demo.counts.items);
      expect(vault.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(cases + 1);
      expect(progressOf('import-0001').at(-1)).toMatchObject({ done: 2 * size, total: 2 * size });
      // The window asking again (a second click, or a rerun after an interruption) is told so, and nothing changes.
      const custody = vault.db.prepare('SELECT count(*) FROM custody_log').pluck().get() as number;
      expect(await callChannel(core, 'packages:import', { taskId: 'import-0003', file: core.grant(file) })).toEqual({
        ok: false,
        error: {
          code: 'ALREADY_IMPORTED',
          message: expect.stringMatching(/already imported .* Nothing was changed\.$/),
        },
      });
      expect(vault.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(cases + 1);
      expect(vault.db.prepare('SELECT count(*) FROM custody_log').pluck().get()).toBe(custody);
    },
  );

  it(
    'a package sealed to someone else fails its decrypt check in packages:verify and is refused by ' +
      'packages:import, changing nothing',
    async () => {
      const core = await cores.unlocked(demoDir);
      const vault = core.services.session.requireVault();
      const file = path.join(tempDir(), 'not-mine.tar.age');
      await ok(core, 'packages:export', {
        taskId: 'export-0011',
        caseId: demo.caseId,
        profile: { kind: 'protected' },
        recipients: [TEST_KEY],
        output: core.grant(file, 'save-file'),
      });
      const report = await ok<{ ok: boolean; checks: { check: string; ok: boolean; detail: string }[] }>(
        core,
        'packages:verify',
        { taskId: 'verify-0002', file: core.grant(file) },
      );
      expect(report.ok).toBe(false);
      expect(report.checks.filter((c) => !c.ok)).toEqual([
        expect.objectContaining({ check: 'decrypt', detail: expect.stringMatching(/sealed for someone else/) }),
      ]);
      const custody = readCustodyHead(vault.db).size;
      expect(
        await callChannel(core, 'packages:import', { taskId: 'import-0002', file: core.grant(file) }),
      ).toMatchObject({ ok: false, error: { code: 'PACKAGE_INVALID' } });
      expect(readCustodyHead(vault.db).size).toBe(custody);
      expect(await callChannel(core, 'packages:verify', { taskId: 'verify-0003', file: '' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(
        await callChannel(core, 'packages:verify', {
          taskId: 'verify-0004',
          file: core.grant(path.join(tempDir(), 'missing.tar.age')),
        }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    },
  );

  it(
    'a package sealed with a passphrase opens with that ' + 'passphrase, and fails its decrypt check without it',
    async () => {
      const core = await cores.unlocked(demoDir);
      const file = path.join(tempDir(), 'by-passphrase.tar.age');
      const passphrase = 'five quiet words for the court';
      await ok(core, 'packages:export', {
        taskId: 'export-0012',
        caseId: demo.caseId,
        profile: { kind: 'protected' },
        recipients: [],
        passphrase,
        output: core.grant(file, 'save-file'),
      });
      const without = await ok<{ ok: boolean; checks: { check: string; ok: boolean }[] }>(core, 'packages:verify', {
        taskId: 'verify-0006',
        file: core.grant(file),
      });
      expect(without.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['decrypt']);
      const wrong = await ok<{ ok: boolean }>(core, 'packages:verify', {
        taskId: 'verify-0007',
        file: core.grant(file),
        passphrase: 'not the passphrase',
      });
      expect(wrong.ok).toBe(false);
      expect(
        await ok(core, 'packages:verify', { taskId: 'verify-0008', file: core.grant(file), passphrase }),
      ).toMatchObject({ ok: true, items: demo.counts.items });
      const imported = await ok<{ items: number }>(core, 'packages:import', {
        taskId: 'import-0003',
        file: core.grant(file),
        passphrase,
      });
      expect(imported.items).toBe(demo.counts.items);
    },
  );

  it(
    'packages:plan lists originals that name protected people by code; packages:export refuses them until the ' +
      'sender confirms',
    async () => {
      const { core } = await cores.unlockedEmpty();
      const names = await addNamesCase(core.services.session.requireVault(), tempDir());
      const scope = { caseId: names.caseId, profile: { kind: 'protected' } };
      const plan = await ok(core, 'packages:plan', scope);
      expect(plan.nameHits.map((h) => [h.position, h.code, h.count, h.fields])).toEqual([
        [1, names.code, 3, ['text']],
        [2, names.code, 1, ['fileName']],
      ]);
      const dir = tempDir();
      for (const [taskId, confirm] of [
        ['export-0020', {}],
        ['export-0021', { confirmProtectedNames: false }],
      ] as const) {
        const refused = await callChannel(core, 'packages:export', {
          ...scope,
          taskId,
          recipients: [TEST_KEY],
          output: core.grant(path.join(dir, 'p.tar.age'), 'save-file'),
          ...confirm,
        });
        expect(refused).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', message: expect.stringContaining(`${names.code} ×3`) },
        });
        for (const name of [MARK.detainee, MARK.alias]) expect(JSON.stringify(refused)).not.toContain(name);
      }
      expect(fs.readdirSync(dir)).toEqual([]);
      const done = await ok(core, 'packages:export', {
        ...scope,
        taskId: 'export-0022',
        recipients: [TEST_KEY],
        output: core.grant(path.join(dir, 'p.tar.age'), 'save-file'),
        confirmProtectedNames: true,
      });
      expect(fs.existsSync(done.packagePath)).toBe(true);
      const full = await ok(core, 'packages:plan', { ...scope, profile: { kind: 'full' } });
      expect(full.nameHits).toEqual([]);
    },
  );

  it(
    'a package from an unknown sender: packages:verify names the signer to confirm; packages:import refuses it ' +
      'without the fingerprint or with another, and trusts it with the right one',
    async () => {
      const { core } = await cores.unlockedEmpty();
      const vault = core.services.session.requireVault();
      const sender = await newTestVault('Bob Field Lawyer');
      const file = path.join(tempDir(), 'from-bob.tar.age');
      let fingerprint: string;
      try {
        const caseId = await fillVault(sender.vault, tempDir());
        await exportPackage(sender.vault, {
          caseId,
          recipients: [(parseRecipient(memberIdentity(vault).ageRecipient) as { publicKey: Uint8Array }).publicKey],
          profile: 'full',
          output: file,
        });
        fingerprint = memberIdentity(sender.vault).fingerprints.minisign;
      } finally {
        await sender.vault.close();
      }
      const report = await ok(core, 'packages:verify', { taskId: 'verify-0020', file: core.grant(file) });
      expect(report.ok).toBe(false);
      expect(report.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['signer-trust']);
      expect(report.signerTrust).toEqual([
        expect.objectContaining({ status: 'unknown', name: 'Bob Field Lawyer', fingerprint }),
      ]);
      const count = (): number => vault.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
      const before = { cases: count(), custody: readCustodyHead(vault.db).size };
      const refusals = [
        ['import-0020', {}],
        ['import-0021', { trustSigners: ['0000 0000 0000 0000 0000 0000'] }],
      ] as const;
      for (const [taskId, trust] of refusals) {
        const refused = await callChannel(core, 'packages:import', { taskId, file: core.grant(file), ...trust });
        expect(refused, taskId).toMatchObject({ ok: false, error: { code: 'SIGNER_UNTRUSTED' } });
      }
      expect({ cases: count(), custody: readCustodyHead(vault.db).size }).toEqual(before);
      // The window sends what the person typed; only the core decides whether it is the signer's.
      const malformed = await callChannel(core, 'packages:import', {
        taskId: 'import-0022',
        file: core.grant(file),
        trustSigners: ['x'.repeat(65)],
      });
      expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      const imported = await ok(core, 'packages:import', {
        taskId: 'import-0023',
        file: core.grant(file),
        trustSigners: [fingerprint],
      });
      expect(count()).toBe(before.cases + 1);
      expect(
        vault.db
          .prepare(
            "SELECT count(*) FROM custody_log WHERE json_extract(entry, '$.action') = 'package.signer_trusted' " +
              "AND json_extract(entry, '$.subject') = ?",
          )
          .pluck()
          .get(imported.caseId),
      ).toBe(1);
      const again = await ok(core, 'packages:verify', { taskId: 'verify-0021', file: core.grant(file) });
      expect(again).toMatchObject({ ok: true, signerTrust: [expect.objectContaining({ status: 'known' })] });
    },
  );

  it('every channel refuses with VAULT_LOCKED while locked', async () => {
    const current = await cores.locked();
    for (const [channel, req] of [
      ['packages:recipients', {}],
      ['packages:plan', { caseId: demo.caseId, profile: { kind: 'protected' } }],
      [
        'packages:export',
        {
          taskId: 'export-0005',
          caseId: demo.caseId,
          profile: { kind: 'full' },
          recipients: [TEST_KEY],
          output: current.grant('/nowhere/x.tar.age', 'save-file'),
        },
      ],
      ['packages:verify', { taskId: 'verify-0005', file: current.grant('/nowhere/x.tar.age') }],
      ['packages:import', { taskId: 'import-0005', file: current.grant('/nowhere/x.tar.age') }],
    ] as const) {
      expect(await callChannel(current, channel, req)).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
  });
});
