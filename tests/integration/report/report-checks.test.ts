/**
 * The checks around a report, each shown to catch a broken input: the file's
 * minisign signature, the checkpoint's signature checked with OpenSSL from the
 * report's own text, the custody log verified before a report is made, and a
 * report never written over an existing file.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../../main/evidence/cases';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { createCaseReport } from '../../../main/report/case-report';
import { DATABASE_FILE, openEncryptedDatabase, type Db } from '../../../main/vault/database';
import { deriveSqlcipherKey } from '../../../main/vault/keys/derive';
import { readVaultHeader } from '../../../main/vault/keys/header';
import { unlockWithSecret } from '../../../main/vault/keys/slots';
import { openVault } from '../../../main/vault/open';
import type { Vault } from '../../../main/vault/vault';
import { hasTool } from '../../helpers/tools';
import { newTestVault, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

let dir: string;
let caseId: string;

beforeEach(async () => {
  const made = await newTestVault('Investigator (fictional)');
  dir = made.dir;
  caseId = createCase(made.vault, { title: 'Detention of a fictional reporter', reference: 'TEST-2026-007' }).id;
  const file = path.join(tempDir(), 'reply.txt');
  writeFileSync(file, 'The person named is not registered here. [fictional]\n');
  await addFileItem(made.vault, file, { caseId, title: 'Reply of the colony' });
  await made.vault.close();
});

async function withOpen<T>(fn: (vault: Vault) => Promise<T>): Promise<T> {
  const vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
  try {
    return await fn(vault);
  } finally {
    await vault.close();
  }
}

/** Opens the database directly, as someone holding the key would, and applies `edit`. */
async function tamperDb(edit: (db: Db) => void): Promise<void> {
  const header = await readVaultHeader(dir);
  const { masterKey } = await unlockWithSecret(header, { passphrase: TEST_PASSPHRASE });
  const db = openEncryptedDatabase(path.join(dir, DATABASE_FILE), deriveSqlcipherKey(masterKey));
  try {
    edit(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

function counts(vault: Vault): { checkpoints: number; entries: number } {
  return {
    checkpoints: vault.db.prepare('SELECT count(*) FROM checkpoints').pluck().get() as number,
    entries: vault.db.prepare('SELECT count(*) FROM custody_log').pluck().get() as number,
  };
}

describe('report/createCaseReport checks', () => {
  it.runIf(hasTool('minisign'))('signs the PDF so that minisign verifies it, and a changed byte fails', async () => {
    const output = path.join(tempDir(), 'report.pdf');
    const r = await withOpen((vault) => createCaseReport(vault, { caseId, output, lang: 'en', profile: 'protected' }));
    const key = r.report.checkpoint.signer.minisignKeyLine;
    const ok = spawnSync('minisign', ['-Vm', output, '-x', `${output}.minisig`, '-P', key], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`vigil report sha256 ${r.sha256}`);
    const changed = path.join(tempDir(), 'report.pdf');
    const bytes = readFileSync(output);
    const mid = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(mid) ^ 0x01, mid);
    writeFileSync(changed, bytes);
    copyFileSync(`${output}.minisig`, `${changed}.minisig`);
    expect(spawnSync('minisign', ['-Vm', changed, '-x', `${changed}.minisig`, '-P', key]).status).not.toBe(0);
  });

  it.runIf(hasTool('openssl') && hasTool('pdftotext', 'poppler-utils'))(
    'gives OpenSSL steps in its text that verify the checkpoint, and fail on a changed checkpoint',
    async () => {
      const output = path.join(tempDir(), 'report.pdf');
      const r = await withOpen((vault) =>
        createCaseReport(vault, { caseId, output, lang: 'ru', profile: 'protected' }),
      );
      const text = spawnSync('pdftotext', [output, '-'], { encoding: 'utf8' }).stdout.split('\n');
      const steps = text.filter(
        (line) => line.startsWith("printf '%s\\n' ") || line.startsWith('echo ') || line.startsWith('openssl pkeyutl '),
      );
      expect(steps).toHaveLength(4);
      const work = tempDir();
      const run = spawnSync('sh', ['-c', steps.join('\n')], { cwd: work, encoding: 'utf8' });
      expect(run.stdout + run.stderr).toContain('Signature Verified Successfully');
      expect(readFileSync(path.join(work, 'body.txt'), 'utf8')).toBe(r.report.checkpoint.body);
      const cp = r.report.checkpoint;
      writeFileSync(path.join(work, 'body.txt'), cp.body.replace(`\n${cp.size}\n`, `\n${cp.size + 1}\n`));
      const bad = spawnSync('sh', ['-c', steps[3] ?? ''], { cwd: work, encoding: 'utf8' });
      expect(bad.status).not.toBe(0);
      expect(bad.stdout + bad.stderr).not.toContain('Signature Verified Successfully');
    },
  );

  it('refuses a custody log whose entry signature does not verify, writing and recording nothing', async () => {
    await tamperDb((db) => {
      const sig = db.prepare('SELECT sig FROM custody_log WHERE seq = 1').pluck().get() as string;
      db.prepare('UPDATE custody_log SET sig = ? WHERE seq = 2').run(sig);
    });
    const output = path.join(tempDir(), 'report.pdf');
    await withOpen(async (vault) => {
      const before = counts(vault);
      await expect(createCaseReport(vault, { caseId, output, lang: 'en', profile: 'protected' })).rejects.toMatchObject(
        { code: 'CUSTODY_BROKEN', message: expect.stringContaining('entry 2') as unknown },
      );
      expect(counts(vault)).toEqual(before);
    });
    expect(spawnSync('test', ['-e', output]).status).not.toBe(0);
  });

  it('refuses a custody log whose stored head disagrees with its entries (entries removed)', async () => {
    await tamperDb((db) => db.prepare('UPDATE custody_head SET size = size - 1').run());
    await withOpen(async (vault) => {
      await expect(
        createCaseReport(vault, { caseId, output: path.join(tempDir(), 'r.pdf'), lang: 'en', profile: 'protected' }),
      ).rejects.toMatchObject({ code: 'CUSTODY_BROKEN' });
    });
  });

  it('never writes over an existing file or signature, and then makes no checkpoint and records nothing', async () => {
    const folder = tempDir();
    const output = path.join(folder, 'report.pdf');
    for (const existing of [output, `${output}.minisig`]) {
      writeFileSync(existing, 'kept as it was');
      await withOpen(async (vault) => {
        const before = counts(vault);
        await expect(createCaseReport(vault, { caseId, output, lang: 'uk', profile: 'full' })).rejects.toMatchObject({
          code: 'INVALID_INPUT',
        });
        expect(counts(vault)).toEqual(before);
      });
      expect(readFileSync(existing, 'utf8')).toBe('kept as it was');
      spawnSync('rm', ['-f', existing]);
    }
  });
});
