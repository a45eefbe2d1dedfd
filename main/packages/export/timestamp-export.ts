/**
 * data/custody/timestamps/ of a package (DESIGN §6): the RFC 3161 timestamps of the vault's
 * earlier checkpoints, each with the checkpoint it covers, the TSA's certificate path and a
 * consistency proof to the package's own checkpoint, so a reader can tell which of the
 * package's custody entries existed by when — with Vigil or with openssl alone.
 */
import { MerkleTree } from '../../custody';
import type { StoredCheckpoint } from '../../custody/checkpoint-store';
import { readLeafHashes } from '../../custody/log-store';
import { attachedTimestamps, type AttachedTimestamp } from '../../custody/timestamps/store';
import type { ReadDb } from '../../vault/database';
import type { GeneratedFile } from './transcripts';

/** The folder under data/ that holds the timestamps. */
const TIMESTAMPS_DIR = 'custody/timestamps';

/**
 * The files of the timestamps, the custody subjects they add (their `checkpoint.timestamped` entries) and their part of
 * VERIFY.txt.
 */
interface TimestampFiles {
  files: GeneratedFile[];
  subjects: string[];
  verifyText: string;
}

/** The base name of the n-th timestamp (1-based): ts-001, ts-002, … */
function timestampName(n: number): string {
  return `ts-${String(n).padStart(3, '0')}`;
}

function unixSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

function verifySection(stamps: { name: string; t: AttachedTimestamp }[], checkpointSize: number): string {
  if (stamps.length === 0) return '';
  const dir = `data/${TIMESTAMPS_DIR}`;
  const [first] = stamps;
  const lines = stamps.map(
    ({ name, t }) =>
      `   - ${name}: the log's first ${t.size} of ${checkpointSize} entries existed no later than ` +
      `${t.genTime}\n     (TSA ${t.tsa}; token serial ${t.serial}).`,
  );
  return `
8. Timestamps (${dir}/): RFC 3161 timestamps of earlier checkpoints of the
   same log, made by a timestamp authority (TSA) from a connected machine
   (only the checkpoint's hash left the vault). For each ts-NNN:
   - ts-NNN.checkpoint.txt   the checkpoint note that was timestamped: the
                             token's message imprint is its SHA-256;
   - ts-NNN.tsr              the TSA's reply (RFC 3161 TimeStampResp, DER);
   - ts-NNN.pem              the TSA certificate path the sender checked it
                             against: TSA certificate first, root last;
   - ts-NNN.consistency.json an RFC 9162 consistency proof ({"from", "to",
                             "proof": [base64 hashes]}) from that checkpoint's
                             tree to the one in checkpoint.txt: the entries
                             it covers are the same entries as in this log.
   Check a token with OpenSSL from the bag folder (it must say "Verification: OK"):

       openssl ts -verify -data ${dir}/${first?.name ?? 'ts-001'}.checkpoint.txt -in ${dir}/${first?.name ?? 'ts-001'}.tsr -CAfile ${dir}/${first?.name ?? 'ts-001'}.pem

   If the TSA's certificate has expired since, add "-attime <seconds>" with the
   token's time as Unix seconds (given below): the TSA's signature fixes it.
   Trust comes from the root certificate (the last in ts-NNN.pem): compare its
   SHA-256 fingerprint with the one the TSA publishes. An entry whose "index"
   in entries.jsonl is below a checkpoint's size existed by that token's time:
${lines.join('\n')}
${stamps.map(({ name, t }) => `   ${name}: -attime ${unixSeconds(t.genTime)}`).join('\n')}
`;
}

/**
 * The timestamps of checkpoints the package's checkpoint extends (size at most its size; all
 * of them: each tells when a different prefix of the log existed), oldest genTime first.
 */
export function timestampFiles(db: ReadDb, checkpoint: StoredCheckpoint): TimestampFiles {
  const attached = attachedTimestamps(db, checkpoint.size).filter((t) => t.size > 0);
  if (attached.length === 0) return { files: [], subjects: [], verifyText: '' };
  const tree = MerkleTree.from(readLeafHashes(db, checkpoint.size), checkpoint.size);
  const stamps = attached.map((t, i) => ({ name: timestampName(i + 1), t }));
  const files: GeneratedFile[] = [];
  for (const { name, t } of stamps) {
    const proof = tree.consistencyProof(t.size).map((h) => h.toString('base64'));
    const base = `${TIMESTAMPS_DIR}/${name}`;
    files.push(
      { path: `${base}.checkpoint.txt`, data: Buffer.from(t.note, 'utf8') },
      { path: `${base}.tsr`, data: Buffer.from(t.reply) },
      { path: `${base}.pem`, data: Buffer.from(t.chainPem, 'utf8') },
      {
        path: `${base}.consistency.json`,
        data: Buffer.from(`${JSON.stringify({ from: t.size, to: checkpoint.size, proof })}\n`),
      },
    );
  }
  return { files, subjects: attached.map((t) => t.id), verifyText: verifySection(stamps, checkpoint.size) };
}
