import { VigilError, assertNever } from '../../../shared/errors';
import { verifyHeaderMac, type AgeHeader } from './header';
import { unwrapScrypt, wrapScrypt } from './scrypt';
import type { AgeIdentity, AgeRecipient, Stanza } from './types';
import { unwrapX25519, wrapX25519, x25519PublicKey } from './x25519';

/** One recipient stanza per recipient; a passphrase must be the only recipient (age's rule). */
export async function wrapFileKey(fileKey: Uint8Array, recipients: AgeRecipient[]): Promise<Stanza[]> {
  if (recipients.length === 0) throw new VigilError('INVALID_INPUT', 'Encrypting needs at least one recipient.');
  if (recipients.length > 1 && recipients.some((r) => r.kind === 'scrypt')) {
    throw new VigilError(
      'INVALID_INPUT',
      'A passphrase must be the only recipient of an age file; remove the other recipients.',
    );
  }
  const stanzas: Stanza[] = [];
  for (const r of recipients) {
    switch (r.kind) {
      case 'x25519':
        stanzas.push(wrapX25519(fileKey, r.publicKey));
        break;
      case 'scrypt':
        stanzas.push(await wrapScrypt(fileKey, r.passphrase, r.logN));
        break;
      default:
        assertNever(r, 'age recipient kind');
    }
  }
  return stanzas;
}

type Unwrapper = (s: Stanza) => Promise<Buffer | null>;

function unwrapperFor(id: AgeIdentity): Unwrapper {
  switch (id.kind) {
    case 'x25519': {
      const ours = x25519PublicKey(id.secretKey);
      return (s) => Promise.resolve(unwrapX25519(s, id.secretKey, ours));
    }
    case 'scrypt':
      return (s) => unwrapScrypt(s, id.passphrase, id.maxLogN);
    default:
      return assertNever(id, 'age identity kind');
  }
}

/**
 * Finds the file key: tries each identity against each stanza (stanzas of other types
 * are skipped), then checks the header MAC with the key found.
 */
export async function unwrapFileKey(header: AgeHeader, identities: AgeIdentity[]): Promise<Buffer> {
  if (identities.length === 0) throw new VigilError('INVALID_INPUT', 'Decrypting needs at least one identity.');
  if (header.stanzas.length !== 1 && header.stanzas.some((s) => s.type === 'scrypt')) {
    throw new VigilError(
      'AGE_MALFORMED',
      'The age header mixes a passphrase stanza with others, which age forbids; the file was altered.',
    );
  }
  for (const id of identities) {
    const unwrap = unwrapperFor(id);
    for (const stanza of header.stanzas) {
      const fileKey = await unwrap(stanza);
      if (fileKey) {
        verifyHeaderMac(fileKey, header);
        return fileKey;
      }
    }
  }
  const hasPassphrase = identities.some((i) => i.kind === 'scrypt');
  throw new VigilError(
    'AGE_NO_IDENTITY_MATCH',
    hasPassphrase
      ? 'The file could not be opened: wrong passphrase, or it was not encrypted to this key.'
      : 'The file was not encrypted to this key; use the identity it was encrypted to.',
  );
}
