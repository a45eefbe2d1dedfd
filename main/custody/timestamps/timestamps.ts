/**
 * Timestamping checkpoints with an RFC 3161 TSA from an air-gapped vault (DESIGN §3): the vault
 * writes a request, a connected machine sends it and brings back the reply, and the vault
 * verifies the reply against the request it kept before recording it. Only a hash leaves.
 */
import { randomUUID } from 'node:crypto';
import type { CustodyAction } from '../../../shared/custody-actions';
import { VigilError } from '../../../shared/errors';
import { latestCheckpoint, makeCheckpoint, type StoredCheckpoint } from '../checkpoint-store';
import { readCustodyHead } from '../log-store';
import type { CustodyVault } from '../vault-access';
import type { Outcome } from './reply';
import { loadRfc3161 } from './rfc3161';
import {
  checkpointNote,
  insertTimestampRequest,
  requestByImprint,
  requestByNonce,
  storeReply,
  type PendingRequest,
} from './store';
import type { VerifiedTimestamp } from './verify-token';

/** The custody action that records an attached timestamp. */
export const TIMESTAMPED_ACTION = 'checkpoint.timestamped' satisfies CustodyAction;

/** A request made: the .tsq bytes and what they ask to timestamp. */
export interface MadeRequest {
  id: string;
  der: Buffer;
  checkpoint: StoredCheckpoint;
  /** True when the latest checkpoint already covered the whole log and was used again. */
  reused: boolean;
  imprint: string;
  nonce: string;
}

/** A reply attached: what the token says, and the checkpoint it covers. */
export interface AttachedReply extends VerifiedTimestamp {
  id: string;
  checkpointSize: number;
  checkpointRoot: string;
}

/** The latest checkpoint when it covers the whole log as it is now, otherwise a new one. */
async function currentCheckpoint(vault: CustodyVault): Promise<{ checkpoint: StoredCheckpoint; reused: boolean }> {
  const latest = latestCheckpoint(vault.db);
  if (latest !== null && latest.size === readCustodyHead(vault.db).size) return { checkpoint: latest, reused: true };
  return { checkpoint: await makeCheckpoint(vault.db, vault.vaultId, vault.requireSigner()), reused: false };
}

/**
 * Makes a TimeStampReq over the bytes of a checkpoint of the whole log (the latest one when it
 * already covers every entry, else a new one) and keeps it in the vault, pending its reply.
 */
export async function requestTimestamp(vault: CustodyVault): Promise<MadeRequest> {
  const signer = vault.requireSigner();
  const { checkpoint, reused } = await currentCheckpoint(vault);
  const { makeTimestampRequest } = await loadRfc3161();
  const req = makeTimestampRequest(Buffer.from(checkpoint.note, 'utf8'));
  const id = randomUUID();
  vault.together(() =>
    insertTimestampRequest(vault.db, {
      id,
      checkpointId: checkpoint.id,
      imprint: req.imprint,
      nonce: req.nonce,
      der: req.der,
      requestedAt: new Date().toISOString(),
      requestedBy: signer.publicKeyHex,
    }),
  );
  return { id, der: req.der, checkpoint, reused, imprint: req.imprint, nonce: req.nonce };
}

/** The kept request a reply answers: by its nonce, else (to say what is wrong) one over the same data. */
function matchRequest(vault: CustodyVault, nonce: string | null, imprint: string): Outcome<PendingRequest> {
  const byNonce = nonce === null ? null : requestByNonce(vault.db, nonce);
  const request = byNonce ?? requestByImprint(vault.db, imprint);
  if (request === null) {
    return {
      ok: false,
      reason:
        `it answers no request of this vault (nonce ${nonce ?? 'none'}, message imprint ${imprint}): attach it ` +
        `in the vault that wrote the request`,
    };
  }
  if (request.attachedAt !== null)
    return { ok: false, reason: `the request it answers already has a timestamp, attached ${request.attachedAt}` };
  return { ok: true, value: request };
}

/**
 * Verifies a TSA reply against the request it answers and, when every check holds, stores it
 * and appends a `checkpoint.timestamped` custody entry. A reply that fails any check is refused
 * with the reason and nothing is recorded.
 */
export async function attachTimestamp(
  vault: CustodyVault,
  reply: Uint8Array,
  trustPem: string,
  opts: { now?: Date } = {},
): Promise<Outcome<AttachedReply>> {
  vault.requireSigner();
  const { readTimestampReply, verifyTimestampToken } = await loadRfc3161();
  const read = readTimestampReply(reply);
  if (!read.ok) return read;
  const token = read.value;
  const matched = matchRequest(vault, token.nonce, token.imprint);
  if (!matched.ok) return matched;
  const request = matched.value;
  const cp = checkpointNote(vault.db, request.checkpointId);
  if (cp === null)
    throw new VigilError(
      'VAULT_CORRUPT',
      `The checkpoint of timestamp request ${request.id} is missing from the vault. Run vigil verify on the vault.`,
    );
  const verified = await verifyTimestampToken(
    token,
    { data: Buffer.from(cp.note, 'utf8'), nonce: request.nonce },
    trustPem,
    opts,
  );
  if (!verified.ok) return verified;
  const v = verified.value;
  vault.change((db) => {
    if (!storeReply(db, request.id, Buffer.from(reply), v, new Date().toISOString())) {
      throw new VigilError(
        'INVALID_INPUT',
        'This timestamp request was answered meanwhile; nothing more was recorded.',
      );
    }
    return {
      result: null,
      custody: {
        action: TIMESTAMPED_ACTION,
        subject: request.id,
        hash: v.tokenSha256,
        data: {
          checkpointSize: cp.size,
          checkpointRoot: cp.root,
          checkpointSha256: v.imprint,
          tsa: v.tsa,
          genTime: v.genTime,
          serial: v.serial,
          policy: v.policy,
          rootFingerprint: v.rootFingerprint,
        },
      },
    };
  });
  return { ok: true, value: { ...v, id: request.id, checkpointSize: cp.size, checkpointRoot: cp.root } };
}

/** The sentence that reports a refused reply. */
export function refusalMessage(reason: string): string {
  return `The timestamp reply was refused: ${reason}. Nothing was recorded.`;
}
