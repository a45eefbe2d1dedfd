import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ageDecrypt,
  ageEncrypt,
  createAgeDecryptStream,
  generateX25519Identity,
  openAgeFile,
  parseIdentity,
  parseRecipient,
  x25519PublicKey,
  type AgeIdentity,
} from '../../../../main/crypto/age';
import { hasTool } from '../../../helpers/tools';
import { codeOf, runStream } from './helpers';

const hasAge = hasTool('age');
const hasScript = hasTool('script');
const SIZES = [0, 1, 65535, 65536, 65537, 3 * 65536, 3 * 1024 * 1024 + 17];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function readAll(file: string, identities: AgeIdentity[]): Promise<Buffer> {
  const reader = await openAgeFile(file, identities);
  try {
    return await reader.read(0, reader.size);
  } finally {
    await reader.close();
  }
}

/** Runs `age` under a pseudo-terminal, since it reads passphrases only from a terminal. */
function ageWithTty(args: string[], ttyInput: string): number {
  const quoted = ['age', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', quoted, '/dev/null'], { input: ttyInput, timeout: 60_000 });
  return r.status ?? -1;
}

describe('crypto/age/interop x25519', () => {
  const me = generateX25519Identity();
  const keyFile = path.join(tmp, 'me.key');
  fs.writeFileSync(keyFile, `# created: test\n# public key: ${me.recipient}\n${me.identity}\n`);

  it.skipIf(!hasAge).each(SIZES)('our file of %i bytes decrypts with age -d -i', async (size) => {
    const plain = randomBytes(size);
    const file = path.join(tmp, `ours-${size}.age`);
    fs.writeFileSync(file, await ageEncrypt(plain, [parseRecipient(me.recipient)]));
    const out = execFileSync('age', ['-d', '-i', keyFile, file], { maxBuffer: 64 << 20 });
    expect(out.equals(plain)).toBe(true);
  });

  it.skipIf(!hasAge).each(SIZES)(
    'a file of %i bytes from age -r decrypts with ours (stream and openAgeFile)',
    async (size) => {
      const plain = randomBytes(size);
      const file = path.join(tmp, `theirs-${size}.age`);
      execFileSync('age', ['-r', me.recipient, '-o', file], { input: plain });
      const ids = [parseIdentity(me.identity)];
      const streamed = await runStream(createAgeDecryptStream(ids), fs.readFileSync(file), 10_007);
      expect(streamed.code).toBeNull();
      expect(streamed.output.equals(plain)).toBe(true);
      expect((await readAll(file, ids)).equals(plain)).toBe(true);
    },
  );

  it.skipIf(!hasAge || !hasTool('age-keygen'))(
    'keys from age-keygen and files from age -e -i work with ours',
    async () => {
      const keyPath = path.join(tmp, 'keygen.key');
      execFileSync('age-keygen', ['-o', keyPath], { stdio: 'ignore' });
      const text = fs.readFileSync(keyPath, 'utf8');
      const secretLine = text.split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1')) ?? '';
      const recipient = execFileSync('age-keygen', ['-y', keyPath]).toString().trim();
      const id = parseIdentity(secretLine);
      if (id.kind !== 'x25519') throw new Error('expected an X25519 identity');
      expect(parseRecipient(recipient)).toEqual({ kind: 'x25519', publicKey: x25519PublicKey(id.secretKey) });
      const plain = randomBytes(200_000);
      const file = path.join(tmp, 'keygen.age');
      execFileSync('age', ['-e', '-i', keyPath, '-o', file], { input: plain });
      expect((await ageDecrypt(fs.readFileSync(file), [id])).equals(plain)).toBe(true);
      const back = path.join(tmp, 'keygen-ours.age');
      fs.writeFileSync(back, await ageEncrypt(plain, [parseRecipient(recipient)]));
      expect(execFileSync('age', ['-d', '-i', keyPath, back], { maxBuffer: 64 << 20 }).equals(plain)).toBe(true);
    },
  );

  it.skipIf(!hasAge)('a file to several recipients opens with age for each of them', async () => {
    const other = generateX25519Identity();
    const otherKey = path.join(tmp, 'other.key');
    fs.writeFileSync(otherKey, `${other.identity}\n`);
    const plain = randomBytes(70_000);
    const file = path.join(tmp, 'multi.age');
    fs.writeFileSync(file, await ageEncrypt(plain, [parseRecipient(me.recipient), parseRecipient(other.recipient)]));
    for (const k of [keyFile, otherKey]) expect(execFileSync('age', ['-d', '-i', k, file]).equals(plain)).toBe(true);
  });

  it.skipIf(!hasAge)(
    'age refuses our file with a wrong key, and we refuse its file with one (AGE_NO_IDENTITY_MATCH)',
    async () => {
      const stranger = generateX25519Identity();
      const strangerKey = path.join(tmp, 'stranger.key');
      fs.writeFileSync(strangerKey, `${stranger.identity}\n`);
      const file = path.join(tmp, 'not-yours.age');
      fs.writeFileSync(file, await ageEncrypt(Buffer.from('x'), [parseRecipient(me.recipient)]));
      expect(spawnSync('age', ['-d', '-i', strangerKey, file]).status).not.toBe(0);
      expect(await codeOf(ageDecrypt(fs.readFileSync(file), [parseIdentity(stranger.identity)]))).toBe(
        'AGE_NO_IDENTITY_MATCH',
      );
    },
  );
});

describe('crypto/age/interop scrypt', () => {
  const pass = 'correct horse battery staple';

  it.skipIf(!hasAge || !hasScript)('our passphrase file (default work factor 18) decrypts with age -d', async () => {
    const plain = randomBytes(100_000);
    const file = path.join(tmp, 'ours-p.age');
    const out = path.join(tmp, 'ours-p.out');
    fs.writeFileSync(file, await ageEncrypt(plain, [{ kind: 'scrypt', passphrase: Buffer.from(pass) }]));
    expect(fs.readFileSync(file, 'latin1').split('\n')[1]).toMatch(/^-> scrypt \S{22} 18$/);
    expect(ageWithTty(['-d', '-o', out, file], `${pass}\n`)).toBe(0);
    expect(fs.readFileSync(out).equals(plain)).toBe(true);
    expect(ageWithTty(['-d', '-o', `${out}.2`, file], 'wrong passphrase\n')).not.toBe(0);
  });

  it.skipIf(!hasAge || !hasScript)(
    'a file from age -p decrypts with ours; a wrong passphrase is AGE_NO_IDENTITY_MATCH',
    async () => {
      const plain = randomBytes(65_537);
      const input = path.join(tmp, 'theirs-p.txt');
      const file = path.join(tmp, 'theirs-p.age');
      fs.writeFileSync(input, plain);
      expect(ageWithTty(['-p', '-o', file, input], `${pass}\n${pass}\n`)).toBe(0);
      const good: AgeIdentity = { kind: 'scrypt', passphrase: Buffer.from(pass) };
      expect((await ageDecrypt(fs.readFileSync(file), [good])).equals(plain)).toBe(true);
      expect((await readAll(file, [good])).equals(plain)).toBe(true);
      const bad: AgeIdentity = { kind: 'scrypt', passphrase: Buffer.from('nope') };
      expect(await codeOf(ageDecrypt(fs.readFileSync(file), [bad]))).toBe('AGE_NO_IDENTITY_MATCH');
    },
  );
});
