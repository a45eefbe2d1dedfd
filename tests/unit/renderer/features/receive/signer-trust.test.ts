import { describe, expect, it } from 'vitest';
import type { Res } from '../../../../../shared/contract';
import { signersToConfirm, type SignerVerdict } from '../../../../../renderer/features/receive/signer-trust';

type Report = Res<'packages:verify'>;
const base: Report = {
  ok: false,
  signers: [],
  checks: [],
  items: 1,
  importGrant: { grant: `grant-${'a'.repeat(22)}`, name: 'p.tar.age', label: 'p.tar.age' },
};
const verdict = (status: SignerVerdict['status']): SignerVerdict => ({
  name: 'Bob Field Lawyer',
  publicKey: 'ab',
  fingerprint: 'AAAA',
  minisignKey: 'RW',
  status,
});
const check = (name: Report['checks'][number]['check'], ok: boolean): Report['checks'][number] => ({
  check: name,
  ok,
  detail: '',
});

describe('renderer/receive/signersToConfirm', () => {
  it('offers to confirm an unknown signer or a changed key when nothing else failed', () => {
    for (const status of ['unknown', 'changed'] as const) {
      const r = {
        ...base,
        checks: [check('bagit', true), check('signer-trust', false)],
        signerTrust: [verdict(status)],
      };
      expect(signersToConfirm(r)).toEqual([verdict(status)]);
    }
  });

  it('offers nothing for a package that passed, failed another check, or impersonates an address-book entry', () => {
    expect(
      signersToConfirm({ ...base, ok: true, checks: [check('signer-trust', true)], signerTrust: [verdict('known')] }),
    ).toBeNull();
    expect(
      signersToConfirm({
        ...base,
        checks: [check('bagit', false), check('signer-trust', false)],
        signerTrust: [verdict('unknown')],
      }),
    ).toBeNull();
    expect(
      signersToConfirm({
        ...base,
        checks: [check('signer-trust', false), check('signer-trust', false)],
        signerTrust: [verdict('unknown'), verdict('impersonation')],
      }),
    ).toBeNull();
    expect(signersToConfirm({ ...base, checks: [check('signature', false)] })).toBeNull();
  });
});
