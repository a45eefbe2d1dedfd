import { minisignVerify } from '../../crypto/minisign';
import { parseMinisignSignature } from '../../crypto/minisign/format';
import type { BagFiles } from '../bagit/bag-files';
import type { ListedKey } from './keys-file';
import { reason, type CheckList } from './report';

/** The name of the tag-manifest signature file (a tag file not listed in the tag manifests). */
export const TAG_SIGNATURE_FILE = 'tagmanifest-sha512.txt.minisig';

/** The trusted comment an exporter signs into the tag-manifest signature. */
export function tagTrustedComment(packageId: string, bagName: string): string {
  return `vigil package ${packageId} bag ${bagName}`;
}

/** The key in keys.txt that a minisign signature names, or a reason there is none. */
function signingKey(signatureText: string, keys: ListedKey[]): { key: ListedKey } | { reason: string } {
  const parsed = parseMinisignSignature(signatureText);
  if (!parsed.ok) return { reason: `the signature file cannot be read (${parsed.reason})` };
  const id = Buffer.from(parsed.parts.keyId);
  const key = keys.find((k) => id.equals(Buffer.from(k.keyId)));
  if (key === undefined)
    return { reason: `it was made with key ${id.toString('hex').toUpperCase()}, which keys.txt does not list` };
  return { key };
}

/** Verifies the minisign signature of `data` by a key from keys.txt; returns the signer or why not. */
export async function verifyBySigner(
  data: Uint8Array,
  signatureText: string,
  keys: ListedKey[],
  expectComment?: string,
): Promise<{ key: ListedKey } | { reason: string }> {
  const found = signingKey(signatureText, keys);
  if (!('key' in found)) return found;
  let result;
  try {
    result = await minisignVerify(data, signatureText, { keyId: found.key.keyId, publicKey: found.key.key });
  } catch (err) {
    return { reason: reason(err) };
  }
  if (!result.ok) return { reason: result.reason ?? 'the signature does not verify' };
  if (expectComment !== undefined && result.trustedComment !== expectComment) {
    return {
      reason:
        `its signed comment is "${result.trustedComment ?? ''}", not "${expectComment}": the signature belongs ` +
        `to another package`,
    };
  }
  return found;
}

/**
 * Checks the minisign signature over tagmanifest-sha512.txt (which seals every other file through
 * the manifests): by a key in keys.txt, for this package and bag, and by a member known from the custody entries.
 * Returns the signer, or null when none is established.
 */
export async function checkTagSignature(
  bag: BagFiles,
  ids: { packageId: string | undefined; bag: string },
  keys: ListedKey[],
  actors: Set<string>,
  list: CheckList,
): Promise<ListedKey | null> {
  const where = TAG_SIGNATURE_FILE;
  const text = (await bag.read(TAG_SIGNATURE_FILE))?.toString('utf8') ?? null;
  if (text === null) {
    list.fail(
      'signature',
      'The signature over the tag manifest is missing, so nobody vouches for the contents of this bag.',
      where,
    );
    return null;
  }
  const signed = await bag.read('tagmanifest-sha512.txt');
  if (signed === null) {
    list.fail('signature', 'The tag manifest the signature is over (tagmanifest-sha512.txt) is missing.', where);
    return null;
  }
  const outcome = await verifyBySigner(signed, text, keys, tagTrustedComment(ids.packageId ?? '?', ids.bag));
  if (!('key' in outcome)) {
    list.fail('signature', `The signature over the tag manifest does not hold: ${outcome.reason}.`, where);
    return null;
  }
  if (!actors.has(outcome.key.publicKey)) {
    list.fail(
      'signature',
      `The tag manifest is signed by ${outcome.key.name}, whose key made none of the package’s valid custody ` +
        `entries and was admitted as a member by none, so the signer is not established.`,
      where,
    );
    return null;
  }
  list.pass(
    'signature',
    `The tag manifest (and through it every file) is signed by ${outcome.key.name}, key fingerprint ` +
      `${outcome.key.fingerprint}.`,
    where,
  );
  return outcome.key;
}
