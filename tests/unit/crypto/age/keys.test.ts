import { bech32 } from 'bech32';
import { describe, expect, it } from 'vitest';
import {
  encodeIdentity,
  encodeRecipient,
  generateX25519Identity,
  parseIdentity,
  parseRecipient,
  x25519PublicKey,
} from '../../../../main/crypto/age';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
// From the C2SP vectors; the recipient was printed by `age-keygen -y`.
const KAT_IDENTITY = 'AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0';
const KAT_RECIPIENT = 'age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef';

function secretOf(text: string): Uint8Array {
  const id = parseIdentity(text);
  if (id.kind !== 'x25519') throw new Error('expected x25519');
  return id.secretKey;
}

describe('crypto/age/x25519PublicKey', () => {
  it('matches RFC 7748 §6.1', () => {
    const alice = hex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    expect(Buffer.from(x25519PublicKey(alice)).toString('hex')).toBe(
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => x25519PublicKey(new Uint8Array(31))).toThrow(/32 bytes/);
  });
});

describe('crypto/age/parseIdentity', () => {
  it('gives the recipient age-keygen derives', () => {
    expect(encodeRecipient(x25519PublicKey(secretOf(KAT_IDENTITY)))).toBe(KAT_RECIPIENT);
    expect(encodeIdentity(secretOf(KAT_IDENTITY))).toBe(KAT_IDENTITY);
  });

  it.each([
    ['lower case', KAT_IDENTITY.toLowerCase()],
    ['mixed case', KAT_IDENTITY.slice(0, 20) + KAT_IDENTITY.slice(20).toLowerCase()],
    ['a recipient', KAT_RECIPIENT],
    ['a broken checksum', KAT_IDENTITY.slice(0, -1) + (KAT_IDENTITY.endsWith('0') ? '2' : '0')],
    ['a short key', encodeIdentityOfLength(31)],
    ['a long key', encodeIdentityOfLength(33)],
    ['garbage', 'AGE-SECRET-KEY-1'],
  ])('refuses %s with INVALID_INPUT', (_what, text) => {
    expect(() => parseIdentity(text)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

/** A well-formed Bech32 identity around a key of the wrong length. */
function encodeIdentityOfLength(n: number): string {
  return bech32.encode('AGE-SECRET-KEY-', bech32.toWords(new Uint8Array(n).fill(7)), 1023).toUpperCase();
}

describe('crypto/age/parseRecipient', () => {
  it('round-trips and tolerates surrounding whitespace', () => {
    const { publicKey } = generateX25519Identity();
    expect(parseRecipient(` ${encodeRecipient(publicKey)}\n`)).toEqual({ kind: 'x25519', publicKey });
  });

  it.each([
    ['upper case', KAT_RECIPIENT.toUpperCase()],
    ['an identity', KAT_IDENTITY],
    ['a broken checksum', KAT_RECIPIENT.slice(0, -1) + (KAT_RECIPIENT.endsWith('q') ? 'p' : 'q')],
    ['another prefix', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
  ])('refuses %s with INVALID_INPUT', (_what, text) => {
    expect(() => parseRecipient(text)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('crypto/age/generateX25519Identity', () => {
  it('makes a consistent, fresh key pair in both forms', () => {
    const a = generateX25519Identity();
    const b = generateX25519Identity();
    expect(a.identity).toMatch(/^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    expect(a.recipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(x25519PublicKey(a.secretKey)).toEqual(a.publicKey);
    expect(parseRecipient(a.recipient)).toEqual({ kind: 'x25519', publicKey: a.publicKey });
    expect(secretOf(a.identity)).toEqual(a.secretKey);
    expect(a.identity).not.toBe(b.identity);
  });
});
