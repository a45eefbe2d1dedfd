import { MerkleTree } from '../../custody';
import { iterateStoredEntries, readLeafHashes } from '../../custody/log-store';
import { encodeMinisignPublicKey, minisignKeyId } from '../../crypto/minisign';
import { recordKindOf } from '../../evidence/record-kinds';
import type { ReadDb } from '../../vault/database';
import { keyDirectory } from '../../vault/members';

/** Actions that establish who may sign: always exported so a verifier can trust the signers. */
const MEMBER_ACTIONS = new Set(['vault.created', 'member.added', 'member.key_rotated', 'member.removed']);

/** The custody files of a package. */
interface CustodyFiles {
  entriesJsonl: Buffer;
  keysTxt: Buffer;
  count: number;
  /** Entries left out because they carry an unsalted record hash (see `withholdUnsalted`). */
  withheld: number;
}

interface EntryHead {
  action: string;
  subject: string | null;
  actor: string;
  hash: string | null;
  data: Record<string, unknown>;
}

/**
 * True for an entry written before record hashes were salted whose `hash` commits to a
 * record, or a later transcript entry whose `data.previous` repeats such a hash: hashing a
 * row with a guessed name (or a transcript with guessed names for its codes) would confirm it.
 */
function carriesUnsaltedRecordHash(head: EntryHead, withheldHashes: ReadonlySet<string>): boolean {
  if (recordKindOf(head.action) !== undefined && head.hash !== null && head.data.hashFormat === undefined) return true;
  return typeof head.data.previous === 'string' && withheldHashes.has(head.data.previous);
}

/**
 * The custody entries about `subjects` (plus the vault's creation and every
 * member change) in the first `size` entries, each with its signature and
 * RFC 9162 inclusion proof in the tree of that size, and the signers' keys.
 * Entry text is the stored canonical text, byte for byte. With `withholdUnsalted` (a
 * profile that keeps names in the vault) entries carrying an unsalted record hash are left
 * out: each entry has its own proof, so the others still verify.
 */
export function custodyFiles(
  db: ReadDb,
  subjects: ReadonlySet<string>,
  size: number,
  checkpointSigner: string,
  opts: { withholdUnsalted?: boolean } = {},
): CustodyFiles {
  const tree = MerkleTree.from(readLeafHashes(db, size));
  const lines: string[] = [];
  const actors = new Set<string>();
  const withheld = new Set<string>();
  let withheldCount = 0;
  for (const stored of iterateStoredEntries(db)) {
    if (stored.seq >= size) break;
    const head = JSON.parse(stored.canonical) as EntryHead;
    if (!MEMBER_ACTIONS.has(head.action) && (head.subject === null || !subjects.has(head.subject))) continue;
    if (opts.withholdUnsalted === true && carriesUnsaltedRecordHash(head, withheld)) {
      if (head.hash !== null) withheld.add(head.hash);
      withheldCount++;
      continue;
    }
    actors.add(head.actor);
    const proof = tree.inclusionProof(stored.seq).map((h) => h.toString('base64'));
    // The entry is spliced in as its stored text, so it stays byte-identical to what was signed.
    lines.push(
      `{"entry":${stored.canonical},"sig":${JSON.stringify(stored.sig)},"index":${stored.seq},"proof":${JSON.stringify(proof)}}`,
    );
  }
  actors.add(checkpointSigner);
  return {
    entriesJsonl: Buffer.from(lines.map((l) => `${l}\n`).join('')),
    keysTxt: Buffer.from(keysText(db, [...actors])),
    count: lines.length,
    withheld: withheldCount,
  };
}

/** keys.txt: per signer a comment line with name and raw key, then the two lines of its minisign .pub file. */
function keysText(db: ReadDb, actors: string[]): string {
  const names = keyDirectory(db);
  const blocks = actors.map((hex) => {
    const publicKey = Buffer.from(hex, 'hex');
    const name = names.get(hex)?.name ?? `member ${hex.slice(0, 16)}`;
    return (
      `# ${name.replace(/[\r\n]/g, ' ')} ` +
      `ed25519:${hex}\n${encodeMinisignPublicKey(minisignKeyId(publicKey), publicKey)}\n`
    );
  });
  return blocks.join('');
}
