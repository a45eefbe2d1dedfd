import { minisignPublicKeyLine, parseMinisignPublicKey } from '../../crypto/minisign';
import { keyFingerprint } from '../../vault/identity';
import type { PackageSigner } from './report';

/** A signer from keys.txt with the parsed minisign key. */
export interface ListedKey extends PackageSigner {
  keyId: Uint8Array;
  key: Uint8Array;
}

/** keys.txt taken apart: the keys that parsed, and what was wrong with the rest. */
interface KeysFile {
  keys: ListedKey[];
  problems: string[];
}

const HEADER = /^# (.+) ed25519:([0-9a-f]{64})$/;

/**
 * Parses keys.txt: blocks of `# <name> ed25519:<hex>`, the two lines of a minisign
 * public key, then a blank line. A block whose minisign key is not the named Ed25519 key is refused.
 */
export function parseKeysFile(text: string): KeysFile {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const keys: ListedKey[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const m = HEADER.exec(line);
    if (m === null) {
      problems.push(`line ${i + 1} is not a "# <name> ed25519:<key>" heading`);
      continue;
    }
    const name = m[1] ?? '';
    const hex = m[2] ?? '';
    const pub = `${lines[i + 1] ?? ''}\n${lines[i + 2] ?? ''}\n`;
    i += 2;
    try {
      const parsed = parseMinisignPublicKey(pub);
      if (Buffer.from(parsed.publicKey).toString('hex') !== hex) {
        problems.push(`the minisign key of ${name} is not the Ed25519 key its heading names`);
        continue;
      }
      const fingerprint = keyFingerprint(minisignPublicKeyLine(parsed.keyId, parsed.publicKey));
      keys.push({ name, publicKey: hex, fingerprint, keyId: parsed.keyId, key: parsed.publicKey });
    } catch {
      problems.push(`the minisign public key of ${name} cannot be read`);
    }
  }
  return { keys, problems };
}
