import { VigilError } from '../../shared/errors';
import { loadSodium, type Sodium } from '../crypto/sodium';
import { KnownActors } from './actors';
import { LeafStore, RowReader, type StoredEntry } from './chain-rows';
import { bytesEqual, toHex } from './encoding';
import {
  CONTEXT_LENGTH,
  ZERO_HASH,
  entryHashHex,
  parseCanonicalEntry,
  signedMessageOfText,
  verifySignedMessage,
  type CustodyEntry,
} from './entry';
import { HASH_BYTES, leafHash } from './merkle-hash';
import { MerkleFrontier } from './merkle-frontier';

/** Why verification stopped; see DESIGN §3. */
export type ChainFailure =
  | 'malformed'
  | 'wrong-vault'
  | 'gap'
  | 'reorder'
  | 'duplicate'
  | 'link'
  | 'signature'
  | 'unknown-actor'
  | 'root-mismatch'
  | 'truncated';

/** Result of verifyChain: size/root/lastHash describe the verified prefix; firstBad the first failure. */
export interface ChainReport {
  ok: boolean;
  size: number;
  root: string;
  lastHash: string;
  firstBad?: { seq: number; reason: ChainFailure; detail: string };
  actors: string[];
}

/** Options of verifyChain: the vault the log must belong to and, optionally, a checkpoint it must extend. */
export interface VerifyChainOptions {
  vaultId: string;
  checkpoint?: { size: number; root: Uint8Array };
}

type Bad = NonNullable<ChainReport['firstBad']>;

const bad = (seq: number, reason: ChainFailure, detail: string): Bad => ({ seq, reason, detail });

class ChainVerifier {
  private readonly frontier = MerkleFrontier.empty();
  private readonly leaves = new LeafStore();
  private readonly actors = new KnownActors();
  private readonly keyBytes = new Map<string, Buffer>();
  private lastHash = ZERO_HASH;

  constructor(
    private readonly sodium: Sodium,
    private readonly opts: VerifyChainOptions,
  ) {}

  /** Checks the row at position `size`; on success it joins the verified prefix. */
  accept(row: StoredEntry, rows: RowReader): Bad | null {
    const i = this.frontier.size;
    if (
      !Number.isSafeInteger(row.seq) ||
      row.seq < 0 ||
      typeof row.canonical !== 'string' ||
      typeof row.sig !== 'string'
    ) {
      return bad(i, 'malformed', `row ${i} has no valid seq key, entry text or signature`);
    }
    const message = signedMessageOfText(row.canonical);
    const bytes = message.subarray(CONTEXT_LENGTH);
    const leaf = leafHash(bytes);
    if (row.seq !== i) return this.misplaced(i, row.seq, leaf, rows);
    let entry: CustodyEntry;
    try {
      entry = parseCanonicalEntry(row.canonical);
    } catch (e) {
      return bad(i, 'malformed', e instanceof VigilError ? e.message : String(e));
    }
    if (entry.seq !== i)
      return this.misplaced(i, entry.seq, leaf, null, `row ${i} holds the entry of seq ${entry.seq}`);
    const problem = this.checkEntry(i, entry, message, row.sig);
    if (problem) return problem;
    this.actors.apply(entry);
    this.frontier.append(leaf);
    this.leaves.push(leaf);
    this.lastHash = entryHashHex(bytes);
    return this.checkCheckpointRoot();
  }

  private checkEntry(i: number, entry: CustodyEntry, message: Buffer, sig: string): Bad | null {
    if (entry.vault !== this.opts.vaultId)
      return bad(i, 'wrong-vault', `entry ${i} belongs to vault ${entry.vault}, not ${this.opts.vaultId}`);
    if (entry.prev !== this.lastHash) {
      return bad(
        i,
        'link',
        `entry ${i} has prev ${entry.prev} but the ` +
          `${i === 0 ? 'first entry needs 64 zeros' : `hash of entry ${i - 1} is ${this.lastHash}`}`,
      );
    }
    let key = this.keyBytes.get(entry.actor);
    if (!key) {
      key = Buffer.from(entry.actor, 'hex');
      this.keyBytes.set(entry.actor, key);
    }
    if (!verifySignedMessage(this.sodium, message, sig, key)) {
      return bad(
        i,
        'signature',
        `the signature of entry ${i} (${entry.action}) does not verify with its actor key ${entry.actor.slice(0, 16)}…`,
      );
    }
    const who = this.actors.check(entry);
    return who ? bad(i, who.reason, `entry ${i}: ${who.detail}`) : null;
  }

  // A row whose key or seq is not the next position: a skipped seq, rows out of order, or a repeat.
  private misplaced(i: number, found: number, leaf: Buffer, rows: RowReader | null, detail?: string): Bad {
    const what = detail ?? `expected seq ${i} next but the stored row is seq ${found}`;
    if (found < i) {
      return this.leaves.equals(found, leaf)
        ? bad(i, 'duplicate', `${what}, a second copy of entry ${found}`)
        : bad(i, 'reorder', `${what}, out of order`);
    }
    // A skipped key is a gap only if the rows keep rising after it; a lower key next means a swap.
    const next = rows?.peek();
    if (rows && !(next && Number.isSafeInteger(next.seq) && next.seq < found)) {
      return bad(
        i,
        'gap',
        i === 0
          ? `the log does not start at seq 0: the first row is seq ${found}`
          : `entry ${i} is missing: after seq ${i - 1} the next stored row is seq ${found}`,
      );
    }
    return bad(i, 'reorder', `${what}, out of order`);
  }

  // Checked as soon as the checkpoint's size is reached, so a root mismatch is reported before any later fault.
  checkCheckpointRoot(): Bad | null {
    const cp = this.opts.checkpoint;
    if (!cp || cp.size !== this.frontier.size) return null;
    const root = this.frontier.root();
    if (bytesEqual(root, cp.root)) return null;
    return bad(
      Math.max(0, cp.size - 1),
      'root-mismatch',
      `the Merkle root of the first ${cp.size} entries is ${root.toString('hex')} but the checkpoint says ` +
        `${toHex(cp.root)}`,
    );
  }

  /** The end of the rows: a log shorter than the checkpoint was truncated. */
  finish(): Bad | null {
    const cp = this.opts.checkpoint;
    const size = this.frontier.size;
    if (cp && size < cp.size)
      return bad(size, 'truncated', `the checkpoint covers ${cp.size} entries but the log ends after ${size}`);
    return null;
  }

  report(firstBad: Bad | null): ChainReport {
    const base = {
      size: this.frontier.size,
      root: this.frontier.root().toString('hex'),
      lastHash: this.lastHash,
      actors: this.actors.list(),
    };
    return firstBad ? { ok: false, ...base, firstBad } : { ok: true, ...base };
  }
}

function checkOptions(opts: VerifyChainOptions): void {
  const cp = opts.checkpoint;
  if (cp && (!Number.isSafeInteger(cp.size) || cp.size < 0 || cp.root.byteLength !== HASH_BYTES)) {
    throw new VigilError(
      'INVALID_INPUT',
      'A checkpoint to verify against needs a whole-number size and a 32-byte root.',
    );
  }
}

/**
 * Verifies a custody log row by row, streaming: order, links, vault, signatures and the
 * member keys the log introduces, then the checkpoint if given. Reports the first bad seq.
 */
export async function verifyChain(rows: Iterable<StoredEntry>, opts: VerifyChainOptions): Promise<ChainReport> {
  checkOptions(opts);
  const verifier = new ChainVerifier(await loadSodium(), opts);
  const reader = new RowReader(rows);
  let failure = verifier.checkCheckpointRoot();
  try {
    let row = failure ? undefined : reader.next();
    while (row && !failure) {
      failure = verifier.accept(row, reader);
      if (!failure) row = reader.next();
    }
  } finally {
    reader.close();
  }
  return verifier.report(failure ?? verifier.finish());
}
