// Builds real signed custody logs for the tests: members, rotations, removals, ordinary actions.
import { loadSodium } from '../../../main/crypto/sodium';
import {
  ZERO_HASH,
  canonicalEntryBytes,
  entryHashHex,
  signEntry,
  type CustodyEntry,
} from '../../../main/custody/entry';
import type { StoredEntry } from '../../../main/custody/chain-rows';

export const VAULT_ID = '3f0c2a4e-8b1d-4c7a-9e5f-1a2b3c4d5e6f';

export interface Member {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  hex: string;
}

/** A fresh Ed25519 member key pair. */
export async function newMember(): Promise<Member> {
  const sodium = await loadSodium();
  const kp = sodium.crypto_sign_keypair();
  return { publicKey: kp.publicKey, secretKey: kp.privateKey, hex: Buffer.from(kp.publicKey).toString('hex') };
}

/** An entry at `seq` with fixed, valid fields; override what the test needs. */
export function makeEntry(seq: number, prev: string, actor: Member, over: Partial<CustodyEntry> = {}): CustodyEntry {
  const ts = new Date(Date.UTC(2026, 10, 28, 15, 0, 0) + seq * 1000).toISOString();
  return {
    v: 1,
    vault: VAULT_ID,
    seq,
    ts,
    actor: actor.hex,
    action: 'item.opened',
    subject: `item-${seq}`,
    hash: null,
    data: {},
    prev,
    ...over,
  };
}

/** Signs an entry into a stored row. */
export async function storeRow(entry: CustodyEntry, signer: Member): Promise<StoredEntry> {
  const bytes = canonicalEntryBytes(entry);
  return {
    seq: entry.seq,
    canonical: Buffer.from(bytes).toString('utf8'),
    sig: await signEntry(bytes, signer.secretKey),
  };
}

/** Hash of a stored row's canonical text (the next entry's prev). */
export function rowHash(row: StoredEntry): string {
  return entryHashHex(Buffer.from(row.canonical, 'utf8'));
}

export interface GeneratedLog {
  rows: StoredEntry[];
  alice: Member;
  bob: Member;
  bob2: Member;
  carol: Member;
  /** The actor and signer of each row, by seq. */
  signers: Member[];
}

/**
 * ~50 entries: alice creates the vault, adds bob and carol, bob rotates to bob2,
 * carol is removed, and everyone still present does ordinary work in between.
 */
export async function generateLog(count = 50): Promise<GeneratedLog> {
  const [alice, bob, bob2, carol] = await Promise.all([newMember(), newMember(), newMember(), newMember()]);
  const plan: ((seq: number) => { signer: Member; over: Partial<CustodyEntry> })[] = [];
  plan[0] = () => ({ signer: alice, over: { action: 'vault.created', subject: null, data: { publicKey: alice.hex } } });
  plan[3] = () => ({
    signer: alice,
    over: { action: 'member.added', subject: null, data: { publicKey: bob.hex, code: 'INV-2' } },
  });
  plan[5] = () => ({ signer: bob, over: { action: 'member.added', subject: null, data: { publicKey: carol.hex } } });
  plan[20] = () => ({
    signer: bob2,
    over: { action: 'member.key_rotated', subject: null, data: { publicKey: bob2.hex, previousPublicKey: bob.hex } },
  });
  plan[30] = () => ({
    signer: alice,
    over: { action: 'member.removed', subject: null, data: { publicKey: carol.hex } },
  });
  const rows: StoredEntry[] = [];
  const signers: Member[] = [];
  let prev = ZERO_HASH;
  for (let seq = 0; seq < count; seq++) {
    const step = plan[seq]?.(seq) ?? ordinaryStep(seq, { alice, bob, bob2, carol });
    const row = await storeRow(makeEntry(seq, prev, step.signer, step.over), step.signer);
    rows.push(row);
    signers.push(step.signer);
    prev = rowHash(row);
  }
  return { rows, alice, bob, bob2, carol, signers };
}

function ordinaryStep(
  seq: number,
  m: { alice: Member; bob: Member; bob2: Member; carol: Member },
): { signer: Member; over: Partial<CustodyEntry> } {
  const present =
    seq < 3
      ? [m.alice]
      : seq < 5
        ? [m.alice, m.bob]
        : seq < 20
          ? [m.alice, m.bob, m.carol]
          : seq < 30
            ? [m.alice, m.bob2, m.carol]
            : [m.alice, m.bob2];
  const signer = present[seq % present.length] as Member;
  const hash = Buffer.alloc(32, seq).toString('hex');
  return {
    signer,
    over: {
      action: seq % 2 ? 'item.ingested' : 'transcript.revised',
      hash,
      data: { n: seq, note: `step ${seq} — é`, nested: { ok: true, list: [1, 2.5, null] } },
    },
  };
}
