import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, ageEncrypt, parseIdentity, x25519PublicKey } from '../../../main/crypto/age';
import {
  leafHash,
  parseCheckpoint,
  verifyCheckpoint,
  verifyEntrySignature,
  verifyInclusion,
} from '../../../main/custody';
import { iterateStoredEntries, readCustodyHead } from '../../../main/custody/log-store';
import { createCase } from '../../../main/evidence/cases';
import { createDemoVault } from '../../../main/evidence/demo';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { listItems } from '../../../main/evidence/items';
import { validateBag } from '../../../main/packages/bagit/bag-validate';
import { exportPackage } from '../../../main/packages/export/export';
import { openVault } from '../../../main/vault/open';
import type { Vault } from '../../../main/vault/vault';
import { hasTool } from '../../helpers/tools';
import { untarBag } from '../../unit/packages/helpers';
import { fastKdf, suiteTempDir, tempDir, TEST_PASSPHRASE } from '../../helpers/vault';
import { ageKeygen, allFiles, enrichDemoCase, NAMED_NAMES, PROTECTED_NAMES, run } from './export-fixture';

const hasAll =
  hasTool('age') && hasTool('minisign') && hasTool('sha256sum') && hasTool('sha512sum') && hasTool('unzip');

let root: string;
let vault: Vault;
let caseId: string;
let key: ReturnType<typeof ageKeygen>;
let protectedExport: Awaited<ReturnType<typeof exportPackage>>;
let headBefore: number;

/** Decrypts with the real age command and unpacks with tar; returns the bag folder. */
function openWithTools(pkg: string, into: string): string {
  fs.mkdirSync(into, { recursive: true });
  run('age', ['-d', '-i', key.identityFile, '-o', path.join(into, 'p.tar'), pkg], into);
  run('tar', ['-xf', 'p.tar'], into);
  const [bag] = fs.readdirSync(into).filter((n) => n.startsWith('vigil-'));
  if (!bag) throw new Error('no bag folder in the package');
  return path.join(into, bag);
}

/** Every file of the bag as text, DOCX parts unzipped, for searching. */
function bagTexts(bagDir: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const f of allFiles(bagDir)) {
    const file = path.join(bagDir, f);
    texts.set(f, f.endsWith('.docx') ? run('unzip', ['-p', file], bagDir) : fs.readFileSync(file, 'utf8'));
  }
  return texts;
}

function custodyActions(): { seq: number; action: string; hash: string | null }[] {
  return [...iterateStoredEntries(vault.db)].map((r) => ({
    seq: r.seq,
    ...(JSON.parse(r.canonical) as { action: string; hash: string | null }),
  }));
}

beforeAll(async () => {
  root = suiteTempDir('vigil-export-');
  const dir = path.join(root, 'vault');
  const demo = await createDemoVault(dir, TEST_PASSPHRASE, await fastKdf());
  caseId = demo.caseId;
  vault = await openVault(dir, { passphrase: TEST_PASSPHRASE });
  await enrichDemoCase(vault, caseId, root);
  key = ageKeygen(root);
  headBefore = readCustodyHead(vault.db).size;
  protectedExport = await exportPackage(vault, {
    caseId,
    recipients: [key.publicKey],
    profile: 'protected',
    output: path.join(root, 'case.tar.age'),
  });
}, 60_000);

afterAll(async () => {
  await vault.close();
});

describe('packages/export/exportPackage', () => {
  it.skipIf(!hasAll)('opens and verifies with age, tar, minisign, sha512sum and sha256sum alone', () => {
    const bagDir = openWithTools(protectedExport.packagePath, path.join(root, 'tools'));
    const keys = fs.readFileSync(path.join(bagDir, 'data/custody/keys.txt'), 'utf8');
    const signer =
      /exported-by: ed25519:([0-9a-f]{64})/.exec(fs.readFileSync(protectedExport.receiptPath, 'utf8'))?.[1] ?? '';
    const keyLine =
      new RegExp(`ed25519:${signer}\\nuntrusted comment: [^\\n]*\\n(RW[A-Za-z0-9+/=]+)`).exec(keys)?.[1] ?? '';
    expect(keyLine).toMatch(/^RW/);
    expect(
      run('minisign', ['-Vm', 'tagmanifest-sha512.txt', '-x', 'tagmanifest-sha512.txt.minisig', '-P', keyLine], bagDir),
    ).toContain(`vigil package ${protectedExport.packageId} bag ${protectedExport.bag}`);
    run('sha512sum', ['-c', 'tagmanifest-sha512.txt'], bagDir);
    run('sha256sum', ['-c', 'manifest-sha256.txt'], bagDir);
    run('minisign', ['-Vm', protectedExport.receiptPath, '-P', keyLine], root);
    const receipt = fs.readFileSync(protectedExport.receiptPath, 'utf8');
    const actual = run('sha256sum', [protectedExport.packagePath], root).split(' ')[0];
    expect(receipt).toContain(`package-sha256: ${actual}\n`);
    expect(actual).toBe(protectedExport.packageSha256);
    // A changed payload file is caught by sha256sum.
    const item = allFiles(path.join(bagDir, 'data/items'))[0] ?? '';
    fs.appendFileSync(path.join(bagDir, 'data/items', item), 'x');
    expect(() => run('sha256sum', ['-c', 'manifest-sha256.txt'], bagDir)).toThrow(/FAILED/);
  });

  it.skipIf(!hasAll)('follows data/VERIFY.txt literally', () => {
    const work = tempDir('vigil-verify-steps-');
    fs.copyFileSync(protectedExport.packagePath, path.join(work, path.basename(protectedExport.packagePath)));
    fs.copyFileSync(key.identityFile, path.join(work, 'key.txt'));
    const bagDir = openWithTools(protectedExport.packagePath, path.join(root, 'steps-src'));
    const verify = fs.readFileSync(path.join(bagDir, 'data/VERIFY.txt'), 'utf8');
    const commands = verify
      .split('\n')
      .filter((l) => /^ {7}\S/.test(l))
      .map((l) => l.trim());
    expect(commands.map((c) => c.split(' ')[0])).toEqual(['age', 'tar', 'cd', 'minisign', 'sha512sum', 'sha256sum']);
    const out = run('sh', ['-ec', commands.join('\n')], work);
    expect(out).toContain('Signature and comment signature verified');
    expect(out).not.toMatch(/FAILED/);
  });

  it('makes a valid BagIt bag whose custody entries and proofs verify against the checkpoint', async () => {
    const dir = tempDir('vigil-export-bag-');
    const tar = await ageDecrypt(fs.readFileSync(protectedExport.packagePath), [
      { kind: 'x25519', secretKey: secretOf(key.identityFile) },
    ]);
    const bagDir = untarBag(tar, path.join(dir, 'out'));
    expect(path.basename(bagDir)).toBe(protectedExport.bag);
    const validation = await validateBag(bagDir, { unlistedTagFiles: ['tagmanifest-sha512.txt.minisig'] });
    expect(validation.problems).toEqual([]);
    expect(validation.info['External-Identifier']).toBe(protectedExport.packageId);
    expect(validation.info['Vigil-Profile']).toBe('protected');
    const note = fs.readFileSync(path.join(bagDir, 'data/custody/checkpoint.txt'), 'utf8');
    const cp = parseCheckpoint(note);
    expect((await verifyCheckpoint(note, [Buffer.from(vault.member.publicKeyHex, 'hex')])).ok).toBe(true);
    const stored = new Map([...iterateStoredEntries(vault.db)].map((r) => [r.seq, r.canonical]));
    const lines = fs.readFileSync(path.join(bagDir, 'data/custody/entries.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(50);
    const actions = new Set<string>();
    for (const line of lines) {
      const parsed = JSON.parse(line) as {
        entry: { actor: string; action: string };
        sig: string;
        index: number;
        proof: string[];
      };
      const text = line.slice('{"entry":'.length, line.indexOf(',"sig":'));
      expect(text).toBe(stored.get(parsed.index));
      actions.add(parsed.entry.action);
      const canonical = Buffer.from(text, 'utf8');
      const proof = parsed.proof.map((p) => Buffer.from(p, 'base64'));
      expect(verifyInclusion(leafHash(canonical), parsed.index, cp.size, proof, cp.root)).toBe(true);
      expect(await verifyEntrySignature(canonical, parsed.sig, parsed.entry.actor)).toBe(true);
      // Mutations are caught: a changed proof hash, a changed entry.
      const badProof = proof.map((h, i) => (i === 0 ? Buffer.from(h.map((b) => b ^ 1)) : h));
      if (proof.length > 0)
        expect(verifyInclusion(leafHash(canonical), parsed.index, cp.size, badProof, cp.root)).toBe(false);
      const altered = Buffer.from(text.replace('"v":1', '"v":2'));
      expect(await verifyEntrySignature(altered, parsed.sig, parsed.entry.actor)).toBe(false);
    }
    for (const a of [
      'vault.created',
      'case.created',
      'item.ingested',
      'item.derivative_added',
      'person.added',
      'event.added',
      'request.added',
      'transcript.revised',
    ])
      expect(actions).toContain(a);
    expect(actions).not.toContain('package.exported');
  });

  it.skipIf(!hasAll)('leaves no name of a non-consenting person anywhere in a protected bag', () => {
    const bagDir = openWithTools(protectedExport.packagePath, path.join(root, 'names'));
    const texts = bagTexts(bagDir);
    for (const [file, text] of texts)
      for (const name of PROTECTED_NAMES)
        expect(text.toLowerCase(), `${name} in ${file}`).not.toContain(name.toLowerCase());
    const caseJson = texts.get('data/case.json') ?? '';
    expect(caseJson).toContain(NAMED_NAMES[0]);
    expect(caseJson).not.toContain('"contact"');
    const transcript = [...texts].find(([f]) => f.startsWith('data/transcripts/R-') && f.endsWith('.json'))?.[1] ?? '';
    expect(JSON.parse(transcript)).toMatchObject({ namesReplaced: true });
    expect(transcript).toContain('R-001');
    expect(texts.get('data/register.csv')?.split('\r\n')[0]).toBe(
      'id,title,kind,date,date_precision,source_code,sha256,size,path',
    );
    expect(JSON.parse(caseJson).profile.changes.join(' ')).toMatch(/EXIF/);
  });

  it.skipIf(!hasAll)('keeps every name under the full profile', async () => {
    const full = await exportPackage(vault, {
      caseId,
      recipients: [key.publicKey],
      profile: 'full',
      output: path.join(root, 'full.tar.age'),
    });
    const texts = bagTexts(openWithTools(full.packagePath, path.join(root, 'full')));
    const all = [...texts.values()].join('\n');
    for (const name of [...PROTECTED_NAMES, ...NAMED_NAMES]) expect(all).toContain(name);
    expect(texts.get('data/case.json')).toContain('"contact"');
  });

  it.skipIf(!hasAll)('exports JPEGs without EXIF/GPS as a recorded derivative', () => {
    const bagDir = openWithTools(protectedExport.packagePath, path.join(root, 'jpeg'));
    const photo = allFiles(path.join(bagDir, 'data/items')).find((f) => f.endsWith('.jpg')) ?? '';
    const bytes = fs.readFileSync(path.join(bagDir, 'data/items', photo));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(bytes.includes('GPSLatitude')).toBe(false);
    expect(bytes.includes('Exif')).toBe(false);
    expect(bytes.includes('colony gate')).toBe(false);
    const derivative = listItems(vault.db, { caseId }).find((i) => i.derivativeKind === 'exif_stripped');
    expect(derivative?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(custodyActions().some((e) => e.action === 'item.derivative_added')).toBe(true);
    expect(fs.readFileSync(path.join(bagDir, 'data/register.csv'), 'utf8')).toContain(derivative?.id ?? 'missing');
  });

  it('writes exactly one package.exported entry, after the file, citing its hash', () => {
    const exported = custodyActions().filter((e) => e.seq >= headBefore && e.action === 'package.exported');
    expect(exported.filter((e) => e.hash === protectedExport.packageSha256)).toHaveLength(1);
    expect(createHash('sha256').update(fs.readFileSync(protectedExport.packagePath)).digest('hex')).toBe(
      protectedExport.packageSha256,
    );
    expect(fs.statSync(protectedExport.packagePath).mode & 0o777).toBe(0o600);
  });

  it('seals to a passphrase that our scrypt identity opens', async () => {
    const out = path.join(tempDir(), 'pass.tar.age');
    const passphrase = 'a long package passphrase';
    const r = await exportPackage(vault, { caseId, recipients: null, passphrase, profile: 'protected', output: out });
    const tar = await ageDecrypt(fs.readFileSync(out), [{ kind: 'scrypt', passphrase: Buffer.from(passphrase) }]);
    expect(tar.includes(Buffer.from(`${r.bag}/bagit.txt`))).toBe(true);
    expect(fs.readFileSync(r.receiptPath, 'utf8')).toContain('recipients: passphrase\n');
    await expect(
      ageDecrypt(fs.readFileSync(out), [{ kind: 'scrypt', passphrase: Buffer.from('wrong passphrase!') }]),
    ).rejects.toThrow();
  });

  it('refuses to overwrite an existing file', async () => {
    const out = path.join(tempDir(), 'taken.tar.age');
    fs.writeFileSync(out, 'keep me');
    await expect(
      exportPackage(vault, { caseId, recipients: [key.publicKey], profile: 'full', output: out }),
    ).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
  });

  it('applies a custom profile: codes only, chosen kinds, no recordings', async () => {
    const r = await exportPackage(vault, {
      caseId,
      recipients: [key.publicKey],
      profile: {
        name: 'letters-only',
        names: 'codes',
        recordings: false,
        stripExif: true,
        contactDetails: false,
        items: { kinds: ['letter'] },
      },
      output: path.join(tempDir(), 'custom.tar.age'),
    });
    const bagDir = await openInProcess(r.packagePath, r.bag);
    const register = fs.readFileSync(path.join(bagDir, 'data/register.csv'), 'utf8').trimEnd().split('\r\n').slice(1);
    expect(register.length).toBe(r.items);
    expect(register.every((line) => line.split(',')[2] === 'letter')).toBe(true);
    for (const f of allFiles(bagDir).filter((n) => !n.endsWith('.docx'))) {
      const text = fs.readFileSync(path.join(bagDir, f), 'utf8');
      for (const name of [...PROTECTED_NAMES, ...NAMED_NAMES]) expect(text, `${name} in ${f}`).not.toContain(name);
    }
    const caseJson = JSON.parse(fs.readFileSync(path.join(bagDir, 'data/case.json'), 'utf8')) as {
      profile: { name: string; changes: string[] };
    };
    expect(caseJson.profile.name).toBe('letters-only');
    expect(caseJson.profile.changes.join(' ')).toMatch(/only items of these kinds/i);
    expect(fs.readFileSync(path.join(bagDir, 'bag-info.txt'), 'utf8')).toContain('Vigil-Profile: custom');
  });

  it(
    'refuses an item whose recorded SHA-256 was changed (its ' + 'binding no longer matches), leaving nothing behind',
    async () => {
      const item = listItems(vault.db, { caseId }).find((i) => i.kind === 'official_reply');
      if (!item) throw new Error('no official reply in the demo case');
      const dir = tempDir();
      const size = readCustodyHead(vault.db).size;
      vault.db.prepare('UPDATE objects SET sha256 = ? WHERE id = ?').run('0'.repeat(64), item.objectId);
      try {
        await expect(
          exportPackage(vault, {
            caseId,
            recipients: [key.publicKey],
            profile: 'full',
            output: path.join(dir, 'x.tar.age'),
          }),
        ).rejects.toThrow(new RegExp(`Item ${item.id}'s stored object is not the one recorded for it`));
      } finally {
        vault.db.prepare('UPDATE objects SET sha256 = ? WHERE id = ?').run(item.sha256, item.objectId);
      }
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(readCustodyHead(vault.db).size).toBe(size);
    },
  );

  /**
   * Two items of the same size in a case of their own; `legacy` clears their bindings, as for objects stored before
   * schema 140.
   */
  async function swapCase(
    legacy: boolean,
  ): Promise<{ caseId: string; first: { id: string; objectId: string }; second: { id: string; objectId: string } }> {
    const other = createCase(vault, { title: 'Swap check' });
    const files = tempDir();
    const [first, second] = await Promise.all(
      ['first', 'other'].map(async (word) => {
        const file = path.join(files, `${word}.txt`);
        fs.writeFileSync(file, `${word} letter\n`);
        return addFileItem(vault, file, { caseId: other.id, extract: false });
      }),
    );
    if (!first || !second) throw new Error('items not added');
    if (legacy)
      for (const it of [first, second])
        vault.db.prepare('UPDATE objects SET binding = NULL WHERE id = ?').run(it.objectId);
    return { caseId: other.id, first, second };
  }

  /**
   * Runs `exportCase` with `blob` holding `replacement`, then puts the original bytes back; checks nothing was left or
   * recorded.
   */
  async function withObjectReplaced(
    blob: string,
    replacement: Buffer,
    exportCase: (dir: string) => Promise<void>,
  ): Promise<void> {
    const saved = fs.readFileSync(blob);
    fs.writeFileSync(blob, replacement);
    const dir = tempDir();
    const size = readCustodyHead(vault.db).size;
    try {
      await exportCase(dir);
    } finally {
      fs.writeFileSync(blob, saved);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(readCustodyHead(vault.db).size).toBe(size);
  }

  it(
    'refuses an item whose stored object was swapped for another valid one, by its binding and without hashing ' +
      'it (the manifest digests come from the record)',
    async () => {
      // Both files decrypt under the vault's key and have the declared length; the SHA-256 of
      // bound objects is not computed on export, so only the object's binding can tell.
      const { caseId: swapped, first, second } = await swapCase(false);
      await withObjectReplaced(
        vault.blobs.pathOf(first.objectId),
        fs.readFileSync(vault.blobs.pathOf(second.objectId)),
        async (dir) => {
          await expect(
            exportPackage(vault, {
              caseId: swapped,
              recipients: [key.publicKey],
              profile: 'full',
              output: path.join(dir, 'swapped.tar.age'),
            }),
          ).rejects.toThrow(new RegExp(`Item ${first.id}'s stored object is not the one recorded for it`));
        },
      );
    },
  );

  it(
    'refuses an item whose stored object was replaced by a new age file of the same plaintext length made to the ' +
      'vault key',
    async () => {
      const { caseId: swapped, first } = await swapCase(false);
      const identity = vault.blobs.identity();
      if (identity.kind !== 'x25519') throw new Error('the blob identity is not X25519');
      const forged = await ageEncrypt(Buffer.from('forge letter\n'), [
        { kind: 'x25519', publicKey: x25519PublicKey(identity.secretKey) },
      ]);
      await withObjectReplaced(vault.blobs.pathOf(first.objectId), forged, async (dir) => {
        await expect(
          exportPackage(vault, {
            caseId: swapped,
            recipients: [key.publicKey],
            profile: 'full',
            output: path.join(dir, 'forged.tar.age'),
          }),
        ).rejects.toThrow(/stored object is not the one recorded for it/);
      });
    },
  );

  it('refuses a swapped object stored before bindings (schema 140) by the SHA-256 it computes on export', async () => {
    const { caseId: swapped, first, second } = await swapCase(true);
    await withObjectReplaced(
      vault.blobs.pathOf(first.objectId),
      fs.readFileSync(vault.blobs.pathOf(second.objectId)),
      async (dir) => {
        await expect(
          exportPackage(vault, {
            caseId: swapped,
            recipients: [key.publicKey],
            profile: 'full',
            output: path.join(dir, 'legacy.tar.age'),
          }),
        ).rejects.toThrow(new RegExp(`Item ${first.id} read back with a different SHA-256`));
      },
    );
  });

  it('exports objects stored before bindings (schema 140) with their computed digests', async () => {
    const { caseId: legacy, first, second } = await swapCase(true);
    const dir = tempDir();
    const result = await exportPackage(vault, {
      caseId: legacy,
      recipients: [key.publicKey],
      profile: 'full',
      output: path.join(dir, 'legacy.tar.age'),
    });
    const bagDir = openWithTools(result.packagePath, path.join(dir, 'open'));
    const manifest = fs.readFileSync(path.join(bagDir, 'manifest-sha256.txt'), 'utf8');
    for (const it of [first, second])
      expect(manifest).toContain(
        listItems(vault.db, { caseId: legacy }).find((i) => i.id === it.id)?.sha256 ?? 'missing',
      );
    run('sha256sum', ['-c', '--quiet', 'manifest-sha256.txt'], bagDir);
    run('sha512sum', ['-c', '--quiet', 'manifest-sha512.txt'], bagDir);
  });

  it(
    'refuses an item whose recorded SHA-512 was changed (the manifest would list it), though its bytes and ' +
      'SHA-256 are intact',
    async () => {
      const item = listItems(vault.db, { caseId }).find((i) => i.kind === 'official_reply');
      if (!item) throw new Error('no official reply in the demo case');
      const dir = tempDir();
      const size = readCustodyHead(vault.db).size;
      vault.db.prepare('UPDATE objects SET sha512 = ? WHERE id = ?').run('0'.repeat(128), item.objectId);
      try {
        await expect(
          exportPackage(vault, {
            caseId,
            recipients: [key.publicKey],
            profile: 'full',
            output: path.join(dir, 'x.tar.age'),
          }),
        ).rejects.toThrow(new RegExp(`Item ${item.id}'s stored object is not the one recorded for it`));
      } finally {
        vault.db.prepare('UPDATE objects SET sha512 = ? WHERE id = ?').run(item.sha512, item.objectId);
      }
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(readCustodyHead(vault.db).size).toBe(size);
    },
  );

  it('leaves no file and no custody entry when an object is missing or truncated', async () => {
    const item = listItems(vault.db, { caseId }).find((i) => i.kind === 'letter');
    if (!item) throw new Error('no letter in the demo case');
    const blob = vault.blobs.pathOf(item.objectId);
    const saved = fs.readFileSync(blob);
    try {
      for (const damage of [
        () => fs.rmSync(blob),
        () => fs.writeFileSync(blob, saved.subarray(0, saved.length - 20)),
      ]) {
        damage();
        const dir = tempDir();
        const size = readCustodyHead(vault.db).size;
        await expect(
          exportPackage(vault, {
            caseId,
            recipients: [key.publicKey],
            profile: 'full',
            output: path.join(dir, 'bad.tar.age'),
          }),
        ).rejects.toThrow();
        expect(fs.readdirSync(dir)).toEqual([]);
        expect(readCustodyHead(vault.db).size).toBe(size);
      }
    } finally {
      fs.writeFileSync(blob, saved);
    }
  });
});

/** Decrypts and unpacks in-process (no outside tools); returns the bag folder. */
async function openInProcess(pkg: string, bag: string): Promise<string> {
  const dir = tempDir('vigil-export-open-');
  const tar = await ageDecrypt(fs.readFileSync(pkg), [{ kind: 'x25519', secretKey: secretOf(key.identityFile) }]);
  const bagDir = untarBag(tar, path.join(dir, 'out'));
  if (path.basename(bagDir) !== bag) throw new Error(`the package holds ${path.basename(bagDir)}, not ${bag}`);
  return bagDir;
}

function secretOf(identityFile: string): Uint8Array {
  const line =
    fs
      .readFileSync(identityFile, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-')) ?? '';
  const id = parseIdentity(line);
  if (id.kind !== 'x25519') throw new Error('expected an X25519 identity');
  return id.secretKey;
}
