/**
 * Remembering the signers an import trusted (known_signers, migration 0060): each new key for a
 * sender vault is written once, with a `package.signer_trusted` custody entry, inside the
 * import's transaction, so a failed import trusts nobody.
 */
import type { CustodyRecord } from '../../custody/log-store';
import type { Vault } from '../../vault/vault';
import type { SignerVerdict } from '../verify/report';

/** The import that brought the signers: the new case, the package and the sender's vault. */
export interface TrustingImport {
  caseId: string;
  packageId: string;
  sourceVault: string;
}

/**
 * Records the signers of `verdicts` trusted by this import — found in the address book, or
 * confirmed by the person — that known_signers does not yet hold for the sender's vault.
 * Custody data carries the key and fingerprint, never a name (names stay out of the log).
 * Returns how many were recorded.
 */
export function rememberSigners(vault: Vault, imp: TrustingImport, verdicts: SignerVerdict[]): number {
  const fresh = verdicts.filter(
    (v): v is SignerVerdict & { status: 'address-book' | 'confirmed' } =>
      v.status === 'address-book' || v.status === 'confirmed',
  );
  if (fresh.length === 0) return 0;
  return vault.change((db) => {
    const has = db.prepare('SELECT 1 FROM known_signers WHERE vault_id = ? AND public_key = ?');
    const insert = db.prepare(
      'INSERT INTO known_signers (vault_id, public_key, key_line, name, reason, package_id, trusted_at) VALUES ' +
        '(?, ?, ?, ?, ?, ?, ?)',
    );
    const custody: CustodyRecord[] = [];
    const now = new Date().toISOString();
    for (const v of fresh) {
      if (has.get(imp.sourceVault, v.publicKey) !== undefined) continue;
      insert.run(imp.sourceVault, v.publicKey, v.minisignKey, v.name, v.status, imp.packageId, now);
      const previous = v.expected === undefined ? {} : { previous: v.expected };
      custody.push({
        action: 'package.signer_trusted',
        subject: imp.caseId,
        hash: null,
        data: {
          packageId: imp.packageId,
          sourceVault: imp.sourceVault,
          publicKey: v.publicKey,
          fingerprint: v.fingerprint,
          reason: v.status,
          ...previous,
        },
      });
    }
    return { result: custody.length, custody };
  }).result;
}
