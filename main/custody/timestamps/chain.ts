/**
 * Trust in a TSA: its signing certificate must lead, through the certificates at hand, to a
 * root the person chose (a self-issued certificate of the trust file), every certificate of the
 * path valid at the token's genTime. Revocation is not checked: an air-gapped vault has no CRL
 * or OCSP to ask (DESIGN §3).
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { distinguishedName, heldCert, isSelfIssued, sameCert, type HeldCert } from './certs';
import { OID, tspEngine } from './engine';

/**
 * Validates `signer` up to one of the self-issued certificates of `trust` (other certificates
 * of `trust` and of the token serve as intermediates) at `when`. Returns the path, or why not.
 */
export async function validateChain(
  signer: HeldCert,
  trust: readonly HeldCert[],
  tokenCerts: readonly HeldCert[],
  when: Date,
): Promise<{ ok: true; path: HeldCert[] } | { ok: false; reason: string }> {
  const anchors = trust.filter((c) => isSelfIssued(c.cert) && !sameCert(c.cert, signer.cert));
  if (anchors.length === 0)
    return {
      ok: false,
      reason:
        'the trust file holds no root (self-signed) certificate: give the certificate of the CA that issued ' +
        'the TSA certificate, root included',
    };
  // The signer must be the last and only copy of itself: pkijs's engine takes the last certificate as the leaf.
  const intermediates: HeldCert[] = [];
  for (const c of [...trust, ...tokenCerts]) {
    if (
      sameCert(c.cert, signer.cert) ||
      anchors.some((a) => sameCert(a.cert, c.cert)) ||
      intermediates.some((i) => sameCert(i.cert, c.cert))
    )
      continue;
    intermediates.push(c);
  }
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: anchors.map((c) => c.cert),
    certs: [...intermediates.map((c) => c.cert), signer.cert],
    checkDate: when,
  });
  let result: pkijs.CertificateChainValidationEngineVerifyResult;
  try {
    result = await engine.verify({}, tspEngine());
  } catch (err) {
    const message =
      (err as { resultMessage?: string }).resultMessage ?? (err instanceof Error ? err.message : String(err));
    return { ok: false, reason: untrusted(signer, message) };
  }
  if (!result.result) return { ok: false, reason: untrusted(signer, result.resultMessage) };
  const all = [...anchors, ...intermediates, signer];
  const path = (result.certificatePath ?? []).map((cert) => all.find((c) => sameCert(c.cert, cert)) ?? heldCert(cert));
  return { ok: true, path };
}

function untrusted(signer: HeldCert, why: string): string {
  return (
    `the TSA certificate (${distinguishedName(signer.cert.subject)}, issued by ` +
    `${distinguishedName(signer.cert.issuer)}) does not lead to a root certificate in the trust file (${why})`
  );
}

const ESS_HASHES: Record<string, string> = {
  [OID.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

function essCertHash(attr: pkijs.Attribute): { algorithm: string; hash: Buffer } | null {
  const signingCert = attr.values[0];
  if (!(signingCert instanceof asn1js.Sequence)) return null;
  const certs = signingCert.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return null;
  const first = certs.valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) return null;
  const [a, b] = first.valueBlock.value;
  if (attr.type === OID.signingCertificate)
    return a instanceof asn1js.OctetString ? { algorithm: 'sha1', hash: Buffer.from(a.valueBlock.valueHexView) } : null;
  // ESSCertIDv2: hashAlgorithm DEFAULT sha256, then certHash.
  if (a instanceof asn1js.OctetString) return { algorithm: 'sha256', hash: Buffer.from(a.valueBlock.valueHexView) };
  if (!(a instanceof asn1js.Sequence) || !(b instanceof asn1js.OctetString)) return null;
  const algorithm = ESS_HASHES[new pkijs.AlgorithmIdentifier({ schema: a }).algorithmId];
  return algorithm === undefined ? null : { algorithm, hash: Buffer.from(b.valueBlock.valueHexView) };
}

/**
 * RFC 3161 §2.4.2 / RFC 5816: the signed attributes name the signing certificate by its hash
 * (ESSCertID or ESSCertIDv2), so that another certificate for the same key cannot be put in
 * its place. Null when the first named certificate is `signer`, otherwise why not.
 */
export function signingCertificateProblem(signerInfo: pkijs.SignerInfo, signer: HeldCert): string | null {
  const attrs = signerInfo.signedAttrs?.attributes ?? [];
  const attr =
    attrs.find((a) => a.type === OID.signingCertificateV2) ?? attrs.find((a) => a.type === OID.signingCertificate);
  if (attr === undefined)
    return (
      'its signature does not name the TSA certificate (no ' + 'signing-certificate attribute, which RFC 3161 requires)'
    );
  const named = essCertHash(attr);
  if (named === null) return 'its signing-certificate attribute cannot be read';
  const actual = createHash(named.algorithm).update(signer.der).digest();
  return actual.equals(named.hash) ? null : 'its signature names another certificate than the one that signed it';
}
