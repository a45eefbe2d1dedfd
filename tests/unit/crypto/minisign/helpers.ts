import { loadSodium } from '../../../../main/crypto/sodium';
import { minisignKeyId, type MinisignKey } from '../../../../main/crypto/minisign';

/** A fresh random minisign key with Vigil's derived key id. */
export async function newKey(): Promise<MinisignKey> {
  const sodium = await loadSodium();
  const pair = sodium.crypto_sign_keypair();
  return { keyId: minisignKeyId(pair.publicKey), publicKey: pair.publicKey, secretKey: pair.privateKey };
}

/** Rewrites line `index` (0-based) of a signature file. */
export function editLine(sig: string, index: number, edit: (line: string) => string): string {
  const lines = sig.split('\n');
  lines[index] = edit(lines[index] ?? '');
  return lines.join('\n');
}

/** Decodes a base64 line, lets `edit` change the bytes, and encodes it again (canonically). */
export function editB64(line: string, edit: (bytes: Buffer) => void): string {
  const bytes = Buffer.from(line, 'base64');
  edit(bytes);
  return bytes.toString('base64');
}
