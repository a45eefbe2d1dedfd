/**
 * The `timestamp` check of a package (DESIGN §6): each RFC 3161 token in
 * data/custody/timestamps/ must hold for the checkpoint note beside it, with the certificate
 * path beside it as the only trust, and that checkpoint must be a prefix of the package's
 * signed checkpoint (RFC 9162 consistency proof). A package without timestamps gets no check.
 */
import type { BagFiles } from '../bagit/bag-files';
import { parseCheckpoint, verifyConsistency, type ParsedCheckpoint } from '../../custody';
import { decodeBase64Strict } from '../../custody/encoding';
import { loadRfc3161 } from '../../custody/timestamps/rfc3161';
import type { VerifiedTimestamp } from '../../custody/timestamps/verify-token';
import type { CustodyFacts } from './custody-check';
import { reason, type CheckList } from './report';

const DIR = 'data/custody/timestamps/';
const PARTS = ['checkpoint.txt', 'tsr', 'pem', 'consistency.json'] as const;
const FILE_NAME = /^(ts-[0-9]{3,6})\.(checkpoint\.txt|tsr|pem|consistency\.json)$/;
const MAX_TIMESTAMPS = 1000;

type Part = (typeof PARTS)[number];

/** Groups the folder's files by timestamp; names that fit no timestamp fail the check. */
async function groups(bag: BagFiles, list: CheckList): Promise<Map<string, Set<Part>>> {
  const found = new Map<string, Set<Part>>();
  for (const f of await bag.list()) {
    if (!f.path.startsWith(DIR)) continue;
    const m = FILE_NAME.exec(f.path.slice(DIR.length));
    if (m === null || f.kind !== 'file') {
      list.fail(
        'timestamp',
        'This file is not part of a Vigil timestamp (ts-NNN.checkpoint.txt, .tsr, .pem or .consistency.json).',
        f.path,
      );
      continue;
    }
    const [, name = '', part = ''] = m;
    found.set(name, (found.get(name) ?? new Set()).add(part as Part));
  }
  return found;
}

interface Consistency {
  from: number;
  to: number;
  proof: Buffer[];
}

function parseConsistency(text: string): Consistency {
  const raw = JSON.parse(text) as unknown;
  if (typeof raw !== 'object' || raw === null) throw new Error('it is not a JSON object');
  const { from, to, proof } = raw as Record<string, unknown>;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || !Array.isArray(proof) || proof.length > 64)
    throw new Error('it is not {"from": size, "to": size, "proof": [base64 hashes]}');
  const hashes = proof.map((p) => (typeof p === 'string' ? decodeBase64Strict(p) : null));
  if (hashes.some((h) => h === null || h.length !== 32)) throw new Error('a proof hash is not the base64 of 32 bytes');
  return { from: from as number, to: to as number, proof: hashes as Buffer[] };
}

/** Why the timestamped checkpoint is not a prefix of the package's, or null when it is. */
function prefixProblem(stamped: ParsedCheckpoint, proof: Consistency, cp: ParsedCheckpoint): string | null {
  if (stamped.origin !== cp.origin)
    return `the timestamped checkpoint is of another log ("${stamped.origin}", not "${cp.origin}")`;
  if (proof.from !== stamped.size || proof.to !== cp.size)
    return (
      `the consistency proof is from ${proof.from} to ${proof.to} entries, not from the timestamped checkpoint ` +
      `(${stamped.size}) to the package's (${cp.size})`
    );
  if (!verifyConsistency(stamped.size, cp.size, stamped.root, cp.root, proof.proof))
    return (
      'the timestamped checkpoint is not proven to be an earlier state of the log the package checkpoint signs ' +
      '(its consistency proof does not verify)'
    );
  return null;
}

async function checkOne(
  bag: BagFiles,
  name: string,
  cp: ParsedCheckpoint,
  now: Date | undefined,
): Promise<{ ok: true; v: VerifiedTimestamp; size: number } | { ok: false; why: string }> {
  const read = async (part: Part): Promise<Buffer> => (await bag.read(`${DIR}${name}.${part}`)) ?? Buffer.alloc(0);
  const note = await read('checkpoint.txt');
  let stamped: ParsedCheckpoint;
  let proof: Consistency;
  try {
    stamped = parseCheckpoint(note.toString('utf8'));
    proof = parseConsistency((await read('consistency.json')).toString('utf8'));
  } catch (err) {
    return { ok: false, why: reason(err) };
  }
  const prefix = prefixProblem(stamped, proof, cp);
  if (prefix !== null) return { ok: false, why: prefix };
  const { readTimestampReply, verifyTimestampToken } = await loadRfc3161();
  const reply = readTimestampReply(await read('tsr'));
  if (!reply.ok) return { ok: false, why: reply.reason };
  const verified = await verifyTimestampToken(
    reply.value,
    { data: note },
    (await read('pem')).toString('utf8'),
    now === undefined ? {} : { now },
  );
  return verified.ok ? { ok: true, v: verified.value, size: stamped.size } : { ok: false, why: verified.reason };
}

/** Checks every timestamp the package carries (see the file comment); `now` is the clock (tests). */
export async function checkTimestamps(
  bag: BagFiles,
  facts: CustodyFacts,
  list: CheckList,
  opts: { now?: Date } = {},
): Promise<void> {
  const found = await groups(bag, list);
  if (found.size === 0) return;
  const cp = facts.checkpoint;
  if (cp === null) {
    list.fail('timestamp', 'The timestamps cannot be tied to this package: its own checkpoint did not verify.', DIR);
    return;
  }
  if (found.size > MAX_TIMESTAMPS) {
    list.fail(
      'timestamp',
      `The package carries ${found.size} timestamps, more than ${MAX_TIMESTAMPS}; they were not checked.`,
      DIR,
    );
    return;
  }
  for (const [name, parts] of [...found].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const where = `${DIR}${name}`;
    const missing = PARTS.filter((p) => !parts.has(p));
    if (missing.length > 0) {
      list.fail(
        'timestamp',
        `This timestamp is incomplete: ${missing.map((p) => `${name}.${p}`).join(', ')} missing.`,
        where,
      );
      continue;
    }
    const out = await checkOne(bag, name, cp, opts.now);
    if (!out.ok) {
      list.fail('timestamp', `This timestamp does not hold: ${out.why}.`, where);
      continue;
    }
    const covered = facts.entries.filter((e) => e.seq < out.size).length;
    list.pass(
      'timestamp',
      `The custody log's first ${out.size} entries (${covered} of this package's entries) existed no later ` +
        `than ${out.v.genTime} (TSA ${out.v.tsa}; token serial ${out.v.serial}; root certificate SHA-256 ` +
        `${out.v.rootFingerprint}: compare it with the one the TSA publishes).`,
      where,
    );
  }
}
