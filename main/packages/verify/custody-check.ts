import type { BagFiles } from '../bagit/bag-files';
import {
  checkpointOrigin,
  leafHash,
  parseCanonicalEntry,
  verifyCheckpoint,
  verifyEntrySignature,
  verifyInclusion,
  type CustodyEntry,
  type ParsedCheckpoint,
} from '../../custody';
import type { ListedKey } from './keys-file';
import { parseEntryLine } from './entries-line';
import { reason, type CheckList } from './report';

/** What the custody files established, for the other checks and for import. */
export interface CustodyFacts {
  entries: CustodyEntry[];
  /** The keys of the entries' authors and the keys those entries admitted as members. */
  actors: Set<string>;
  checkpoint: ParsedCheckpoint | null;
  checkpointNote: string | null;
  /** The Ed25519 key (hex) that signed the checkpoint, when it verified. */
  checkpointSigner: string | null;
}

/**
 * The key a verified entry admits as a member of the sender's vault (`member.added`, or the new
 * key of `member.key_rotated`), or null. A colleague added to a vault may export before making any
 * entry of their own: the signed entry admitting their key establishes them as a signer.
 */
function admittedKey(entry: CustodyEntry): string | null {
  if (entry.action !== 'member.added' && entry.action !== 'member.key_rotated') return null;
  const key = entry.data['publicKey'];
  return typeof key === 'string' && /^[0-9a-f]{64}$/.test(key) ? key : null;
}

/** Failures beyond this many per kind are summarised, so a wrecked log does not bury the report. */
const MAX_LISTED = 20;

async function readText(bag: BagFiles, rel: string): Promise<string | null> {
  return (await bag.read(rel))?.toString('utf8') ?? null;
}

async function checkCheckpoint(
  note: string | null,
  vaultId: string | undefined,
  keys: ListedKey[],
  list: CheckList,
): Promise<{ cp: ParsedCheckpoint; signer: string } | null> {
  const where = 'data/custody/checkpoint.txt';
  if (note === null) {
    list.fail(
      'checkpoint',
      'The checkpoint file is missing, so the custody entries cannot be tied to a signed state of the log.',
      where,
    );
    return null;
  }
  const result = await verifyCheckpoint(
    note,
    keys.map((k) => k.key),
  );
  if (!result.ok || result.checkpoint === undefined) {
    list.fail(
      'checkpoint',
      `The checkpoint is not validly signed by a key in keys.txt: ${result.reason ?? 'unknown reason'}`,
      where,
    );
    return null;
  }
  const cp = result.checkpoint;
  if (vaultId !== undefined && cp.origin !== checkpointOrigin(vaultId)) {
    list.fail(
      'checkpoint',
      `The checkpoint is for "${cp.origin}", not for the vault the bag names (${vaultId}).`,
      where,
    );
    return null;
  }
  const signer = keys.find((k) => k.publicKey === result.signer)?.name ?? result.signer ?? '?';
  list.pass('checkpoint', `The checkpoint of the custody log at ${cp.size} entries is signed by ${signer}.`, where);
  return { cp, signer: result.signer ?? '' };
}

interface LineOutcome {
  custody: string | null;
  proof: string | null;
  entry: CustodyEntry | null;
}

async function checkLine(
  line: string,
  vaultId: string | undefined,
  keys: Map<string, ListedKey>,
  cp: ParsedCheckpoint | null,
  seen: Set<number>,
): Promise<LineOutcome> {
  let parsed;
  let entry: CustodyEntry;
  try {
    parsed = parseEntryLine(line);
    entry = parseCanonicalEntry(parsed.entryText);
  } catch (err) {
    return { custody: `cannot be read: ${reason(err)}`, proof: null, entry: null };
  }
  const bytes = Buffer.from(parsed.entryText, 'utf8');
  let custody: string | null = null;
  if (!keys.has(entry.actor)) custody = `was made by key ${entry.actor.slice(0, 16)}…, which keys.txt does not list`;
  else if (!(await verifyEntrySignature(bytes, parsed.sig, entry.actor)))
    custody = 'has a signature that does not verify: the entry was altered';
  else if (vaultId !== undefined && entry.vault !== vaultId)
    custody = `belongs to vault ${entry.vault}, not to the vault the bag names (${vaultId})`;
  else if (parsed.index !== entry.seq) custody = `is given leaf index ${parsed.index} but its seq is ${entry.seq}`;
  else if (seen.has(entry.seq)) custody = 'appears twice';
  seen.add(entry.seq);
  let proof: string | null = null;
  if (cp !== null) {
    if (parsed.index >= cp.size)
      proof = `is entry ${parsed.index}, beyond the ${cp.size} entries the checkpoint covers`;
    else if (!verifyInclusion(leafHash(bytes), parsed.index, cp.size, parsed.proof, cp.root))
      proof =
        'is not proven to be in the log the checkpoint signs: its inclusion proof does not lead to the checkpoint root';
  }
  return { custody, proof, entry };
}

/**
 * Checks data/custody: the checkpoint's signature (by a key in keys.txt) and origin, and every
 * line of entries.jsonl — canonical form, signature by its actor, vault, and inclusion proof.
 */
export async function checkCustody(
  bag: BagFiles,
  vaultId: string | undefined,
  keys: ListedKey[],
  list: CheckList,
): Promise<CustodyFacts> {
  const note = await readText(bag, 'data/custody/checkpoint.txt');
  const signed = await checkCheckpoint(note, vaultId, keys, list);
  const cp = signed?.cp ?? null;
  const facts: CustodyFacts = {
    entries: [],
    actors: new Set(),
    checkpoint: cp,
    checkpointNote: note,
    checkpointSigner: signed?.signer ?? null,
  };
  const text = await readText(bag, 'data/custody/entries.jsonl');
  if (text === null || text.trim() === '') {
    list.fail(
      'custody',
      'The custody entries file is missing or empty, so nothing in the package can be traced to the sender’s log.',
      'data/custody/entries.jsonl',
    );
    return facts;
  }
  const byKey = new Map(keys.map((k) => [k.publicKey, k]));
  const seen = new Set<number>();
  const failed = { custody: 0, proof: 0 };
  const lines = text.split('\n').filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const out = await checkLine(line, vaultId, byKey, cp, seen);
    const where =
      `data/custody/entries.jsonl line ` +
      `${i + 1}${out.entry ? ` (entry ${out.entry.seq}, ${out.entry.action})` : ''}`;
    if (out.custody !== null && failed.custody++ < MAX_LISTED)
      list.fail('custody', `This custody entry ${out.custody}.`, where);
    if (out.proof !== null && failed.proof++ < MAX_LISTED)
      list.fail('proof', `This custody entry ${out.proof}.`, where);
    if (out.entry !== null && out.custody === null) {
      facts.entries.push(out.entry);
      facts.actors.add(out.entry.actor);
      const admitted = admittedKey(out.entry);
      if (admitted !== null) facts.actors.add(admitted);
    }
  }
  for (const kind of ['custody', 'proof'] as const) {
    if (failed[kind] > MAX_LISTED)
      list.fail(
        kind,
        `${failed[kind] - MAX_LISTED} more custody entries failed this check.`,
        'data/custody/entries.jsonl',
      );
  }
  if (failed.custody === 0)
    list.pass(
      'custody',
      `All ${lines.length} custody entries are in canonical form, signed by their authors and belong to this vault.`,
      'data/custody/entries.jsonl',
    );
  if (failed.proof === 0 && cp !== null)
    list.pass(
      'proof',
      `All ${lines.length} custody entries are proven to be in the log at the signed checkpoint.`,
      'data/custody/entries.jsonl',
    );
  return facts;
}
