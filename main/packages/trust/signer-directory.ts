/**
 * What this vault knows of package signers, read once before a package is judged (see
 * verify/signer-trust.ts): the address book's minisign keys, the keys trusted before for each
 * sender vault (known_signers), and this vault's own members' current keys.
 */
import { minisignKeyId, minisignPublicKeyLine, parseMinisignPublicKey } from '../../crypto/minisign';
import type { ReadDb } from '../../vault/database';
import { keyFingerprint } from '../../vault/identity';
import { listRecipients } from '../recipients';
import type { AddressBookSigner, SignerDirectory, TrustedKey } from '../verify/signer-trust';

/** A key trusted at an earlier import, as known_signers holds it. */
interface KnownRow {
  vaultId: string;
  publicKey: string;
  keyLine: string;
  name: string;
  reason: 'address-book' | 'confirmed';
  since: string;
}

function addressBook(db: ReadDb): AddressBookSigner[] {
  return listRecipients(db).map((r) => {
    if (r.minisignPublicKey === null) return { name: r.name, publicKey: null, fingerprint: null };
    // Stored in canonical form by addRecipient, so it parses.
    const { publicKey } = parseMinisignPublicKey(r.minisignPublicKey);
    return {
      name: r.name,
      publicKey: Buffer.from(publicKey).toString('hex'),
      fingerprint: keyFingerprint(r.minisignPublicKey),
    };
  });
}

function knownSigners(db: ReadDb): TrustedKey[] {
  const rows = db
    .prepare(
      'SELECT vault_id AS vaultId, public_key AS publicKey, key_line AS keyLine, name, reason, trusted_at AS ' +
        'since FROM known_signers ORDER BY trusted_at, vault_id, public_key',
    )
    .all() as KnownRow[];
  return rows.map((r) => ({
    vaultId: r.vaultId,
    publicKey: r.publicKey,
    fingerprint: keyFingerprint(r.keyLine),
    name: r.name,
    reason: r.reason,
    since: r.since,
  }));
}

/** The current signing keys of this vault's members: a package from this very vault is signed by one of them. */
function ownMembers(db: ReadDb, vaultId: string): TrustedKey[] {
  const rows = db
    .prepare(
      'SELECT k.public_key AS publicKey, m.name AS name, m.created_at AS since FROM member_keys k JOIN members ' +
        'm ON m.id = k.member_id WHERE k.retired_seq IS NULL',
    )
    .all() as { publicKey: string; name: string; since: string }[];
  return rows.map((r) => {
    const pub = Buffer.from(r.publicKey, 'hex');
    return {
      vaultId,
      publicKey: r.publicKey,
      fingerprint: keyFingerprint(minisignPublicKeyLine(minisignKeyId(pub), pub)),
      name: r.name,
      reason: 'member' as const,
      since: r.since,
    };
  });
}

/** The signer directory of the vault `vaultId` (its own id: its members sign its own packages). */
export function loadSignerDirectory(db: ReadDb, vaultId: string): SignerDirectory {
  return { addressBook: addressBook(db), trusted: [...ownMembers(db, vaultId), ...knownSigners(db)] };
}
