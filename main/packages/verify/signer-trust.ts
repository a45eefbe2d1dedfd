/**
 * Who signed the package, as the receiving vault knows them (check `signer-trust`, DESIGN §6).
 * The signatures prove only that the keys in keys.txt signed; keys.txt comes with the package,
 * so a package would otherwise certify itself. Here each signer of the tag manifest and the
 * checkpoint is compared with the address book's minisign keys and with the keys trusted
 * before for the sender's vault id.
 */
import { normalizeFingerprint, sameFingerprint } from '../../../shared/fingerprint';
import { minisignPublicKeyLine } from '../../crypto/minisign';
import type { ListedKey } from './keys-file';
import type { CheckList, SignerVerdict } from './report';

/** An address-book entry as the check needs it: its minisign key (hex) and fingerprint, null when it has none. */
export interface AddressBookSigner {
  name: string;
  publicKey: string | null;
  fingerprint: string | null;
}

/** A key this vault trusts for packages from `vaultId`: trusted at an earlier import, or one of its own members. */
export interface TrustedKey {
  vaultId: string;
  publicKey: string;
  fingerprint: string;
  name: string;
  reason: 'address-book' | 'confirmed' | 'member';
  since: string;
}

/** What the receiving vault knows of signers, read once before a verification. */
export interface SignerDirectory {
  addressBook: AddressBookSigner[];
  trusted: TrustedKey[];
}

/** How to judge the signers: the vault's directory, and the fingerprints the person confirmed for this import. */
export interface TrustOptions {
  directory: SignerDirectory;
  confirmed?: string[];
}

const WHERE = 'data/custody/keys.txt';

/**
 * Names compared as a person reads them: compatibility forms folded, invisible characters dropped, spaces and case
 * ignored.
 */
function sameName(a: string, b: string): boolean {
  const fold = (s: string): string =>
    s
      .normalize('NFKC')
      .replace(/\p{Cf}/gu, '')
      .replace(/\s+/gu, ' ')
      .trim()
      .toLowerCase();
  return fold(a) === fold(b);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** The verdict before any confirmation: address book first, then keys trusted for that vault. */
function verdictOf(signer: ListedKey, vaultId: string, dir: SignerDirectory): SignerVerdict {
  const base = {
    name: signer.name,
    publicKey: signer.publicKey,
    fingerprint: signer.fingerprint,
    minisignKey: minisignPublicKeyLine(signer.keyId, signer.key),
  };
  const entry = dir.addressBook.find((a) => a.publicKey === signer.publicKey);
  if (entry !== undefined) return { ...base, status: 'address-book', addressBookName: entry.name };
  const fromVault = dir.trusted.filter((t) => t.vaultId === vaultId);
  const known = fromVault.find((t) => t.publicKey === signer.publicKey);
  if (known !== undefined) return { ...base, status: known.reason === 'member' ? 'member' : 'known' };
  const claimed = dir.addressBook.find((a) => a.fingerprint !== null && sameName(a.name, signer.name));
  if (claimed !== undefined && claimed.fingerprint !== null)
    return { ...base, status: 'impersonation', addressBookName: claimed.name, expected: [claimed.fingerprint] };
  if (fromVault.length > 0)
    return { ...base, status: 'changed', expected: unique(fromVault.map((t) => t.fingerprint)) };
  return { ...base, status: 'unknown' };
}

/** The sentence of a passing verdict. */
function trustedDetail(v: SignerVerdict, vaultId: string, dir: SignerDirectory): string {
  const fp = v.fingerprint;
  if (v.status === 'address-book') {
    const alias =
      v.addressBookName !== undefined && !sameName(v.addressBookName, v.name)
        ? ` The package calls its signer "${v.name}".`
        : '';
    return (
      `Signed by "${v.addressBookName ?? v.name}" from your address book: the signing key (fingerprint ${fp}) is ` +
      `the one you saved for them.${alias}`
    );
  }
  if (v.status === 'member') return `Signed by "${v.name}", a member of this vault (fingerprint ${fp}).`;
  if (v.status === 'confirmed') {
    const replacing =
      v.expected === undefined ? '' : ` as the new key of that vault, replacing ${v.expected.join(', ')}`;
    return (
      `Signed by "${v.name}" (fingerprint ${fp}), which you confirmed for this import${replacing}: from now on ` +
      `it is trusted for packages from vault ${vaultId}.`
    );
  }
  const since =
    dir.trusted.find((t) => t.vaultId === vaultId && t.publicKey === v.publicKey)?.since.slice(0, 10) ?? '?';
  return (
    `Signed by "${v.name}" with the key you trusted on ${since} from this sender's vault ${vaultId} (fingerprint ` +
    `${fp}).`
  );
}

/** The sentence of a failing verdict: what is wrong and what to do. */
function refusedDetail(v: SignerVerdict, vaultId: string, dir: SignerDirectory): string {
  const fp = v.fingerprint;
  if (v.status === 'impersonation') {
    return (
      `Impersonation: the signer calls itself "${v.name}", the name of an entry in your address book, but signs ` +
      `with another key (fingerprint ${fp}, not ${v.expected?.join(', ') ?? '?'} as saved for ` +
      `"${v.addressBookName ?? ''}"). Do not trust this package. If they really have a new key, check it with ` +
      `them over a separate channel and replace their address-book entry.`
    );
  }
  if (v.status === 'changed') {
    const before = dir.trusted
      .filter((t) => t.vaultId === vaultId)
      .map((t) => `"${t.name}" (fingerprint ${t.fingerprint})`);
    return (
      `The sender's signing key changed: packages from vault ${vaultId} were signed by ` +
      `${unique(before).join(', ')}, but this one by "${v.name}" with fingerprint ${fp}. A new key after a ` +
      `recovery is possible, and so is someone else using that vault's name: compare ${fp} with the sender's ` +
      `signing-key fingerprint over a separate channel (a phone call; "vigil identity" shows it under "To check ` +
      `your signatures") before you confirm it.`
    );
  }
  const noKey = dir.addressBook.find((a) => a.fingerprint === null && sameName(a.name, v.name));
  const hint =
    noKey === undefined
      ? ''
      : ` Your address book has "${noKey.name}" without a signing key, so the two cannot be compared.`;
  return (
    `Unknown signer: "${v.name}" (fingerprint ${fp}) is neither in your address book nor a signer trusted before ` +
    `for vault ${vaultId}. Ask the sender to read out their signing-key fingerprint over a separate channel (a ` +
    `phone call; "vigil identity" shows it under "To check your signatures"), and confirm it only if it is ` +
    `${fp}.${hint}`
  );
}

/** Fingerprints the person confirmed that are no signer's of this package: refused, never taken as consent. */
function failMismatches(confirmed: string[], verdicts: SignerVerdict[], list: CheckList): void {
  for (const typed of confirmed) {
    if (verdicts.some((v) => sameFingerprint(typed, v.fingerprint))) continue;
    const actual = verdicts.map((v) => v.fingerprint).join(', ');
    list.fail(
      'signer-trust',
      `The fingerprint you confirmed, ${normalizeFingerprint(typed)}, is not the fingerprint of this package's ` +
        `signer (${actual}). Nothing is trusted on a fingerprint that does not match: ask the sender again over ` +
        `a separate channel.`,
      WHERE,
    );
  }
}

/**
 * Judges each signer (`signers`: the keys that signed the tag manifest and the checkpoint) of a
 * package from vault `vaultId`, adds one `signer-trust` check per signer, and returns the
 * verdicts. Without `trust` (no vault to compare with) each is a warning saying so. An unknown
 * signer or a changed key passes only when `trust.confirmed` holds its exact fingerprint; an
 * impersonation never does, and a confirmed fingerprint that matches no signer fails the check.
 */
export function checkSignerTrust(
  signers: ListedKey[],
  vaultId: string,
  trust: TrustOptions | undefined,
  list: CheckList,
): SignerVerdict[] {
  if (trust === undefined) {
    return signers.map((s) => {
      list.note(
        'signer-trust',
        `The signer "${s.name}" (fingerprint ${s.fingerprint}) was not checked against an address book or ` +
          `signers trusted before: no vault was given. Compare ${s.fingerprint} with the sender over a separate ` +
          `channel, or verify with your vault (--vault).`,
        WHERE,
      );
      return {
        name: s.name,
        publicKey: s.publicKey,
        fingerprint: s.fingerprint,
        minisignKey: minisignPublicKeyLine(s.keyId, s.key),
        status: 'unchecked',
      };
    });
  }
  const confirmed = trust.confirmed ?? [];
  const verdicts = signers.map((s) => {
    const v = verdictOf(s, vaultId, trust.directory);
    const mayConfirm = v.status === 'unknown' || v.status === 'changed';
    return mayConfirm && confirmed.some((c) => sameFingerprint(c, v.fingerprint))
      ? { ...v, status: 'confirmed' as const }
      : v;
  });
  for (const v of verdicts) {
    const ok = v.status === 'address-book' || v.status === 'member' || v.status === 'known' || v.status === 'confirmed';
    if (ok) list.pass('signer-trust', trustedDetail(v, vaultId, trust.directory), WHERE);
    else list.fail('signer-trust', refusedDetail(v, vaultId, trust.directory), WHERE);
  }
  failMismatches(confirmed, verdicts, list);
  return verdicts;
}

/** The distinct signers to judge: the tag manifest's and the checkpoint's (usually one key). */
export function packageSigners(tagSigner: ListedKey, checkpointSigner: string | null, keys: ListedKey[]): ListedKey[] {
  const cp = keys.find((k) => k.publicKey === checkpointSigner);
  return cp === undefined || cp.publicKey === tagSigner.publicKey ? [tagSigner] : [tagSigner, cp];
}
