// Hand-run throughput check (not a test): npx tsx tests/bench/age-throughput.ts [MiB]
// Encrypts through createAgeEncryptStream to /dev/null and prints MB/s, next to raw
// ChaCha20-Poly1305 on the same machine, then decrypts the same amount from a temp file.
import { createCipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  createAgeDecryptStream,
  createAgeEncryptStream,
  generateX25519Identity,
  parseIdentity,
  parseRecipient,
} from '../../main/crypto/age';

const MIB = 1024 * 1024;
const total = Number(process.argv[2] ?? 256) * MIB;
const piece = randomBytes(MIB);

function source(): Readable {
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < total; sent += MIB) yield piece;
    })(),
  );
}

function rate(bytes: number, started: bigint): string {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return `${(bytes / 1e6 / seconds).toFixed(0)} MB/s (${seconds.toFixed(2)} s)`;
}

function rawChaCha(): void {
  const key = randomBytes(32);
  const started = process.hrtime.bigint();
  for (let i = 0; i < total / (64 * 1024); i++) {
    const c = createCipheriv('chacha20-poly1305', key, randomBytes(12), { authTagLength: 16 });
    c.update(piece.subarray(0, 64 * 1024));
    c.final();
    c.getAuthTag();
  }
  console.log(`raw chacha20-poly1305, 64 KiB chunks: ${rate(total, started)}`);
}

async function main(): Promise<void> {
  const id = generateX25519Identity();
  rawChaCha();
  // The sink's buffer matters: fs.WriteStream's 16 KiB default makes every chunk its own write.
  for (const highWaterMark of [16 * 1024, MIB]) {
    const started = process.hrtime.bigint();
    await pipeline(
      source(),
      createAgeEncryptStream([parseRecipient(id.recipient)]),
      fs.createWriteStream('/dev/null', { highWaterMark }),
    );
    console.log(
      `age encrypt stream -> /dev/null (sink highWaterMark ${highWaterMark / 1024} KiB): ${rate(total, started)}`,
    );
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
  try {
    const file = path.join(dir, 'bench.age');
    await pipeline(
      source(),
      createAgeEncryptStream([parseRecipient(id.recipient)]),
      fs.createWriteStream(file, { highWaterMark: MIB }),
    );
    const started = process.hrtime.bigint();
    await pipeline(
      fs.createReadStream(file, { highWaterMark: MIB }),
      createAgeDecryptStream([parseIdentity(id.identity)]),
      fs.createWriteStream('/dev/null', { highWaterMark: MIB }),
    );
    console.log(`age decrypt stream file -> /dev/null: ${rate(total, started)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
