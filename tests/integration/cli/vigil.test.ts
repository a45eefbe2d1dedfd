import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalEntryBytes, parseCheckpoint, verifyEntrySignature, type CustodyEntry } from '../../../main/custody';
import { runCli, suiteTempDir, tempDir } from '../../helpers/vault';

let dir: string;
let recoveryCode: string;
let fileA: string;

beforeAll(() => {
  const root = suiteTempDir('vigil-cli-');
  dir = path.join(root, 'vault');
  const init = runCli(['init', dir, '--name', 'Anna']);
  expect(init.status, init.stderr).toBe(0);
  recoveryCode = /RECOVERY CODE[^\n]*\n\s+(\S+)/.exec(init.stdout)?.[1] ?? '';
  expect(recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/);
  fileA = path.join(root, 'letter.txt');
  writeFileSync(fileA, 'Letter dated 3 March, delivered 40 days late.\n');
});

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('vigil (command line)', () => {
  it('prints help with exit 0 and refuses unknown commands with exit 2', () => {
    expect(runCli(['--help']).status).toBe(0);
    const bad = runCli(['frobnicate']);
    expect(bad.status).toBe(2);
  });

  it('adds a file, prints its id and SHA-256, and gives the bytes back with cat', () => {
    const add = runCli(['add', dir, fileA, '--title', 'Letter']);
    expect(add.status, add.stderr).toBe(0);
    const [id, digest] = add.stdout.trim().split(/\s+/);
    expect(digest).toBe(sha256(readFileSync(fileA)));
    const cat = runCli(['cat', dir, id ?? '']);
    expect(cat.status, cat.stderr).toBe(0);
    expect(cat.stdout).toBe(readFileSync(fileA, 'utf8'));
    const out = path.join(tempDir(), 'copy.txt');
    expect(runCli(['cat', dir, id ?? '', '-o', out]).status).toBe(0);
    expect(sha256(readFileSync(out))).toBe(digest);
  });

  it('status --json reports counts and the custody head', () => {
    const status = runCli(['status', dir, '--json']);
    expect(status.status, status.stderr).toBe(0);
    const json = JSON.parse(status.stdout) as {
      counts: { items: number };
      custody: { size: number; root: string };
      formatVersion: number;
    };
    expect(json.formatVersion).toBe(2);
    expect(json.counts.items).toBeGreaterThanOrEqual(1);
    expect(json.custody.size).toBeGreaterThanOrEqual(2);
    expect(json.custody.root).toMatch(/^[0-9a-f]{64}$/);
  });

  it('log --json prints one canonical, signed entry per line', async () => {
    const log = runCli(['log', dir, '--json']);
    expect(log.status, log.stderr).toBe(0);
    const lines = log.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const [i, line] of lines.entries()) {
      const { entry, sig } = JSON.parse(line) as { entry: CustodyEntry; sig: string };
      expect(entry.seq).toBe(i);
      const canonical = canonicalEntryBytes(entry);
      expect(line).toContain(Buffer.from(canonical).toString('utf8'));
      expect(await verifyEntrySignature(canonical, sig, entry.actor)).toBe(true);
    }
  });

  it('checkpoint prints a signed note for the current log', () => {
    const cp = runCli(['checkpoint', dir]);
    expect(cp.status, cp.stderr).toBe(0);
    const parsed = parseCheckpoint(cp.stdout);
    expect(parsed.origin).toMatch(/^vigil\/[0-9a-f-]{36}$/);
    expect(parsed.signatures).toHaveLength(1);
  });

  it('verify exits 0 on a sound vault and 1 after an object is altered', () => {
    const ok = runCli(['verify', dir]);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/every check passed/);

    const root = tempDir();
    const other = path.join(root, 'v');
    expect(runCli(['init', other]).status).toBe(0);
    const add = runCli(['add', other, fileA, '--json']);
    const item = JSON.parse(add.stdout) as { objectId: string };
    const blob = path.join(other, 'blobs', item.objectId.slice(0, 2), `${item.objectId}.age`);
    const bytes = readFileSync(blob);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 5) ^ 0xff, bytes.length - 5);
    writeFileSync(blob, bytes);
    const bad = runCli(['verify', other]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/FAIL\s+object/);
    expect(runCli(['verify', other, '--quick']).status).toBe(0);
  });

  it('fails with exit 2 and one line on stderr for a wrong passphrase or a missing vault', () => {
    const wrong = runCli(['status', dir], { VIGIL_PASSPHRASE: 'wrong one entirely' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/passphrase is not correct/i);
    const missing = runCli(['status', path.join(tempDir(), 'nothing-here')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^vigil: /);
  });

  it('reads the passphrase from --passphrase-file', () => {
    const file = path.join(tempDir(), 'pass.txt');
    writeFileSync(file, 'correct horse battery staple\n');
    const res = runCli(['status', dir, '--passphrase-file', file], { VIGIL_PASSPHRASE: 'ignored because file wins' });
    expect(res.status, res.stderr).toBe(0);
  });

  it('reveals the raw keys only when asked, and --yes skips the prompt', () => {
    expect(runCli(['keys', dir]).status).toBe(2);
    const keys = runCli(['keys', dir, '--reveal', '--yes']);
    expect(keys.status, keys.stderr).toBe(0);
    expect(keys.stdout).toMatch(/SQLCipher key \(raw, hex\): [0-9a-f]{64}/);
    expect(keys.stdout).toMatch(/AGE-SECRET-KEY-1[0-9A-Z]+/);
  });

  it('manages members and passphrases, and recovers with the recovery code', () => {
    const add = runCli(['passwd', dir, 'add', '--name', 'Boris'], { VIGIL_NEW_PASSPHRASE: 'boris secret words' });
    expect(add.status, add.stderr).toBe(0);
    expect(runCli(['status', dir], { VIGIL_PASSPHRASE: 'boris secret words' }).status).toBe(0);
    const list = runCli(['passwd', dir, 'list']);
    expect(list.stdout).toMatch(/Boris/);
    expect(runCli(['passwd', dir, 'remove', 'Boris']).status).toBe(0);
    expect(runCli(['status', dir], { VIGIL_PASSPHRASE: 'boris secret words' }).status).toBe(2);

    const recovered = runCli(['passwd', dir, 'change', '--recovery-code'], {
      VIGIL_RECOVERY_CODE: recoveryCode,
      VIGIL_NEW_PASSPHRASE: 'after recovery words',
    });
    expect(recovered.status, recovered.stderr).toBe(0);
    expect(recovered.stdout).toMatch(/new key fingerprint/);
    expect(runCli(['verify', dir], { VIGIL_PASSPHRASE: 'after recovery words' }).status).toBe(0);
    const log = runCli(['log', dir], { VIGIL_PASSPHRASE: 'after recovery words' });
    expect(log.stdout).toMatch(/member\.key_rotated/);
  });

  it('passwd recovery prints a new recovery code once and the old one stops working', () => {
    const env = { VIGIL_PASSPHRASE: 'after recovery words' };
    const replaced = runCli(['passwd', dir, 'recovery'], env);
    expect(replaced.status, replaced.stderr).toBe(0);
    const newCode = /NEW RECOVERY CODE[^\n]*\n\s+(\S+)/.exec(replaced.stdout)?.[1] ?? '';
    expect(newCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/);
    expect(newCode).not.toBe(recoveryCode);
    expect(replaced.stdout).toMatch(/old recovery code no longer opens/);
    expect(runCli(['status', dir, '--recovery-code'], { VIGIL_RECOVERY_CODE: recoveryCode }).status).toBe(2);
    const withNew = runCli(['status', dir, '--recovery-code'], { VIGIL_RECOVERY_CODE: newCode });
    expect(withNew.status, withNew.stderr).toBe(0);
    expect(runCli(['log', dir], env).stdout).toMatch(/vault\.recovery_code_replaced/);
  });
});
