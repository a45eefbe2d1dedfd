import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

// The cp1251 byte of every character cp1251 has, read back from the decoder so the test does not carry a table.
const CP1251 = new Map<string, number>(
  [...new TextDecoder('windows-1251').decode(Uint8Array.from({ length: 256 }, (_, i) => i))].map(
    (ch, byte) => [ch, byte] as const,
  ),
);

/** A name in cp1251 bytes, as legacy Windows archives unpacked on Linux carry it. */
export function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const byte = CP1251.get(ch);
      if (byte === undefined) throw new Error(`no cp1251 byte for ${ch}`);
      return byte;
    }),
  );
}

/** A name in ISO 8859-1 bytes (not valid UTF-8 once it has a letter beyond ASCII). */
export function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** Joins a folder and raw name bytes into a Buffer path. */
export function rawPath(dir: string | Buffer, ...names: (string | Buffer)[]): Buffer {
  return Buffer.concat([
    typeof dir === 'string' ? Buffer.from(dir) : dir,
    ...names.flatMap((n) => [Buffer.from('/'), typeof n === 'string' ? Buffer.from(n) : n]),
  ]);
}

/** Writes a file at a Buffer path (its parent must exist). */
export function writeRaw(file: Buffer, content: Buffer | string): Buffer {
  writeFileSync(file, content);
  return file;
}

/** Makes a folder at a Buffer path. */
export function mkdirRaw(dir: Buffer): Buffer {
  mkdirSync(dir);
  return dir;
}

/** A symbolic link at a Buffer path. */
export function symlinkRaw(target: Buffer, at: Buffer): void {
  symlinkSync(target, at);
}

/** A named pipe, made with mkfifo(1); false when the tool is missing. */
export function makeFifo(at: string): boolean {
  return spawnSync('mkfifo', [at]).status === 0;
}
