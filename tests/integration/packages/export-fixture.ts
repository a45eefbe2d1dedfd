import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseRecipient } from '../../../main/crypto/age';
import { demoPeople } from '../../../main/evidence/demo-data';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { listInterviews } from '../../../main/evidence/interviews';
import { getRevision, reviseTranscript } from '../../../main/evidence/transcripts';
import type { Vault } from '../../../main/vault/vault';

/** A tiny JPEG with EXIF (GPS text), a comment and an APP0 header; only the structure matters to the stripper. */
export function jpegWithExif(): Buffer {
  const seg = (marker: number, body: Buffer): Buffer => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  };
  const exif = Buffer.concat([
    Buffer.from('Exif\0\0MM\0\x2a\0\0\0\x08\0\0\0\0\0\0', 'latin1'),
    Buffer.from('GPSLatitude 55.7558N GPSLongitude 37.6173E'),
  ]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xe1, exif),
    seg(0xfe, Buffer.from('taken near the colony gate')),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** Names of the demo people who did not consent to be named (real name and aliases). */
export const PROTECTED_NAMES = demoPeople.filter((p) => !p.named).flatMap((p) => [p.name, ...p.aliases]);
/** Names of the demo people who consented. */
export const NAMED_NAMES = demoPeople.filter((p) => p.named).map((p) => p.name);

/** Adds a JPEG with EXIF to the case and a transcript revision that names protected people. */
export async function enrichDemoCase(vault: Vault, caseId: string, dir: string): Promise<void> {
  const file = path.join(dir, 'gate-photo.jpg');
  fs.writeFileSync(file, jpegWithExif());
  await addFileItem(vault, file, { caseId, kind: 'photo', title: 'Photo of the colony gate' });
  const [iv] = listInterviews(vault.db, caseId);
  if (!iv) throw new Error('the demo case has no interview');
  const rev = getRevision(vault.db, iv.id);
  reviseTranscript(
    vault,
    iv.id,
    [
      ...rev.segments,
      {
        speaker: 'Oksana Melnyk (fictional)',
        startMs: 80000,
        endMs: 90000,
        text: 'Andrii Melnik wrote to me; ask Yuriy Bondar (fictional).',
        translation: 'Andriy Melnyk (fictional) wrote.',
      },
    ],
    'names added for the export test',
  );
}

/** A new age identity file made by age-keygen, and its X25519 public key. */
export function ageKeygen(dir: string): { identityFile: string; recipient: string; publicKey: Uint8Array } {
  const identityFile = path.join(dir, 'key.txt');
  const r = spawnSync('age-keygen', ['-o', identityFile], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`age-keygen failed: ${r.stderr}`);
  const recipient = /# public key: (age1[0-9a-z]+)/.exec(fs.readFileSync(identityFile, 'utf8'))?.[1];
  if (!recipient) throw new Error('no public key in the age-keygen output');
  const parsed = parseRecipient(recipient);
  if (parsed.kind !== 'x25519') throw new Error('not an X25519 key');
  return { identityFile, recipient, publicKey: parsed.publicKey };
}

/** Runs a command, failing the test with its output when it does not exit 0. */
export function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
  return r.stdout + r.stderr;
}

/** Every file under a folder, recursively, as paths relative to it. */
export function allFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}
