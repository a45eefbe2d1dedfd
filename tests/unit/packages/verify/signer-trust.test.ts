import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../../../main/crypto/sodium';
import { minisignKeyId, minisignPublicKeyLine } from '../../../../main/crypto/minisign';
import type { ListedKey } from '../../../../main/packages/verify';
import { CheckList } from '../../../../main/packages/verify/report';
import { checkSignerTrust, packageSigners, type SignerDirectory } from '../../../../main/packages/verify/signer-trust';
import { keyFingerprint } from '../../../../main/vault/identity';

const VAULT = '11111111-2222-4333-8444-555555555555';

async function newKey(name: string): Promise<ListedKey> {
  const sodium = await loadSodium();
  const { publicKey } = sodium.crypto_sign_keypair();
  const keyId = minisignKeyId(publicKey);
  return {
    name,
    publicKey: Buffer.from(publicKey).toString('hex'),
    fingerprint: keyFingerprint(minisignPublicKeyLine(keyId, publicKey)),
    keyId,
    key: publicKey,
  };
}

let alice: ListedKey;
let forger: ListedKey;
let bob: ListedKey;
let dir: SignerDirectory;

beforeAll(async () => {
  [alice, forger, bob] = [
    await newKey('Alice Partner NGO'),
    await newKey('Alice Partner NGO'),
    await newKey('Bob Field Lawyer'),
  ];
  dir = {
    addressBook: [
      { name: 'Alice Partner NGO', publicKey: alice.publicKey, fingerprint: alice.fingerprint },
      { name: 'Desk Without Key', publicKey: null, fingerprint: null },
    ],
    trusted: [
      {
        vaultId: VAULT,
        publicKey: bob.publicKey,
        fingerprint: bob.fingerprint,
        name: bob.name,
        reason: 'confirmed',
        since: '2026-02-03T10:00:00.000Z',
      },
    ],
  };
});

function judge(
  signers: ListedKey[],
  confirmed: string[] = [],
  vaultId = VAULT,
): { list: CheckList; statuses: string[] } {
  const list = new CheckList();
  const verdicts = checkSignerTrust(signers, vaultId, { directory: dir, confirmed }, list);
  return { list, statuses: verdicts.map((v) => v.status) };
}

describe('packages/verify/checkSignerTrust', () => {
  it('passes an address-book key whatever name the package gives it, and a key trusted before for that vault', () => {
    expect(judge([{ ...alice, name: 'Someone else' }]).statuses).toEqual(['address-book']);
    const known = judge([bob]);
    expect(known.statuses).toEqual(['known']);
    expect(known.list.checks[0]?.detail).toContain('2026-02-03');
    expect(known.list.ok).toBe(true);
  });

  it(
    'catches an impersonation however the name is disguised: case, spacing, full-width letters, invisible ' +
      'characters',
    () => {
      for (const name of [
        'alice partner ngo',
        '  Alice   Partner NGO ',
        'Ａｌｉｃｅ Partner NGO',
        'Alice\u200b Partner\u2066 NGO',
      ]) {
        const { list, statuses } = judge([{ ...forger, name }], [forger.fingerprint]);
        expect(statuses, name).toEqual(['impersonation']);
        expect(list.ok, name).toBe(false);
      }
    },
  );

  it(
    'refuses a changed key of a known vault and an unknown signer until confirmed, and a fingerprint that is no ' +
      "signer's",
    () => {
      const stranger = { ...forger, name: 'Carol Archive Desk' };
      expect(judge([stranger]).statuses).toEqual(['changed']);
      expect(judge([stranger], [], 'another-vault').statuses).toEqual(['unknown']);
      expect(judge([stranger], [stranger.fingerprint.toLowerCase()]).statuses).toEqual(['confirmed']);
      // One wrong digit is another fingerprint.
      const wrong = `${stranger.fingerprint.slice(0, -1)}${stranger.fingerprint.endsWith('0') ? '1' : '0'}`;
      const refused = judge([stranger], [wrong]);
      expect(refused.statuses).toEqual(['changed']);
      expect(refused.list.checks.filter((c) => !c.ok)).toHaveLength(2);
      // A right fingerprint beside a wrong one still fails the check.
      const mixed = judge([stranger], [stranger.fingerprint, alice.fingerprint]);
      expect(mixed.statuses).toEqual(['confirmed']);
      expect(mixed.list.ok).toBe(false);
    },
  );

  it('says so when a name matches an address-book entry that has no key to compare', () => {
    const { list, statuses } = judge([{ ...forger, name: 'Desk Without Key' }], [], 'another-vault');
    expect(statuses).toEqual(['unknown']);
    expect(list.checks[0]?.detail).toMatch(/without a signing key/);
  });

  it('without a vault, notes every signer as unchecked and fails nothing', () => {
    const list = new CheckList();
    expect(checkSignerTrust([alice, bob], VAULT, undefined, list).map((v) => v.status)).toEqual([
      'unchecked',
      'unchecked',
    ]);
    expect(list.checks.every((c) => c.ok && c.warning === true)).toBe(true);
  });
});

describe('packages/verify/packageSigners', () => {
  it('judges the checkpoint signer too when it is not the tag-manifest signer, once when it is', () => {
    expect(packageSigners(alice, alice.publicKey, [alice, bob])).toEqual([alice]);
    expect(packageSigners(alice, bob.publicKey, [alice, bob])).toEqual([alice, bob]);
    expect(packageSigners(alice, null, [alice, bob])).toEqual([alice]);
  });
});
