/** Small real media files for tests (no vitest or Playwright import, so unit tests, E2E and scripts share them). */
import { writeFileSync } from 'node:fs';

/** Writes a real RIFF/WAVE file: `seconds` of 8 kHz mono 8-bit silence. */
export function writeSilentWav(file: string, seconds: number): void {
  const rate = 8000;
  const samples = rate * seconds;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples, 40);
  writeFileSync(file, Buffer.concat([header, Buffer.alloc(samples, 0x80)]));
}
